import { PassThrough } from 'node:stream';
import tty from 'node:tty';
import fc from 'fast-check';
import { catalog, type EventName } from '../../layer/src/event-catalog';
import { formatAlarmChange, formatRecord } from '../../tools/local/console-view';
import type { LogRecord } from '../../tools/local/log-records';
import { painterFor, terminalSafe } from '../../tools/local/terminal-text';

/**
 * The readable console line: what it shows of a record, and that nothing in a record (an attacker's login
 * email, user agent or path) can reach the terminal as a control character.
 */
const plain = painterFor(new PassThrough());
const view = { paint: plain, serviceOf: (name: string) => ({ LoginFunction19F3584F: 'login' })[name] };

const entry = (record: Record<string, unknown>, functionName = 'LoginFunction19F3584F'): LogRecord => ({
  logGroupName: '/aws/lambda/login',
  logStreamName: 'stream',
  functionName,
  line: JSON.stringify(record),
  record,
  time: Date.parse('2026-12-01T10:00:00.000Z'),
});

/**
 * A terminal as Node sees one: a TTY whose color depth follows NO_COLOR and TERM. Jest gives tests a copy
 * of process.env that Node's internals do not read, so the copy is passed on explicitly.
 */
const terminal = (): NodeJS.WritableStream => {
  const stream = Object.assign(new PassThrough(), { isTTY: true });
  return Object.assign(stream, {
    getColorDepth: (env: NodeJS.ProcessEnv = process.env) =>
      tty.WriteStream.prototype.getColorDepth.call(stream, env),
  });
};

const withEnv = <T>(changes: Record<string, string | undefined>, run: () => T): T => {
  const saved = Object.fromEntries(Object.keys(changes).map((key) => [key, process.env[key]]));
  const apply = (values: Record<string, string | undefined>) => {
    for (const [key, value] of Object.entries(values)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  };
  apply(changes);
  try {
    return run();
  } finally {
    apply(saved);
  }
};

// C0, DEL, C1, bidi controls and line separators: nothing of these may reach the terminal.
const forbidden = /[\p{Cc}\p{Zl}\p{Zp}\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;

describe('console lines', () => {
  it("shows a user_action's action, user and target", () => {
    const line = formatRecord(
      entry({
        level: 'INFO',
        service: 'orders',
        message: 'user_action',
        category: 'application',
        action: 'order_viewed',
        target: 'o-42',
        user: 'j***@example.com',
      }),
      view,
    );
    expect(line).toContain('user_action action=order_viewed user=j***@example.com target=o-42');
  });

  it('shows every catalog field of every event, and the request fields once, in their columns', () => {
    const events = Object.keys(catalog) as EventName[];
    fc.assert(
      fc.property(fc.constantFrom(...events), fc.stringMatching(/^[a-z0-9_.-]{1,12}$/), (event, value) => {
        const fields = Object.keys(catalog[event].fields);
        const record = Object.fromEntries(fields.map((field) => [field, value]));
        const line = formatRecord(entry({ level: 'INFO', message: event, ...record }), view);
        for (const field of fields) {
          const inColumn = ['method', 'route', 'path', 'status_code', 'duration_ms'].includes(field);
          expect(line.includes(` ${field}=${value}`)).toBe(!inColumn);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('marks cold starts and only cold starts', () => {
    const record = {
      level: 'INFO',
      message: 'request_completed',
      method: 'POST',
      route: '/login',
      status_code: 200,
      duration_ms: 12.4,
    };
    expect(formatRecord(entry({ ...record, cold_start: true }), view)).toContain(
      'POST /login 200 12ms cold-start',
    );
    expect(formatRecord(entry(record), view)).not.toContain('cold-start');
  });

  it("names a function by its records' service, else by its configured service, never by a logical id", () => {
    expect(formatRecord(entry({ message: 'x', service: 'orders' }), view)).toContain(' orders x');
    expect(formatRecord(entry({ message: 'plain console line' }), view)).toContain(
      ' login plain console line',
    );
    expect(formatRecord(entry({ message: 'x' }, 'Unknown123'), view)).toContain(' Unknown123 x');
  });

  it('shows an error field as its name and message, and quotes values with spaces', () => {
    const line = formatRecord(
      entry({
        level: 'ERROR',
        message: 'request_failed',
        error: { name: 'TypeError', message: 'x is not a function', stack: '...' },
        user_agent: 'Mozilla/5.0 (X11; Linux)',
      }),
      view,
    );
    expect(line).toContain('user_agent="Mozilla/5.0 (X11; Linux)"');
    expect(line).toContain('error="TypeError: x is not a function"');
  });

  it('escapes every control character a record carries, wherever it is, and leaves other text alone', () => {
    const hostile = fc.string({
      unit: fc.oneof(
        fc.constantFrom('\u001b', '\u0007', '\u009b', '\u202e', '\u2028', '\r', '\n', '\u0000', '\u007f'),
        fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)),
      ),
      maxLength: 30,
    });
    fc.assert(
      fc.property(
        hostile,
        fc.constantFrom('user', 'path', 'user_agent', 'message', 'correlation_id', 'service', 'reason'),
        (text, key) => {
          const record = {
            level: 'INFO',
            message: 'login_attempt',
            category: 'security',
            outcome: 'failure',
            [key]: text,
          };
          const line = formatRecord(entry(record), view);
          expect(line).not.toMatch(forbidden);
          // Negative control: what is not a control character is shown as it is.
          // Segment by segment: removing a control character between two lone surrogates would join them.
          for (const segment of text.split(new RegExp(forbidden, 'gu')))
            for (const char of segment) if (char !== '"') expect(line).toContain(char);
        },
      ),
      // a control character between two lone surrogates (a seed that broke the negative control once)
      { numRuns: 500, examples: [['\ud800\u001b\udc00', 'user']] },
    );
    expect(terminalSafe('a\u001b[31mred\u001b[0m\u202eb\nc')).toBe('a\\x1b[31mred\\x1b[0m\\u202eb\\nc');
  });

  it('colors for a terminal, and never for a pipe, with NO_COLOR or TERM=dumb', () => {
    const record = entry({ level: 'ERROR', message: 'request_failed', category: 'error' });
    // Our own styling is the only escape a line may carry: ESC [ <n> m.
    const ansi = new RegExp(`${String.fromCharCode(27)}\\[\\d+m`);
    // CI (set by .ci/run) makes Node report a terminal as 2-color unless it names a known CI service
    withEnv({ NO_COLOR: undefined, FORCE_COLOR: undefined, TERM: 'xterm-256color', CI: undefined }, () => {
      expect(formatRecord(record, { paint: painterFor(terminal()) })).toMatch(ansi);
      expect(formatRecord(record, { paint: painterFor(new PassThrough()) })).not.toMatch(ansi);
    });
    withEnv({ NO_COLOR: '1', FORCE_COLOR: undefined }, () => {
      expect(formatRecord(record, { paint: painterFor(terminal()) })).not.toMatch(ansi);
    });
    withEnv({ NO_COLOR: undefined, FORCE_COLOR: undefined, TERM: 'dumb' }, () => {
      expect(formatRecord(record, { paint: painterFor(terminal()) })).not.toMatch(ansi);
    });
  });

  it('times an alarm line and escapes what it quotes', () => {
    const time = new Date(2026, 11, 1, 9, 8, 7, 654).getTime();
    const line = formatAlarmChange(
      {
        alarmName: 'CreamLogging-BruteForce\u001b]0;x\u0007',
        previous: 'OK',
        state: 'ALARM',
        reason: 'FailedLogins: 10 >= 10 in 5 min',
        timestampMs: time,
      },
      plain,
    );
    expect(line).toBe(
      '09:08:07.654 [alarm] ALARM CreamLogging-BruteForce\\x1b]0;x\\x07: FailedLogins: 10 >= 10 in 5 min (was OK)',
    );
  });
});
