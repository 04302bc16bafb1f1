import { ArnFormat, Duration, Stack, Validations } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { LoggedFunction } from './logged-function';

/** How often the scheduled probe runs the health checks (the health alarm's period holds two runs). */
export const DefaultProbeInterval = Duration.minutes(5);

export interface HealthWiringProps {
  readonly health: LoggedFunction;
  /** LOG_GROUP_NAMES: every function's group and the API access log group. */
  readonly logGroupNames: readonly string[];
  /** EXPECTED_METRIC_FILTERS: filter names per log group name. */
  readonly expectedMetricFilters: Readonly<Record<string, readonly string[]>>;
  /** Groups whose metric filters the function describes. */
  readonly monitoredLogGroups: readonly logs.ILogGroup[];
  /** The group whose newest event must be recent when its function had traffic (the login function's). */
  readonly freshnessLogGroup: logs.ILogGroup;
  readonly freshnessLogGroupName: string;
  /** The function writing to the freshness group: its invocation count is the traffic compared against. */
  readonly freshnessFunctionName: string;
  readonly freshnessThresholdMinutes: number;
  /** @default DefaultProbeInterval (5 minutes) */
  readonly probeInterval?: Duration;
}

/**
 * The health function's configuration, its read-only permissions and the scheduled probe that drives the health
 * alarm. Only names flow into its environment, never alarm or filter resources, so there is no cycle
 * (function → alarm → filter → the function's own group): filter names are fixed strings and alarms are found by
 * the stack-name prefix CloudFormation gives them.
 */
export class HealthWiring extends Construct {
  public readonly probe: events.Rule;

  constructor(scope: Construct, id: string, props: HealthWiringProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const fn = props.health.function;
    fn.addEnvironment('LOG_GROUP_NAMES', props.logGroupNames.join(','));
    fn.addEnvironment('EXPECTED_METRIC_FILTERS', stack.toJsonString(props.expectedMetricFilters));
    fn.addEnvironment('FRESHNESS_LOG_GROUP', props.freshnessLogGroupName);
    fn.addEnvironment('FRESHNESS_FUNCTION_NAME', props.freshnessFunctionName);
    fn.addEnvironment('FRESHNESS_THRESHOLD_MINUTES', String(props.freshnessThresholdMinutes));
    // CloudFormation names alarms "<stack name>-<logical id>-<suffix>"; the dash keeps CreamLogging from
    // matching CreamLoggingStaging's alarms.
    fn.addEnvironment('ALARM_NAME_PREFIX', `${stack.stackName}-`);

    // Invokes the function directly (not through the API), so the probe neither counts as API traffic nor
    // depends on the route's throttle.
    this.probe = new events.Rule(this, 'Probe', {
      description: 'Runs the logging health checks; the health alarm counts these runs',
      schedule: events.Schedule.rate(props.probeInterval ?? DefaultProbeInterval),
      targets: [new targets.LambdaFunction(fn, { retryAttempts: 0 })],
    });

    // Logs authorizes some calls against "log-group:NAME" and others against "log-group:NAME:*": list both.
    const groupArns = (group: logs.ILogGroup): string[] => [
      stack.formatArn({
        service: 'logs',
        resource: 'log-group',
        resourceName: group.logGroupName,
        arnFormat: ArnFormat.COLON_RESOURCE_NAME,
      }),
      group.logGroupArn,
    ];
    const allGroups = stack.formatArn({
      service: 'logs',
      resource: 'log-group',
      resourceName: '*',
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });
    const role = props.health.role;
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({ actions: ['logs:DescribeLogGroups'], resources: [allGroups] }),
    );
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['logs:DescribeMetricFilters'],
        resources: props.monitoredLogGroups.flatMap(groupArns),
      }),
    );
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['logs:DescribeLogStreams'],
        resources: groupArns(props.freshnessLogGroup),
      }),
    );
    // Neither supports resource-level permissions once composite alarms are listed or metrics are read.
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['cloudwatch:DescribeAlarms', 'cloudwatch:GetMetricStatistics'],
        resources: ['*'],
      }),
    );

    const arnForNag = (arn: string) =>
      arn.replace(/\$\{Token\[AWS\.(Partition|Region|AccountId)\.\d+\]\}/g, '<AWS::$1>');
    Validations.of(role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::${arnForNag(allGroups)}]`,
      reason:
        'logs:DescribeLogGroups is a list call: IAM evaluates it against log-group:* whatever name prefix is ' +
        'passed. It returns metadata only (names, retention, sizes), never log events.',
    });
    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'cloudwatch:DescribeAlarms with composite alarms and cloudwatch:GetMetricStatistics support no ' +
        'resource-level permissions (the service authorization reference lists "*"); both are read-only and the ' +
        'function filters by its own alarm prefix and function name. xray:PutTraceSegments and ' +
        'xray:PutTelemetryRecords (active tracing) are the same case.',
    });
  }
}
