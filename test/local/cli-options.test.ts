import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { CommandSpec } from '../../tools/cli/parse';
import { parseOptions, startCommand } from '../../tools/local/options';
import { main as usersAdd, usersAddCommand } from '../../tools/users-add';

/** `npm start` and `users:add` options: every one documented in --help, nothing unknown accepted. */
const projectRoot = path.resolve(__dirname, '../..');

const capture = () => {
  const out = { stdout: '', stderr: '' };
  const io = {
    stdin: Readable.from(['']),
    stdout: (text: string) => {
      out.stdout += text;
    },
    stderr: (text: string) => {
      out.stderr += text;
    },
  };
  return { out, io };
};

const flagsOf = (spec: CommandSpec): string[] =>
  Object.entries(spec.options).map(([name, option]) =>
    option.default === true ? `--no-${name}` : `--${name}`,
  );

describe('npm start options', () => {
  it('has defaults for everything, flags winning over the environment', () => {
    const { io } = capture();
    expect(parseOptions([], {}, io)).toMatchObject({
      port: 3000,
      json: false,
      synth: true,
      watch: true,
      home: path.join(projectRoot, '.cream'),
      cdkOutDir: path.join(projectRoot, 'cdk.out'),
      projectRoot,
    });
    const env = { PORT: '4000', CREAM_HOME: '/tmp/h' };
    expect(parseOptions([], env, io)).toMatchObject({ port: 4000, home: '/tmp/h' });
    expect(
      parseOptions(['--port=5000', '--json', '--no-synth', '--no-watch', '--home', 'state'], env, io),
    ).toMatchObject({
      port: 5000,
      json: true,
      synth: false,
      watch: false,
      home: path.join(projectRoot, 'state'),
    });
  });

  it('prints usage with every option for --help (stdout, exit 0), even after another mistake', () => {
    for (const argv of [['--help'], ['-h'], ['--bogus', '--help']]) {
      const { out, io } = capture();
      expect(parseOptions(argv, {}, io)).toBe(0);
      expect(out.stderr).toBe('');
      for (const flag of [...flagsOf(startCommand), '--help'])
        expect(out.stdout).toMatch(new RegExp(`^ {2}(-\\w, )?${flag}\\b`, 'm'));
    }
  });

  it.each([
    [['--bogus'], 'unknown option --bogus'],
    [['--no-json'], 'unknown option --no-json'],
    [['extra'], 'unexpected argument extra'],
    [['--port'], "option '--port <value>' argument missing"],
    [['--port', '70000'], 'invalid port from --port: 70000'],
    [['--port', '-1'], "option '--port' argument is ambiguous"],
  ])('rejects %j with a message naming the problem, exit 2', (argv, problem) => {
    const { out, io } = capture();
    expect(parseOptions(argv, {}, io)).toBe(2);
    expect(out.stdout).toBe('');
    expect(out.stderr.split('\n')[0]).toContain(`error: ${problem}`);
  });

  it('rejects a bad PORT from the environment too', () => {
    const { out, io } = capture();
    expect(parseOptions([], { PORT: 'http' }, io)).toBe(2);
    expect(out.stderr).toContain('invalid port from PORT: http');
  });

  it('answers --help and an unknown option the same through npm start itself', () => {
    const run = (args: string[]) =>
      spawnSync('npm', ['start', '--silent', '--', ...args], {
        cwd: projectRoot,
        encoding: 'utf8',
        timeout: 60_000,
      });
    const help = run(['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain(`Usage: ${startCommand.usage}`);
    const bogus = run(['--bogus']);
    expect(bogus.status).toBe(2);
    expect(bogus.stderr).toContain('error: unknown option --bogus');
  });
});

describe('users:add options', () => {
  it('prints usage with every option for --help, exit 0', async () => {
    const { out, io } = capture();
    expect(await usersAdd(['--help'], io)).toBe(0);
    for (const flag of [...flagsOf(usersAddCommand), '--help'])
      expect(out.stdout).toMatch(new RegExp(`^ {2}(-\\w, )?${flag}\\b`, 'm'));
  });

  it.each([
    [['--email', 'a@b.co', '--pasword', 'x'], 'unknown option --pasword'],
    [['--email', 'a@b.co', '--password', 'long enough', '--home', '/x'], '--home is only used with --local'],
    [['--email', 'a@b.co', '--password', 'long enough', '--password-stdin'], 'not both'],
    [['--email', 'nope', '--password', 'long enough'], '--email must be an email address'],
  ])('rejects %j, exit 2', async (argv, problem) => {
    const { out, io } = capture();
    expect(await usersAdd(argv, io)).toBe(2);
    expect(out.stderr).toContain(problem);
  });
});
