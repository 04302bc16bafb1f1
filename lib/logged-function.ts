import * as path from 'node:path';
import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { metricNames } from '../layer/src/metric-names';
import { CreamLoggingLayer } from './cream-logging-layer';

/** Default when neither props nor the `logRetentionDays` context say otherwise. */
export const DefaultLogRetention = logs.RetentionDays.ONE_MONTH;

/** Reads `logRetentionDays` from context (a number, or a string from `-c`); rejects values Logs refuses. */
export const retentionFromContext = (scope: Construct): logs.RetentionDays => {
  const raw: unknown = scope.node.tryGetContext('logRetentionDays');
  if (raw === undefined) return DefaultLogRetention;
  const days = Number(raw);
  if (!Object.values(logs.RetentionDays).includes(days)) {
    throw new Error(`logRetentionDays=${String(raw)} is not a retention CloudWatch Logs accepts`);
  }
  return days as logs.RetentionDays;
};

export interface LoggedFunctionProps {
  /** The handler source file (TypeScript), bundled with the local esbuild. */
  readonly entry: string;
  /** The `@cream/logging` layer; its package is external in the bundle and loaded from `/opt/nodejs`. */
  readonly layer: lambda.ILayerVersion;
  /** @default 'handler' */
  readonly handler?: string;
  /** @default - none */
  readonly description?: string;
  /** Extra environment variables. @default - only the logging variables set here */
  readonly environment?: Readonly<Record<string, string>>;
  /** `service` in every record and the EMF dimension. @default - the construct id, lower-cased */
  readonly serviceName?: string;
  /** EMF namespace (POWERTOOLS_METRICS_NAMESPACE). @default metricNames.namespace ('CreamLogging') */
  readonly metricsNamespace?: string;
  /** @default 256 */
  readonly memorySize?: number;
  /** Also bounds the layer's early-timeout record (`request_timeout`). @default Duration.seconds(10) */
  readonly timeout?: Duration;
  /** @default - context `logRetentionDays`, else one month */
  readonly logRetention?: logs.RetentionDays;
  /**
   * Security-category records are archived elsewhere (SecurityLogArchive), so dropping the group with the
   * stack loses nothing an audit needs and leaves no orphaned, billed groups behind.
   * @default RemovalPolicy.DESTROY
   */
  readonly logRemovalPolicy?: RemovalPolicy;
  /**
   * Mask emails and credentials at ingestion (CloudWatch Logs data protection). Defence in depth behind the
   * layer's own redaction: it also covers lines the layer never saw (runtime errors, third-party output).
   * @default true
   */
  readonly dataProtection?: boolean;
  /** Level of the layer's records (`LOG_LEVEL`); DEBUG records are buffered below it. @default 'INFO' */
  readonly logLevel?: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
  /** @default lambda.Tracing.ACTIVE (records carry `xray_trace_id`, which then links to a trace) */
  readonly tracing?: lambda.Tracing;
}

/**
 * A Node.js function wired the Cream way: arm64, the layer attached and external in the bundle, JSON logs via
 * Lambda's Advanced Logging Controls, its own log group with retention (no `logRetention` custom resource),
 * and a role that can write to that group only.
 */
export class LoggedFunction extends Construct {
  public readonly function: nodejs.NodejsFunction;
  public readonly logGroup: logs.LogGroup;
  public readonly role: iam.Role;
  public readonly serviceName: string;
  /** The function's timeout (the duration alarm is a share of it). */
  public readonly timeout: Duration;
  /** Whether the log group masks emails and keys at ingestion (and counts its findings). */
  public readonly dataProtected: boolean;

  constructor(scope: Construct, id: string, props: LoggedFunctionProps) {
    super(scope, id);
    this.serviceName = props.serviceName ?? id.toLowerCase();
    this.timeout = props.timeout ?? Duration.seconds(10);
    this.dataProtected = props.dataProtection !== false;

    // No logGroupName: a generated name cannot collide with a second deployment, and does not depend on the
    // function (which would make "health reads its own group's name" a dependency cycle).
    this.logGroup = new logs.LogGroup(this, 'LogGroup', {
      retention: props.logRetention ?? retentionFromContext(this),
      removalPolicy: props.logRemovalPolicy ?? RemovalPolicy.DESTROY,
      dataProtectionPolicy: !this.dataProtected
        ? undefined
        : new logs.DataProtectionPolicy({
            name: 'mask-emails-and-credentials',
            description: 'Masks emails and private keys or AWS secret keys at ingestion',
            identifiers: [
              logs.DataIdentifier.EMAILADDRESS,
              logs.DataIdentifier.AWSSECRETKEY,
              logs.DataIdentifier.OPENSSHPRIVATEKEY,
              logs.DataIdentifier.PGPPRIVATEKEY,
              logs.DataIdentifier.PKCSPRIVATEKEY,
              logs.DataIdentifier.PUTTYPRIVATEKEY,
            ],
          }),
    });

    // An own role instead of AWSLambdaBasicExecutionRole: that managed policy may create any log group.
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Execution role of the ${this.serviceName} function`,
    });
    this.logGroup.grantWrite(this.role);

    this.function = new nodejs.NodejsFunction(this, 'Function', {
      entry: props.entry,
      handler: props.handler ?? 'handler',
      description: props.description,
      runtime: CreamLoggingLayer.runtime,
      architecture: lambda.Architecture.ARM_64,
      memorySize: props.memorySize ?? 256,
      timeout: this.timeout,
      role: this.role,
      layers: [props.layer],
      tracing: props.tracing ?? lambda.Tracing.ACTIVE,
      logGroup: this.logGroup,
      loggingFormat: lambda.LoggingFormat.JSON,
      // Lambda drops JSON records below the ALC level, which would also drop the DEBUG records the layer flushes
      // when a request fails. So Lambda lets DEBUG through and the layer applies LOG_LEVEL itself (it takes the
      // less verbose of the two levels).
      applicationLogLevelV2: lambda.ApplicationLogLevel.DEBUG,
      // INFO: Lambda's START/REPORT records (duration, billed and init duration, memory used, a timeout it
      // enforced) reach the group; they are the only trace of an invocation killed before the layer could write.
      systemLogLevelV2: lambda.SystemLogLevel.INFO,
      environment: {
        POWERTOOLS_SERVICE_NAME: this.serviceName,
        POWERTOOLS_METRICS_NAMESPACE: props.metricsNamespace ?? metricNames.namespace,
        LOG_LEVEL: props.logLevel ?? 'INFO',
        // Stack traces in records point at the TypeScript sources, not the minified bundle.
        NODE_OPTIONS: '--enable-source-maps',
        ...props.environment,
      },
      bundling: {
        // Replaces the default ['@aws-sdk/*']: the runtime provides the SDK, the layer provides the package.
        externalModules: ['@aws-sdk/*', '@cream/logging'],
        minify: true,
        sourceMap: true,
        sourcesContent: false,
        target: 'node24',
      },
    });

    // Where the handler's source is (relative to the app's directory): `logs verify` runs it from there.
    (this.function.node.defaultChild as lambda.CfnFunction).addMetadata(
      'cream:entry',
      path.relative(process.cwd(), props.entry).split(path.sep).join('/'),
    );

    if ((props.tracing ?? lambda.Tracing.ACTIVE) !== lambda.Tracing.DISABLED) {
      Validations.of(this.role).acknowledge({
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason:
          'xray:PutTraceSegments and xray:PutTelemetryRecords (added by active tracing) support no resource-level ' +
          'permissions; every other statement of this role names its resources.',
      });
    }
  }
}
