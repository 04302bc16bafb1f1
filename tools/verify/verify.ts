import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import path from 'node:path';
import type { FunctionModel, StackModel } from '../cloud-assembly';
import { type AlarmOutcome, simulateAlarms } from './alarm-simulation';
import { bundleHandler } from './bundle-handler';
import { type FilterCoverage, filterCoverage } from './filter-coverage';
import type { AwsFixtures, FunctionRole, InvocationOutcome, RunnerInput } from './protocol';
import { runFunction } from './run-functions';
import { proveSavedQueries, type SavedQueryProof } from './saved-query-proofs';
import { type ScenarioSizing, sizeScenarios } from './scenario-sizing';
import { buildScenarios, demoUser, planInvocations, type Scenario } from './scenarios';
import { buildTimeline } from './timeline';
import { type FilterVerdict, judgeAlarm, judgeFilter, problemsOf } from './verdicts';

const repoRoot = path.resolve(__dirname, '../..');

/** Which deployed function runs which handler source: found through the HTTP API route that invokes it. */
const roles: Record<FunctionRole, { readonly path: string; readonly source: string }> = {
  login: { path: '/login', source: 'functions/login/index.ts' },
  health: { path: '/health/logs', source: 'functions/health/index.ts' },
};

export interface ScenarioSummary {
  readonly name: string;
  readonly description: string;
  readonly benign: boolean;
  readonly invocations: number;
  readonly records: number;
  /** Response status (or error name) → count. */
  readonly responses: Readonly<Record<string, number>>;
}

export interface VerifyReport {
  readonly stackName: string;
  readonly scenarios: readonly ScenarioSummary[];
  readonly filters: readonly (FilterCoverage & FilterVerdict)[];
  readonly alarms: readonly (AlarmOutcome & FilterVerdict & { readonly description: string })[];
  /** Every saved Logs Insights query, run on the scenarios' records. */
  readonly savedQueries: readonly SavedQueryProof[];
  /** The fault scenarios' sizes, derived from the stack's alarm thresholds. */
  readonly sizing: ScenarioSizing;
  readonly problems: readonly string[];
  readonly ok: boolean;
}

const functionFor = (model: StackModel, role: FunctionRole): FunctionModel => {
  const route = model.routes.find((candidate) => candidate.path === roles[role].path);
  const fn = model.functions.find((candidate) => candidate.logicalId === route?.functionLogicalId);
  if (!fn) throw new Error(`No function behind a route for ${roles[role].path} in stack ${model.stackName}`);
  return fn;
};

/** What Lambda puts in every function's environment besides the template's variables. */
const lambdaEnvironment = (model: StackModel, fn: FunctionModel): Record<string, string> => ({
  ...fn.environment,
  AWS_REGION: model.pseudo.region,
  AWS_DEFAULT_REGION: model.pseudo.region,
  AWS_LAMBDA_FUNCTION_NAME: fn.functionName,
  AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
  AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(fn.memoryMb),
  AWS_LAMBDA_LOG_GROUP_NAME: fn.logGroupName,
  AWS_EXECUTION_ENV: `AWS_Lambda_${fn.runtime ?? 'nodejs'}`,
  AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
  ...(fn.logFormat ? { AWS_LAMBDA_LOG_FORMAT: fn.logFormat } : {}),
  ...(fn.applicationLogLevel ? { AWS_LAMBDA_LOG_LEVEL: fn.applicationLogLevel } : {}),
  TZ: 'UTC',
});

const fixturesFor = (model: StackModel): AwsFixtures => ({
  users: [demoUser],
  // 48 random bytes as text: comfortably above HS256's 32-byte minimum.
  jwtSecret: randomBytes(48).toString('base64'),
  logGroups: model.logGroups.map((group) => ({ name: group.name, retentionDays: group.retentionDays })),
  metricFilters: model.metricFilters.map(({ logGroupName, filterName }) => ({ logGroupName, filterName })),
});

const summarize = (scenario: Scenario, outcomes: InvocationOutcome[], records: number): ScenarioSummary => {
  const responses: Record<string, number> = {};
  for (const outcome of outcomes) {
    const key = outcome.statusCode === undefined ? (outcome.error ?? 'none') : String(outcome.statusCode);
    responses[key] = (responses[key] ?? 0) + 1;
  }
  const { name, description, benign, invocations } = scenario;
  return { name, description, benign, invocations: invocations.length, records, responses };
};

/**
 * Runs the real handlers through the scenarios and checks the stack's monitoring against what they wrote:
 * every metric/subscription filter must match some record, every alarm must reach ALARM in some scenario,
 * and benign traffic must leave every alarm out of ALARM.
 */
export const verifyStack = async (model: StackModel): Promise<VerifyReport> => {
  const fixtures = fixturesFor(model);
  const functions = { login: functionFor(model, 'login'), health: functionFor(model, 'health') };
  const roleInfo = (fn: FunctionModel) => ({
    service: fn.environment.POWERTOOLS_SERVICE_NAME,
    timeoutMs: fn.timeoutSeconds * 1000,
  });
  const sizing = sizeScenarios(model.alarms, {
    login: roleInfo(functions.login),
    health: roleInfo(functions.health),
  });
  const scenarios = buildScenarios(sizing);
  const plans = planInvocations(scenarios);
  const inputs = (Object.keys(roles) as FunctionRole[]).map(
    (role): RunnerInput => ({
      role,
      bundle: bundleHandler(path.join(repoRoot, roles[role].source), role),
      functionName: functions[role].functionName,
      memoryMb: functions[role].memoryMb,
      logGroupName: functions[role].logGroupName,
      environment: lambdaEnvironment(model, functions[role]),
      fixtures,
      invocations: plans.filter((plan) => plan.role === role),
    }),
  );
  // The two functions run concurrently, each in its own process: the whole run costs the slower one.
  let results: Awaited<ReturnType<typeof runFunction>>[];
  try {
    results = await Promise.all(inputs.map(runFunction));
  } finally {
    for (const input of inputs) rmSync(input.bundle, { force: true });
  }
  const records = results.flatMap((result) => result.records);
  const outcomes = results.flatMap((result) => result.outcomes);

  const info = new Map(scenarios.map((scenario) => [scenario.name, scenario]));
  const logGroupOf = { login: functions.login.logGroupName, health: functions.health.logGroupName };
  const timeline = buildTimeline(plans, records, logGroupOf, info);
  const filters = [...model.metricFilters, ...model.subscriptionFilters].map((filter) =>
    filterCoverage(filter, timeline),
  );
  const alarms = simulateAlarms(model.alarms, model.metricFilters, timeline).map((outcome) => ({
    ...outcome,
    description: model.alarms.find((alarm) => alarm.logicalId === outcome.logicalId)?.description ?? '',
  }));

  const judgedFilters = filters.map((filter) => ({ ...filter, ...judgeFilter(filter, filters) }));
  const judgedAlarms = alarms.map((alarm) => ({
    ...alarm,
    ...judgeAlarm(alarm, sizing.limits.find((limit) => limit.logicalId === alarm.logicalId)?.reason),
  }));
  const savedQueries = proveSavedQueries(model, { timeline, plans, records, outcomes, logGroupOf });
  const problems = [
    ...problemsOf(judgedFilters, judgedAlarms),
    ...savedQueries.flatMap((proof) => proof.problems),
  ];
  const summaries = scenarios.map((scenario) => {
    const ids = new Set(plans.filter((plan) => plan.scenario === scenario.name).map((plan) => plan.id));
    return summarize(
      scenario,
      outcomes.filter((outcome) => ids.has(outcome.invocationId)),
      records.filter((record) => ids.has(record.invocationId)).length,
    );
  });
  return {
    stackName: model.stackName,
    scenarios: summaries,
    filters: judgedFilters,
    alarms: judgedAlarms,
    savedQueries,
    sizing,
    problems,
    ok: problems.length === 0,
  };
};
