import type { FunctionRole, HttpRequest } from '../protocol';
import type { ScenarioSizing } from '../scenario-sizing';
import type { ScenarioDraft } from '../scenarios';
import type { VerifyTarget } from '../verify-targets';

/**
 * What verify knows about one function beyond the generic scenarios: its own stories (brute force, health
 * probes...) and the AWS fakes they need, keyed by the function's `service`. A function without a plug-in
 * gets the generic scenarios only.
 */
export interface VerifyPlugin {
  /** The `service` of the function (POWERTOOLS_SERVICE_NAME). */
  readonly role: FunctionRole;
  /** Variables the function's runner adds to its Lambda environment. @default none */
  readonly environment?: Readonly<Record<string, string>>;
  /** Absolute path of a module exporting `installFakes` (see aws-fakes.ts), loaded in the function's runner. */
  readonly fakes?: string;
  /**
   * What an ordinary request to the function is, when the plug-in knows better than its routes (a login with
   * good credentials rather than an empty body): the generic scenarios send these instead. @default - from its routes
   */
  ordinaryRequests?(target: VerifyTarget): readonly HttpRequest[];
  /** Its scenarios, sized from the stack's alarms; `target` is the function as the stack model has it. */
  scenarios(sizing: ScenarioSizing, target: VerifyTarget): readonly ScenarioDraft[];
}
