import { spawnSync } from 'node:child_process';
import path from 'node:path';

const ROOT = path.join(__dirname, '..', '..');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');
const CLI = path.join(ROOT, 'tools', 'logs-cli.ts');

function run(args: string[], input = ''): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(TSX, [CLI, ...args], { cwd: ROOT, input, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

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
});
