import type { CommandSpec } from '../cli/parse';
import { OutputFormats } from './query-output';

export const querySpec: CommandSpec = {
  usage:
    "npm run --silent logs -- query 'QUERY' [--group NAME ...] [--since D | --start T --end T] [--format F]\n" +
    '       npm run --silent logs -- query --saved NAME [...]\n' +
    "       npm run --silent logs -- query 'QUERY' --file F.jsonl [--file G.jsonl ...]\n" +
    "       npm run --silent logs -- query 'QUERY' --aws [--stack NAME] [--region R]\n" +
    "       npm run --silent logs -- query --check 'QUERY'",
  summary:
    'Runs a CloudWatch Logs Insights query over the local logs `npm start` stored (.cream/logs, every log group of\n' +
    'the stack unless --group), over files (--file), or on the deployed stack (--aws), and prints the rows.\n' +
    'Exit 0 with the rows (none is fine), 1 when the query is malformed or fails, 2 on a usage error.',
  options: {
    group: {
      type: 'string',
      multiple: true,
      valueName: 'NAME',
      description: 'a log group (repeatable): its name, its function (logical id, service), or access',
    },
    saved: {
      type: 'string',
      valueName: 'NAME',
      description: 'a saved query of the stack ("Slowest requests", folder optional), on its log groups',
    },
    'correlation-id': {
      type: 'string',
      valueName: 'ID',
      description: 'put ID where the query says PASTE-CORRELATION-ID ("One request by correlation id")',
    },
    since: {
      type: 'string',
      valueName: 'D',
      description: 'search the last D: 30s, 15m, 2h, 1d (default 1h)',
    },
    start: { type: 'string', valueName: 'T', description: 'search from T: ISO 8601 or epoch ms' },
    end: { type: 'string', valueName: 'T', description: 'search up to T, inclusive (default now)' },
    limit: {
      type: 'string',
      valueName: 'N',
      description: "at most N rows (StartQuery's limit; default 10000)",
    },
    format: {
      type: 'string',
      valueName: OutputFormats.join('|'),
      description: 'table (aligned, terminal-safe; default), json (an array of row objects), csv',
    },
    file: {
      type: 'string',
      multiple: true,
      valueName: 'F',
      description: 'search this file instead, one event per line (repeatable; - for stdin; all times)',
    },
    check: {
      type: 'string',
      valueName: 'QUERY',
      description: 'only validate QUERY: exit 1 with the problem and where, as MalformedQueryException',
    },
    aws: {
      type: 'boolean',
      description: "on the deployed stack's log groups (StartQuery; your AWS credentials)",
    },
    stack: {
      type: 'string',
      valueName: 'NAME',
      description: 'the stack in cdk.out, and its deployed name with --aws (default: the only one)',
    },
    region: {
      type: 'string',
      valueName: 'R',
      description: 'with --aws: the region (default: AWS_REGION / profile)',
    },
    home: {
      type: 'string',
      valueName: 'DIR',
      description: 'the local state npm start used (default .cream)',
    },
    'cdk-out': {
      type: 'string',
      valueName: 'DIR',
      description: 'the synthesized stack (default cdk.out; synthesized first when missing)',
    },
  },
  positionals: 'QUERY',
  notes: [
    'Examples:',
    '  npm run --silent logs -- query \'filter correlation_id = "abc" or requestId = "abc" | sort @timestamp asc\'',
    '  npm run --silent logs -- query --saved "One request by correlation id" --correlation-id abc',
    '  npm run --silent logs -- query --saved "Failed logins by source IP" --since 1d',
    "  npm run --silent logs -- query 'stats count(*) by message' --file records.jsonl --format csv",
    '',
    'Local groups: the stack in cdk.out names them; `@log` reads <account id>:<group>, as in CloudWatch.',
    'The summary (rows, records matched and scanned) goes to stderr; stdout carries only the rows.',
  ],
};
