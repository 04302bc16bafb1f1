import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CapturedLine, InstanceSpec } from '../../tools/local/function-instance';
import { FunctionPool } from '../../tools/local/function-pool';
import { prepareRuntimeFiles } from '../../tools/local/function-runtime';
import { WorkerEnv } from '../../tools/local/worker-protocol';

/**
 * Function instances as Lambda runs them, with small inline handlers instead of the stack's bundles: module
 * scope survives between warm invocations, a timeout kills the instance, errors come back as Lambda errors.
 */
const projectRoot = path.resolve(__dirname, '../..');
const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cream-pool-'));
const runtime = prepareRuntimeFiles(path.join(workDir, 'home'), projectRoot);

const handlerSource = `
let invocations = 0;
console.log('init');
exports.handler = async (event, context) => {
  invocations += 1;
  if (event.mode === 'sleep') await new Promise((resolve) => setTimeout(resolve, 5000));
  if (event.mode === 'throw') throw new TypeError('boom');
  process.stdout.write(JSON.stringify({ level: 'INFO', message: 'handled', request: context.awsRequestId }) + '\\n');
  console.error('plain text on stderr');
  return { invocations, remaining: context.getRemainingTimeInMillis(), fn: context.functionName };
};
`;

// Tests wait for worker processes to start, answer and exit (waitFor: up to 20 s, a 30 s limit in one case).
jest.setTimeout(60_000);

const makePool = (lines: CapturedLine[], timeoutMs = 1000) => {
  const codeDir = fs.mkdtempSync(path.join(workDir, 'code-'));
  fs.writeFileSync(path.join(codeDir, 'index.js'), handlerSource);
  return new FunctionPool(
    {
      functionName: 'Inline',
      workerScript: runtime.workerScript,
      cwd: codeDir,
      timeoutMs,
      env: {
        PATH: process.env.PATH ?? '',
        AWS_LAMBDA_FUNCTION_NAME: 'Inline',
        [WorkerEnv.handlerFile]: path.join(codeDir, 'index.js'),
        [WorkerEnv.handlerExport]: 'handler',
      },
    },
    (line) => lines.push(line),
  );
};

/** A handler that reports its code version and, for `wait`, holds its invocation until `release` exists. */
const versionedCode = (version: string): InstanceSpec => {
  const codeDir = fs.mkdtempSync(path.join(workDir, `code-${version}-`));
  fs.writeFileSync(
    path.join(codeDir, 'index.js'),
    `exports.handler = async (event) => {
      console.log('started ' + ${JSON.stringify(version)});
      if (event.wait) await new Promise((resolve) => {
        const timer = setInterval(() => require('fs').existsSync(event.wait) && (clearInterval(timer), resolve()), 10);
      });
      return { version: ${JSON.stringify(version)} };
    };`,
  );
  return {
    functionName: 'Versioned',
    workerScript: runtime.workerScript,
    cwd: codeDir,
    timeoutMs: 30_000,
    env: {
      PATH: process.env.PATH ?? '',
      [WorkerEnv.handlerFile]: path.join(codeDir, 'index.js'),
      [WorkerEnv.handlerExport]: 'handler',
    },
  };
};

const waitFor = async (condition: () => boolean, what: string, timeoutMs = 20_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

afterAll(() => fs.rmSync(workDir, { recursive: true, force: true }));

describe('FunctionPool', () => {
  it('starts cold once, then serves warm invocations from the same instance', async () => {
    // Prepare
    const lines: CapturedLine[] = [];
    const pool = makePool(lines);

    // Act
    const first = await pool.invoke({}, 'req-1', 'Root=1-0-0');
    const second = await pool.invoke({}, 'req-2', 'Root=1-0-0');
    await pool.stop();

    // Assess
    expect(first).toMatchObject({
      coldStart: true,
      outcome: { kind: 'result', value: { invocations: 1, fn: 'Inline' } },
    });
    expect(second).toMatchObject({
      coldStart: false,
      outcome: { kind: 'result', value: { invocations: 2 } },
    });
    const remaining = (first.outcome as { value: { remaining: number } }).value.remaining;
    expect(remaining).toBeGreaterThan(500);
    expect(remaining).toBeLessThanOrEqual(1000);
    expect(second.logStreamName).toBe(first.logStreamName);
  });

  it('attributes every printed line to its request, console output as JSON records with levels', async () => {
    const lines: CapturedLine[] = [];
    const pool = makePool(lines);

    await pool.invoke({}, 'req-1', 'Root=1-0-0');
    await pool.stop();

    const parsed = lines.map((line) => ({ requestId: line.requestId, record: JSON.parse(line.line) }));
    expect(parsed).toEqual([
      { requestId: undefined, record: expect.objectContaining({ level: 'INFO', message: 'init' }) },
      { requestId: 'req-1', record: { level: 'INFO', message: 'handled', request: 'req-1' } },
      {
        requestId: 'req-1',
        record: expect.objectContaining({
          level: 'ERROR',
          message: 'plain text on stderr',
          requestId: 'req-1',
        }),
      },
    ]);
  });

  it('kills an instance that exceeds its timeout, so the next invocation is a cold start', async () => {
    const lines: CapturedLine[] = [];
    const pool = makePool(lines, 300);

    const timedOut = await pool.invoke({ mode: 'sleep' }, 'req-1', 'Root=1-0-0');
    const next = await pool.invoke({}, 'req-2', 'Root=1-0-0');
    await pool.stop();

    expect(timedOut.outcome).toEqual({ kind: 'timeout' });
    // Stopped by the timeout, long before the handler's own 5 s sleep would have ended.
    expect(timedOut.durationMs).toBeLessThan(4000);
    expect(next).toMatchObject({ coldStart: true, outcome: { kind: 'result', value: { invocations: 1 } } });
    expect(next.logStreamName).not.toBe(timedOut.logStreamName);
  });

  it('returns a thrown error as a Lambda error and logs it, keeping the instance warm', async () => {
    const lines: CapturedLine[] = [];
    const pool = makePool(lines);

    const failed = await pool.invoke({ mode: 'throw' }, 'req-1', 'Root=1-0-0');
    const next = await pool.invoke({}, 'req-2', 'Root=1-0-0');
    await pool.stop();

    expect(failed.outcome).toMatchObject({
      kind: 'error',
      error: { errorType: 'TypeError', errorMessage: 'boom' },
    });
    expect(next.coldStart).toBe(false);
    expect(lines.map((line) => JSON.parse(line.line))).toContainEqual(
      expect.objectContaining({
        level: 'ERROR',
        message: 'Invoke Error',
        errorType: 'TypeError',
        requestId: 'req-1',
      }),
    );
  });

  it('scales out with a second (cold) instance when the first is busy', async () => {
    const pool = makePool([]);

    const [a, b] = await Promise.all([
      pool.invoke({}, 'req-1', 'Root=1-0-0'),
      pool.invoke({}, 'req-2', 'Root=1-0-0'),
    ]);
    await pool.stop();

    expect([a.coldStart, b.coldStart]).toEqual([true, true]);
    expect(a.logStreamName).not.toBe(b.logStreamName);
  });

  it('runs new code after replace, in a fresh cold instance', async () => {
    const pool = new FunctionPool(versionedCode('a'), () => undefined);

    const before = await pool.invoke({}, 'req-1', 'Root=1-0-0');
    await pool.replace(versionedCode('b'));
    const after = await pool.invoke({}, 'req-2', 'Root=1-0-0');
    await pool.stop();

    expect(before).toMatchObject({ coldStart: true, outcome: { value: { version: 'a' } } });
    expect(after).toMatchObject({ coldStart: true, outcome: { value: { version: 'b' } } });
    expect(after.logStreamName).not.toBe(before.logStreamName);
  });

  it('lets an invocation in flight finish on the old code, then retires its instance', async () => {
    const lines: string[] = [];
    const pool = new FunctionPool(versionedCode('a'), (line) => lines.push(line.line));
    const release = path.join(workDir, `release-${Date.now()}`);

    const inFlight = pool.invoke({ wait: release }, 'req-1', 'Root=1-0-0');
    await waitFor(() => lines.some((line) => line.includes('started a')), 'the invocation to start');
    await pool.replace(versionedCode('b'));
    fs.writeFileSync(release, '');
    const finished = await inFlight;
    const next = await pool.invoke({}, 'req-2', 'Root=1-0-0');
    await pool.stop();

    expect(finished.outcome).toEqual({ kind: 'result', value: { version: 'a' } });
    expect(next).toMatchObject({ coldStart: true, outcome: { value: { version: 'b' } } });
  });
});
