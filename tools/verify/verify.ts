import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { apiIdOf, type FunctionModel, type StackModel } from '../cloud-assembly';
import { type AlarmOutcome, simulateAlarms } from './alarm-simulation';
import { archiveData } from './archive-data';
import { bundleHandler } from './bundle-handler';
import { type FilterCoverage, filterCoverage } from './filter-coverage';
import { platformData } from './platform-data';
import { pluginFor } from './plugins';
import { demoUser } from './plugins/login-requests';
import type { AwsFixtures, InvocationOutcome, RunnerInput } from './protocol';
import { runFunction } from './run-functions';
import { proveSavedQueries, type SavedQueryProof } from './saved-query-proofs';
import { type ScenarioSizing, sizeScenarios } from './scenario-sizing';
import { blockMs, buildScenarios, planInvocations, type Scenario } from './scenarios';
import { buildTimeline, simulationStartMs } from './timeline';
import { type FilterVerdict, judgeAlarm, judgeFilter, problemsOf } from './verdicts';
import { type VerifyTarget, verifyTargets } from './verify-targets';

const repoRoot = path.resolve(__dirname, '../..');

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
  /** What the report rests on that is a model of AWS rather than the code itself running. */
  readonly modelled: readonly string[];
  readonly problems: readonly string[];
  readonly ok: boolean;
}

/**
 * Said in every report: the handlers, the layer, its records, the filter patterns, EMF and alarm evaluation are
 * the real code and CloudWatch's documented rules; these parts stand in for AWS.
 */
const modelled = [
  'AWS calls: in-process fakes answering like the services (one attempt per SDK call: the mock stands in front of the SDK retries DynamoDB would count); a function without a plug-in gets an empty 200 answer to every call',
  'generic faults: injected from outside the handler (a middleware used after its own throws, hangs, waits or prints; every SDK call fails under an outage)',
  'AWS/Lambda, AWS/ApiGateway, AWS/DynamoDB datapoints: derived from each invocation outcome (a thrown error is a Lambda error and an API 500, a throttle no invocation, API latency the invocation plus 5 ms)',
  "Lambda's platform.start/platform.report and the runtime's Invoke Error records: written as Lambda's JSON log format does",
  'AWS/Logs and AWS/Firehose archive datapoints: the documented subscription, buffering and retry behaviour; stream and bucket faults injected',
  'AWS/Logs LogEventsWithFindings: data protection identifiers approximated by patterns (emails, AWS secret keys, private key headers)',
  'slow dependencies: the runner clock jumps by the delay instead of waiting; throttles and timeouts are injected faults',
];

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
  debugCredentials: {
    accessKeyId: `AKIA${randomBytes(8).toString('hex').toUpperCase()}`,
    secretAccessKey: randomBytes(30).toString('base64'),
  },
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

export interface VerifyOptions {
  /** The directory `cream:entry` paths are relative to (the CDK app's). @default the repository root */
  readonly appDir?: string;
}

/**
 * Runs the real handlers through the scenarios and checks the stack's monitoring against what they wrote:
 * every metric/subscription filter must match some record, every alarm must reach ALARM in some scenario,
 * and benign traffic must leave every alarm out of ALARM.
 */
export const verifyStack = async (model: StackModel, options: VerifyOptions = {}): Promise<VerifyReport> => {
  const fixtures = fixturesFor(model);
  const targets = verifyTargets(model, options.appDir ?? repoRoot);
  const byRole = new Map(targets.map((target) => [target.role, target]));
  const perRole = <T>(value: (target: VerifyTarget) => T): Record<string, T> =>
    Object.fromEntries(targets.map((target) => [target.role, value(target)]));
  const sizing = sizeScenarios(
    model.alarms,
    targets.map((target) => ({
      role: target.role,
      service: target.fn.environment.POWERTOOLS_SERVICE_NAME,
      functionName: target.fn.functionName,
      timeoutMs: target.timeoutMs,
      routed: target.routes.length > 0,
    })),
  );
  const scenarios = buildScenarios(sizing, targets);
  const plans = planInvocations(scenarios, (role) => byRole.get(role)?.timeoutMs ?? 3_000);
  const inputs: RunnerInput[] = [];
  let results: Awaited<ReturnType<typeof runFunction>>[];
  try {
    for (const target of targets) {
      const plugin = pluginFor(target.role);
      inputs.push({
        role: target.role,
        fakeModules: plugin?.fakes ? [plugin.fakes] : [],
        bundle: bundleHandler(target.source, target.role),
        functionName: target.fn.functionName,
        memoryMb: target.fn.memoryMb,
        logGroupName: target.fn.logGroupName,
        environment: { ...lambdaEnvironment(model, target.fn), ...plugin?.environment },
        fixtures,
        invocations: plans.filter((plan) => plan.role === target.role),
      });
    }
    // Each function runs in its own process, all at once: the whole run costs about the slowest one.
    results = await Promise.all(inputs.map(runFunction));
  } finally {
    for (const input of inputs) rmSync(input.bundle, { force: true });
  }
  const records = results.flatMap((result) => result.records);
  const outcomes = results.flatMap((result) => result.outcomes);

  const info = new Map(scenarios.map((scenario) => [scenario.name, scenario]));
  const timelineFunction = (fn: FunctionModel) => ({
    logGroupName: fn.logGroupName,
    logFormat: fn.logFormat,
    systemLogLevel: fn.systemLogLevel,
    memoryMb: fn.memoryMb,
    timeoutMs: fn.timeoutSeconds * 1000,
  });
  const timeline = buildTimeline(
    plans,
    records,
    outcomes,
    perRole((target) => timelineFunction(target.fn)),
    info,
  );
  const platform = platformData(plans, outcomes, {
    functions: perRole((target) => ({ functionName: target.fn.functionName, timeoutMs: target.timeoutMs })),
    apiId: apiIdOf(model),
    stage: '$default',
  });
  const filters = [...model.metricFilters, ...model.subscriptionFilters].map((filter) =>
    filterCoverage(filter, timeline),
  );
  const pipelineFaults = new Map(
    scenarios.flatMap((s) => (s.pipeline ? [[s.block, s.pipeline] as const] : [])),
  );
  const lastBlock = Math.max(...scenarios.map((scenario) => scenario.block));
  const archive = archiveData(
    timeline,
    model.subscriptionFilters,
    model.deliveryStreams,
    (timestampMs) => pipelineFaults.get(Math.floor((timestampMs - simulationStartMs) / blockMs)),
    simulationStartMs + (lastBlock + 1) * blockMs,
  );
  const alarms = simulateAlarms(
    model.alarms,
    model.metricFilters,
    timeline,
    [...platform, ...archive],
    model.logGroups,
  ).map((outcome) => ({
    ...outcome,
    description: model.alarms.find((alarm) => alarm.logicalId === outcome.logicalId)?.description ?? '',
  }));

  const judgedFilters = filters.map((filter) => ({ ...filter, ...judgeFilter(filter, filters) }));
  const judgedAlarms = alarms.map((alarm) => ({
    ...alarm,
    ...judgeAlarm(alarm, sizing.limits.find((limit) => limit.logicalId === alarm.logicalId)?.reason),
  }));
  const logGroupOf = perRole((target) => target.fn.logGroupName);
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
    modelled,
    problems,
    ok: problems.length === 0,
  };
};
