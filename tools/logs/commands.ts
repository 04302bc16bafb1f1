import { verifyCommand } from '../verify/verify-command';
import type { Command } from './command';
import { testMetricFilterCommand } from './test-metric-filter-command';

/** Command name -> implementation. A new command is one module and one line here. */
export const commands: Record<string, Command> = {
  'test-metric-filter': testMetricFilterCommand,
  verify: verifyCommand,
};
