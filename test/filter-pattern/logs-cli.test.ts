import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { CommandSpec } from '../../tools/cli/parse';
import { testMetricFilterSpec } from '../../tools/logs/test-metric-filter-command';
import { main } from '../../tools/logs-cli';
import { verifySpec } from '../../tools/verify/verify-command';

const ROOT = path.join(__dirname, '..', '..');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');
const CLI = path.join(ROOT, 'tools', 'logs-cli.ts');

function run(args: string[], input = ''): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(TSX, [CLI, ...args], { cwd: ROOT, input, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The CLI in-process: same dispatch and parsing, no process start per case. */
async function runInProcess(
  args: string[],
  input = '',
): Promise<{ status: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const status = await main(args, {
    stdin: Readable.from([input]),
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
  });
  return { status, stdout, stderr };
}

/** `--port`, or `--no-watch` for a boolean that defaults to true: how the option is typed by a user. */
const flagsOf = (spec: CommandSpec): string[] =>
  Object.entries(spec.options).map(([name, option]) =>
    option.default === true ? `--no-${name}` : `--${name}`,
  );

describe('logs CLI', () => {
  it('prints the TestMetricFilter response for one pattern, like aws logs test-metric-filter', () => {
    const result = run([
      'test-metric-filter',
      '--filter-pattern',
      '[ip, user, username, timestamp, request, status_code = 4*, bytes]',
      '--log-event-messages',
      '127.0.0.1 - frank [10/Oct/2000:13:25:15 -0700] "GET /index.html HTTP/1.0" 404 1534',
      '127.0.0.1 - frank [10/Oct/2000:13:35:22 -0700] "GET /index.html HTTP/1.0" 200 5324',
    ]);
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      matches: [
        {
          eventNumber: 1,
          eventMessage: '127.0.0.1 - frank [10/Oct/2000:13:25:15 -0700] "GET /index.html HTTP/1.0" 404 1534',
          extractedValues: {
            $ip: '127.0.0.1',
            $user: '-',
            $username: 'frank',
            $timestamp: '10/Oct/2000:13:25:15 -0700',
            $request: 'GET /index.html HTTP/1.0',
            $status_code: '404',
            $bytes: '1534',
          },
        },
      ],
    });
  });

  it('reports an invalid pattern on stderr with exit code 1', () => {
    const result = run(['test-metric-filter', '--filter-pattern', '{ $.a = }', '--log-event-messages', '{}']);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim()).toBe(
      "An error occurred (InvalidParameterException) when calling the TestMetricFilter operation: unexpected token '}', expected a value after '=' at position 8",
    );
  });

  it('answers one JSON line per request in --batch mode', () => {
    const requests = [
      {
        filterPattern: '{ $.status_code = 404 }',
        logEventMessages: ['{"status_code":404}', '{"status_code":200}'],
      },
      { filterPattern: '{ $.a = ', logEventMessages: ['x'] },
      { filterPattern: 'ERROR', logEventMessages: ['fine'] },
    ];
    const result = run(
      ['test-metric-filter', '--batch'],
      `${requests.map((request) => JSON.stringify(request)).join('\n')}\n`,
    );
    expect(result.status).toBe(0);
    const lines = result.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines).toEqual([
      {
        matches: [
          {
            eventNumber: 1,
            eventMessage: '{"status_code":404}',
            extractedValues: { '$.status_code': '404' },
          },
        ],
      },
      { error: "unexpected end of pattern, expected a value after '=' at position 8" },
      { matches: [] },
    ]);
  });

  it('lists the commands for an unknown command', () => {
    const result = run(['nope']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('test-metric-filter');
  });

  it('prints usage listing every command for --help, exit 0', async () => {
    for (const args of [['--help'], ['-h']]) {
      const result = await runInProcess(args);
      expect(result).toMatchObject({ status: 0, stderr: '' });
      expect(result.stdout).toMatch(/^Usage: npm run --silent logs -- <command>/);
      expect(result.stdout).toMatch(/^ {2}test-metric-filter {2}\S/m);
      expect(result.stdout).toMatch(/^ {2}verify {2,}\S/m);
    }
  });

  it.each([
    ['verify', verifySpec],
    ['test-metric-filter', testMetricFilterSpec],
  ])('prints the usage of %s with every option for --help, exit 0', async (command, spec) => {
    const result = await runInProcess([command, '--help']);
    expect(result).toMatchObject({ status: 0, stderr: '' });
    expect(result.stdout).toContain(`Usage: ${spec.usage}`);
    for (const flag of [...flagsOf(spec), '--help'])
      expect(result.stdout).toMatch(new RegExp(`^ {2}(-\\w, )?${flag}\\b`, 'm'));
  });

  it('names an unknown command or option and exits 2', async () => {
    const command = await runInProcess(['verfy']);
    expect(command).toMatchObject({ status: 2, stdout: '' });
    expect(command.stderr).toMatch(/^error: unknown command verfy\n/);
    for (const name of ['verify', 'test-metric-filter']) {
      const option = await runInProcess([name, '--cdk-outt', 'x']);
      expect(option).toMatchObject({ status: 2, stdout: '' });
      expect(option.stderr).toMatch(/^error: unknown option --cdk-outt\n/);
    }
    const stray = await runInProcess([
      'test-metric-filter',
      'oops',
      '--filter-pattern',
      'x',
      '--log-event-messages',
      'm',
    ]);
    expect(stray).toMatchObject({ status: 2 });
    expect(stray.stderr).toMatch(/^error: unexpected argument oops\n/);
    expect((await runInProcess([])).status).toBe(2);
  });

  it('reads log events from a file or from stdin, one per line, with the same answer as arguments', async () => {
    const events = ['{"status_code":503}', '{"status_code":200}', 'ERROR plain text with spaces'];
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cream-tmf-'));
    const file = path.join(dir, 'events.log');
    fs.writeFileSync(file, `${events.join('\r\n')}\n\n`);
    const pattern = ['--filter-pattern', '{ $.status_code >= 500 } '];
    try {
      const fromArgs = await runInProcess([
        'test-metric-filter',
        ...pattern,
        '--log-event-messages',
        ...events,
      ]);
      const fromFile = await runInProcess([
        'test-metric-filter',
        ...pattern,
        '--log-event-messages-file',
        file,
      ]);
      const fromStdin = await runInProcess(
        ['test-metric-filter', ...pattern, '--log-event-messages-file', '-'],
        `${events.join('\n')}\n`,
      );
      expect(JSON.parse(fromArgs.stdout)).toEqual({
        matches: [{ eventNumber: 1, eventMessage: events[0], extractedValues: { '$.status_code': '503' } }],
      });
      expect(fromFile).toEqual(fromArgs);
      expect(fromStdin).toEqual(fromArgs);

      const missing = await runInProcess([
        'test-metric-filter',
        ...pattern,
        '--log-event-messages-file',
        `${file}.nope`,
      ]);
      expect(missing.status).toBe(1);
      expect(missing.stderr).toMatch(/cannot read .*events\.log\.nope: ENOENT/);
      const both = await runInProcess([
        'test-metric-filter',
        ...pattern,
        '--log-event-messages',
        'x',
        '--log-event-messages-file',
        file,
      ]);
      expect(both.status).toBe(2);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
