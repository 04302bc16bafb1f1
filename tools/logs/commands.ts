import { verifyCommand } from '../verify/verify-command';
import type { Command } from './command';
import { testMetricFilterCommand } from './test-metric-filter-command';

/** Command name -> implementation and the line `logs --help` shows. A new command is one module and one entry. */
export const commands: Record<string, { readonly run: Command; readonly summary: string }> = {
  'test-metric-filter': {
    run: testMetricFilterCommand,
    summary: 'offline `aws logs test-metric-filter`: which log events a filter pattern matches',
  },
  verify: {
    run: verifyCommand,
    summary: "prove, offline, that every metric filter matches and every alarm fires on the code's records",
  },
};
