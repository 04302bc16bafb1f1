import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import { CreamLoggingStack } from '../../lib/cream-logging-stack';
import {
  entryOf,
  type FunctionDefinition,
  parseRouteKey,
  pascalCase,
  projectRoot,
  validateFunctions,
} from '../../lib/function-registry';
import { functions } from '../../lib/functions';
import { functionFilterSpecs, loginFilterSpecs } from '../../lib/monitoring-metric-filters';
import { type SynthesizedStack, synthesize } from './synth';

/**
 * A plain entry, as `npm run new:function` or a user writes it, with its handler in the test fixtures. Its
 * name and routes are the test's own, so the test holds whatever the registry lists (an `orders` too).
 */
const orders: FunctionDefinition = {
  name: 'fixture-orders',
  description: 'GET /fixture-orders/{id}: one order',
  routes: ['GET /fixture-orders/{id}', 'DELETE /fixture-orders/{id}'],
  memorySize: 512,
  timeoutSeconds: 5,
  alarms: { p99LatencyMs: 800, serverErrorRatePercent: 2, lambdaErrorsPer5Min: 3 },
  entry: join(__dirname, 'fixtures', 'orders', 'index.ts'),
};

let base: SynthesizedStack;
let extended: SynthesizedStack;
beforeAll(() => {
  base = synthesize();
  extended = synthesize({ functions: [...functions, orders] });
});
afterAll(() => {
  base.cleanup();
  extended.cleanup();
});

const logicalIdOf = (synth: SynthesizedStack, construct: { node: { defaultChild?: unknown } }) =>
  synth.stack.getLogicalId(construct.node.defaultChild as never);
const ordersFn = () => extended.stack.fn(orders.name);
const ordersGroup = () => ({ Ref: logicalIdOf(extended, ordersFn().logGroup) });
const ordersFunction = () => ({ Ref: logicalIdOf(extended, ordersFn().function) });
const resourcesOf = (synth: SynthesizedStack, type: string) =>
  Object.values(synth.template.findResources(type)) as { Properties: Record<string, unknown> }[];
const countOf = (synth: SynthesizedStack, type: string) => resourcesOf(synth, type).length;

/** A `Fn::Join` body with its references written as `${LogicalId}` / `${LogicalId.Attr}`: the JSON text. */
const joined = (value: unknown): string => {
  if (typeof value === 'string') return value;
  const node = value as { 'Fn::Join'?: [string, unknown[]]; Ref?: string; 'Fn::GetAtt'?: string[] };
  if (node['Fn::Join']) return node['Fn::Join'][1].map(joined).join(node['Fn::Join'][0]);
  if (node.Ref) return `\${${node.Ref}}`;
  if (node['Fn::GetAtt']) return `\${${node['Fn::GetAtt'].join('.')}}`;
  throw new Error(`unexpected intrinsic ${JSON.stringify(value)}`);
};
type Widget = { type: string; properties: { title: string; query?: string; metrics?: unknown[] } };
const widgetsOf = (synth: SynthesizedStack): Widget[] =>
  JSON.parse(joined(resourcesOf(synth, 'AWS::CloudWatch::Dashboard')[0].Properties.DashboardBody)).widgets;
const alarmsOf = (synth: SynthesizedStack) => resourcesOf(synth, 'AWS::CloudWatch::Alarm');

describe('the registry', () => {
  it('lists login and health, each self-contained, and names their handlers after them', () => {
    expect(functions.map((definition) => definition.name)).toEqual(
      expect.arrayContaining(['login', 'health']),
    );
    for (const definition of functions)
      expect(entryOf(definition)).toBe(join(projectRoot, 'functions', definition.name, 'index.ts'));
    expect(entryOf(orders)).toBe(orders.entry);
    expect(entryOf({ ...orders, entry: 'test/stack/fixtures/orders/index.ts' })).toBe(orders.entry);
    expect(pascalCase('order-history')).toBe('OrderHistory');
    expect(parseRouteKey('GET /orders/{id}')).toEqual({ method: 'GET', path: '/orders/{id}' });
  });

  it.each([
    ['a name not in kebab-case', { ...orders, name: 'Orders' }, /not kebab-case/],
    ['no route', { ...orders, routes: [] }, /has no route/],
    ['a route without a method', { ...orders, routes: ['/orders'] }, /is not "<METHOD> \/path"/],
    ['an unknown method', { ...orders, routes: ['FETCH /orders'] }, /is not "<METHOD> \/path"/],
    ['a route of another function', { ...orders, routes: ['POST /login'] }, /already belongs to "login"/],
    ['a name listed twice', { ...orders, name: 'login' }, /listed twice/],
    ['a timeout above Lambda’s 900 s', { ...orders, timeoutSeconds: 901 }, /timeoutSeconds must be/],
    ['memory below 128 MB', { ...orders, memorySize: 64 }, /memorySize must be a whole number/],
    [
      'a duration share above 1',
      { ...orders, alarms: { durationShareOfTimeout: 1.5 } },
      /durationShareOfTimeout/,
    ],
    ['a negative p99', { ...orders, alarms: { p99LatencyMs: -1 } }, /p99LatencyMs must be a number above 0/],
  ] as const)('refuses %s at synth', (_what, entry, message) => {
    expect(() => validateFunctions([...functions, entry])).toThrow(message);
    expect(
      () =>
        new CreamLoggingStack(new App({ context: { 'aws:cdk:bundling-stacks': [] } }), 'Bad', {
          functions: [...functions, entry],
        }),
    ).toThrow(message);
  });
});

describe('a function added to the registry', () => {
  it('gets its own log group with retention and a function with JSON logs, its memory, timeout and service name', () => {
    const group = extended.template.toJSON().Resources[ordersGroup().Ref];
    expect(group.Properties.RetentionInDays).toBe(30);
    extended.template.hasResourceProperties('AWS::Lambda::Function', {
      MemorySize: 512,
      Timeout: 5,
      LoggingConfig: Match.objectLike({ LogFormat: 'JSON', LogGroup: ordersGroup() }),
      Environment: { Variables: Match.objectLike({ POWERTOOLS_SERVICE_NAME: orders.name }) },
    });
    expect(logicalIdOf(extended, ordersFn().function)).toMatch(/^FixtureOrders/);
  });

  it('gets its routes on the HTTP API, through one integration of its own function', () => {
    const integrations = Object.entries(extended.template.findResources('AWS::ApiGatewayV2::Integration'))
      .filter(([, integration]) =>
        JSON.stringify(integration.Properties.IntegrationUri).includes(ordersFunction().Ref),
      )
      .map(([id]) => id);
    expect(integrations).toHaveLength(1);
    for (const routeKey of orders.routes) {
      extended.template.hasResourceProperties('AWS::ApiGatewayV2::Route', {
        RouteKey: routeKey,
        Target: Match.objectLike({ 'Fn::Join': ['', Match.arrayWith([{ Ref: integrations[0] }])] }),
      });
    }
  });

  it('gets exactly the generic metric filters, none of login’s', () => {
    const names = resourcesOf(extended, 'AWS::Logs::MetricFilter')
      .filter((filter) => JSON.stringify(filter.Properties.LogGroupName) === JSON.stringify(ordersGroup()))
      .map((filter) => filter.Properties.FilterName);
    expect(names.sort()).toEqual(functionFilterSpecs.map((spec) => spec.filterName).sort());
    for (const spec of loginFilterSpecs) expect(names).not.toContain(spec.filterName);
  });

  it('gets its own 5xx rate and p99 latency alarms, with its overrides', () => {
    const rate = alarmsOf(extended).find((alarm) => {
      const metrics = JSON.stringify(alarm.Properties.Metrics ?? []);
      return (
        metrics.includes('"ServerErrors"') &&
        metrics.includes(`"${orders.name}"`) &&
        !metrics.includes('ApiGateway')
      );
    });
    expect(rate?.Properties).toMatchObject({ Threshold: 2, EvaluationPeriods: 3, DatapointsToAlarm: 2 });
    expect(JSON.stringify(rate?.Properties.Metrics)).toContain('"RequestLatency"');
    extended.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'RequestLatency',
      Dimensions: [{ Name: 'service', Value: orders.name }],
      ExtendedStatistic: 'p99',
      Threshold: 800,
    });
    expect(Object.keys(extended.stack.alarms.serverErrorRate)).toContain(orders.name);
    expect(Object.keys(extended.stack.alarms.latency)).toContain(orders.name);
  });

  it('feeds the stack-wide error-record and timeout alarms from its own group', () => {
    const { errorEvents, timeouts } = extended.stack.alarms;
    for (const alarm of [errorEvents, timeouts]) {
      const props = extended.template.toJSON().Resources[logicalIdOf(extended, alarm)].Properties;
      // a filter on the orders group publishes the very metric the alarm watches
      extended.template.hasResourceProperties('AWS::Logs::MetricFilter', {
        LogGroupName: ordersGroup(),
        MetricTransformations: [
          Match.objectLike({ MetricNamespace: props.Namespace, MetricName: props.MetricName }),
        ],
      });
    }
  });

  it('gets the platform alarms (Lambda errors with its override, throttles, duration at 80% of its timeout) and the redaction alarm', () => {
    const dimensions = [{ Name: 'FunctionName', Value: ordersFunction() }];
    for (const [metric, threshold] of [
      ['Errors', 3],
      ['Throttles', 1],
    ] as const) {
      extended.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Namespace: 'AWS/Lambda',
        MetricName: metric,
        Dimensions: dimensions,
        Threshold: threshold,
      });
    }
    extended.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/Lambda',
      MetricName: 'Duration',
      Dimensions: dimensions,
      Threshold: 4000,
    });
    extended.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/Logs',
      MetricName: 'LogEventsWithFindings',
      Dimensions: [{ Name: 'LogGroupName', Value: ordersGroup() }],
    });
  });

  it('gets no brute-force alarm: the only FailedLogins filter and alarm stay login’s', () => {
    const failedLogins = resourcesOf(extended, 'AWS::Logs::MetricFilter').filter((filter) =>
      JSON.stringify(filter.Properties.MetricTransformations).includes('"FailedLogins"'),
    );
    expect(failedLogins.map((filter) => filter.Properties.LogGroupName)).toEqual([
      { Ref: logicalIdOf(extended, extended.stack.login.logGroup) },
    ]);
    const bruteForce = alarmsOf(extended).filter((alarm) => alarm.Properties.MetricName === 'FailedLogins');
    expect(bruteForce).toHaveLength(
      alarmsOf(base).filter((a) => a.Properties.MetricName === 'FailedLogins').length,
    );
    expect(JSON.stringify(bruteForce)).not.toContain(orders.name);
  });

  it('is on the dashboard: requests, cold starts, 5xx, Lambda metrics and every log query widget', () => {
    const widgets = widgetsOf(extended);
    const titled = (prefix: string) => {
      const widget = widgets.find((w) => w.properties.title.startsWith(prefix));
      if (!widget) throw new Error(`no widget "${prefix}"`);
      return JSON.stringify(widget.properties);
    };
    expect(titled('Requests per function')).toContain(`"service","${orders.name}"`);
    expect(titled('Cold starts per function')).toContain(`"service","${orders.name}"`);
    expect(titled('Errors: ERROR records, 5xx per function')).toContain(`5xx ${orders.name}`);
    expect(titled('Lambda: errors and throttles')).toContain(`\${${ordersFunction().Ref}}`);
    const logWidgets = widgets.filter((w) => w.type === 'log');
    expect(logWidgets.length).toBeGreaterThan(0);
    for (const widget of logWidgets)
      expect(widget.properties.query).toContain(`SOURCE '\${${ordersGroup().Ref}}'`);
    const alarmWidget = widgets.find((w) => w.type === 'alarm');
    expect(JSON.stringify(alarmWidget)).toContain(
      logicalIdOf(extended, extended.stack.alarms.latency[orders.name]),
    );
  });

  it('is in the saved queries that read every function, and not in the failed-logins one', () => {
    for (const query of resourcesOf(extended, 'AWS::Logs::QueryDefinition')) {
      const groups = JSON.stringify(query.Properties.LogGroupNames);
      if (String(query.Properties.Name).endsWith('/Failed logins by source IP'))
        expect(groups).not.toContain(ordersGroup().Ref);
      else expect(groups).toContain(ordersGroup().Ref);
    }
  });

  it('has its security records archived and its group checked by the health function', () => {
    extended.template.hasResourceProperties('AWS::Logs::SubscriptionFilter', {
      LogGroupName: ordersGroup(),
      FilterPattern: '{ $.category = "security" }',
    });
    const health =
      extended.template.toJSON().Resources[logicalIdOf(extended, extended.stack.health.function)];
    const env = JSON.stringify(health.Properties.Environment.Variables);
    expect(JSON.stringify(health.Properties.Environment.Variables.LOG_GROUP_NAMES)).toContain(
      ordersGroup().Ref,
    );
    expect(env).toContain('cream-route-latency');
    expect(JSON.stringify(health.Properties.Environment.Variables.EXPECTED_METRIC_FILTERS)).toContain(
      ordersGroup().Ref,
    );
    const describe = resourcesOf(extended, 'AWS::IAM::Policy')
      .flatMap(
        (policy) => (policy.Properties.PolicyDocument as { Statement: { Action: unknown }[] }).Statement,
      )
      .find((statement) => statement.Action === 'logs:DescribeMetricFilters');
    expect(JSON.stringify(describe)).toContain(ordersGroup().Ref);
  });
});

describe('counts scale with the registry', () => {
  const added = () => Object.keys(extended.stack.functions).length - Object.keys(base.stack.functions).length;

  it('one more entry, one more function, log group, archive subscription and redaction alarm', () => {
    expect(added()).toBe(1);
    for (const type of ['AWS::Lambda::Function', 'AWS::Logs::LogGroup', 'AWS::Logs::SubscriptionFilter'])
      expect(countOf(extended, type) - countOf(base, type)).toBe(added());
    expect(countOf(extended, 'AWS::ApiGatewayV2::Route') - countOf(base, 'AWS::ApiGatewayV2::Route')).toBe(
      orders.routes.length,
    );
    // saved queries read every group: the same queries, none per function
    expect(countOf(extended, 'AWS::Logs::QueryDefinition')).toBe(countOf(base, 'AWS::Logs::QueryDefinition'));
  });

  it('the generic filters and the per-function alarms once more, and the template holds what the constructs list', () => {
    expect(countOf(extended, 'AWS::Logs::MetricFilter') - countOf(base, 'AWS::Logs::MetricFilter')).toBe(
      functionFilterSpecs.length,
    );
    const perFunction = [
      extended.stack.alarms.serverErrorRate[orders.name],
      extended.stack.alarms.latency[orders.name],
      ...Object.values(extended.stack.platformAlarms.functions[orders.name]),
      extended.stack.redactionAlarms.leaks[orders.name],
    ];
    expect(perFunction.every((alarm) => alarm !== undefined)).toBe(true);
    expect(alarmsOf(extended).length - alarmsOf(base).length).toBe(perFunction.length);
    for (const synth of [base, extended]) {
      expect(alarmsOf(synth)).toHaveLength(synth.stack.allAlarms.length);
      expect(countOf(synth, 'AWS::Logs::MetricFilter')).toBe(synth.stack.metricFilters.filters.length);
    }
  });

  it('keeps the logical ids of login and health and of the shared resources', () => {
    const baseIds = Object.keys(base.template.toJSON().Resources);
    const extendedIds = new Set(Object.keys(extended.template.toJSON().Resources));
    expect(baseIds.filter((id) => !extendedIds.has(id))).toEqual([]);
  });
});

describe('a registry of plain entries only', () => {
  let plain: SynthesizedStack;
  beforeAll(() => {
    plain = synthesize({ functions: [orders] });
  });
  afterAll(() => plain.cleanup());

  it('synthesizes without login’s and health’s monitoring: no brute force, no probe, no login widgets', () => {
    expect(Object.keys(plain.stack.functions)).toEqual([orders.name]);
    expect(plain.stack.alarms.bruteForce).toBeUndefined();
    expect(plain.stack.alarms.healthProbe).toBeUndefined();
    const metrics = alarmsOf(plain).map((alarm) => alarm.Properties.MetricName);
    expect(metrics).not.toContain('FailedLogins');
    expect(metrics).not.toContain('HealthProbeFailedChecks');
    plain.template.resourceCountIs('AWS::Events::Rule', 0);
    expect(widgetsOf(plain).map((w) => w.properties.title)).not.toContain('Login outcomes');
    expect(() => plain.stack.login).toThrow(`no function "login" (known: ${orders.name})`);
  });

  it('counts every API answer in the API 5xx rate (no probe route to take out)', () => {
    const rate = alarmsOf(plain).find((alarm) =>
      JSON.stringify(alarm.Properties.Metrics ?? []).includes('"5xx"'),
    );
    const expression = ((rate?.Properties.Metrics ?? []) as { Expression?: string }[]).find(
      (q) => q.Expression,
    )?.Expression;
    expect(expression).toBe(
      'IF((FILL(c, 0)) >= 20, 100 * IF((FILL(a, 0)) > 0, (FILL(a, 0)), 0) / (FILL(c, 0)), 0)',
    );
  });
});
