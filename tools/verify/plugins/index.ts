import type { FunctionRole } from '../protocol';
import { healthPlugin } from './health';
import { loginPlugin } from './login';
import type { VerifyPlugin } from './plugin';

export type { VerifyPlugin } from './plugin';

/** The plug-ins, one per function verify knows more about. */
export const plugins: readonly VerifyPlugin[] = [loginPlugin, healthPlugin];

export const pluginFor = (role: FunctionRole): VerifyPlugin | undefined =>
  plugins.find((plugin) => plugin.role === role);
