import { verifyCommand } from '../verify/verify-command';
import type { Command } from './command';
import { queryCommand } from './query-command';
import { tailCommand } from './tail-command';
import { testMetricFilterCommand } from './test-metric-filter-command';

/** Command name -> implementation and the line `logs --help` shows. A new command is one module and one entry. */
export const commands: Record<string, { readonly run: Command; readonly summary: string }> = {
  query: {
    run: queryCommand,
    summary: 'a Logs Insights query over the local logs, files or (--aws) the deployed stack',
  },
  'test-metric-filter': {
    run: testMetricFilterCommand,
    summary: 'offline `aws logs test-metric-filter`: which log events a filter pattern matches',
  },
  tail: {
    run: tailCommand,
    summary: 'follow the local logs live (or --aws with Live Tail), filtered by a filter pattern',
  },
  verify: {
    run: verifyCommand,
    summary: "prove, offline, that every metric filter matches and every alarm fires on the code's records",
  },
};
