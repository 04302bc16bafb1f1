import type { LogRecord } from '../../tools/local/log-records';
import { InvocationOrder } from '../../tools/local/record-order';

/**
 * The console's order: a failed request's buffered DEBUG records reach the console after records written
 * later (the layer flushes them at the end), and concurrent requests interleave. Each invocation's records
 * are released together, oldest first, when it ends.
 */
const at = (time: number, fields: Record<string, unknown>): LogRecord => ({
  logGroupName: 'g',
  logStreamName: 's',
  functionName: 'Login',
  line: JSON.stringify(fields),
  record: fields,
  time,
});

const setup = () => {
  const released: string[] = [];
  const order = new InvocationOrder((entry) => released.push(String(entry.record.message)));
  return { released, order };
};

describe('InvocationOrder', () => {
  it("releases a request's records in time order when it ends, flushed DEBUG records first", () => {
    // Prepare: arrival order as the layer writes a 5xx: system_event, then the flush, then the final record.
    const { released, order } = setup();
    const request = { function_request_id: 'r1' };

    // Act
    order.add(at(30, { ...request, message: 'system_event' }));
    order.add(at(10, { ...request, message: 'request_started' }));
    order.add(at(20, { ...request, message: 'external_call' }));
    order.add(at(40, { ...request, message: 'request_completed' }));
    const beforeEnd = [...released];
    order.end('r1');

    // Assess
    expect(beforeEnd).toEqual([]);
    expect(released).toEqual(['request_started', 'external_call', 'system_event', 'request_completed']);
  });

  it('keeps concurrent requests apart and the arrival order of records with the same time', () => {
    const { released, order } = setup();
    order.add(at(5, { function_request_id: 'a', message: 'a1' }));
    order.add(at(5, { requestId: 'b', message: 'b1' }));
    order.add(at(5, { function_request_id: 'a', message: 'a2' }));
    order.add(at(6, { type: 'platform.report', record: { requestId: 'b' }, message: 'b2' }));
    order.end('b');
    order.end('a');
    expect(released).toEqual(['b1', 'b2', 'a1', 'a2']);
  });

  it('passes records of no invocation straight through, and late records of an ended one too', () => {
    const { released, order } = setup();
    order.add(at(1, { message: 'init line' }));
    order.end('r1');
    order.add(at(2, { function_request_id: 'r1', message: 'late callback' }));
    expect(released).toEqual(['init line', 'late callback']);
  });

  it('loses nothing held when flushed on shutdown', () => {
    const { released, order } = setup();
    order.add(at(2, { function_request_id: 'x', message: 'second' }));
    order.add(at(1, { function_request_id: 'y', message: 'first of y' }));
    order.flush();
    expect(released.sort()).toEqual(['first of y', 'second']);
  });
});
