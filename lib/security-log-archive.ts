import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as firehose from 'aws-cdk-lib/aws-kinesisfirehose';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as destinations from 'aws-cdk-lib/aws-logs-destinations';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { categoryPattern } from './filter-patterns';

export const DefaultArchiveAfter = Duration.days(90);
export const DefaultExpireAfter = Duration.days(400);
/** Firehose flushes its buffer this often; the freshness alarm is a multiple of it. */
export const DefaultBufferingInterval = Duration.minutes(5);

/** Where records land: one Hive-style partition per hour, which Athena and Glue read as columns. */
export const ArchivePrefix = 'security/';
const dataPrefix = `${ArchivePrefix}year=!{timestamp:yyyy}/month=!{timestamp:MM}/day=!{timestamp:dd}/hour=!{timestamp:HH}/`;
const errorPrefix =
  'errors/!{firehose:error-output-type}/year=!{timestamp:yyyy}/month=!{timestamp:MM}/day=!{timestamp:dd}/';

export interface SecurityLogArchiveProps {
  /** Log groups whose security-category records are archived. */
  readonly logGroups: readonly logs.ILogGroup[];
  /**
   * When objects move to S3 Glacier Instant Retrieval: a fifth of the Standard price, read in milliseconds,
   * so Athena still queries them (it cannot read Glacier Flexible Retrieval or Deep Archive objects).
   * @default DefaultArchiveAfter (90 days)
   */
  readonly archiveAfter?: Duration;
  /** Longer than a year so an annual audit still finds last year's records. @default DefaultExpireAfter (400 days) */
  readonly expireAfter?: Duration;
  /** @default DefaultBufferingInterval (5 minutes) */
  readonly bufferingInterval?: Duration;
  /** @default RemovalPolicy.RETAIN: an audit trail must outlive the stack */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * Security-category records → subscription filter → Data Firehose → encrypted S3 bucket. The cloud form of the
 * seed's log backup, and an audit trail that outlives the log groups' retention: nobody may delete its objects
 * (lifecycle expiry, done by S3 itself, is the only way out), and Firehose may only write new ones.
 */
export class SecurityLogArchive extends Construct {
  public readonly bucket: s3.Bucket;
  public readonly deliveryStream: firehose.DeliveryStream;
  public readonly deliveryRole: iam.Role;
  /** Each subscription filter with the group it reads. */
  public readonly subscriptionFilters: {
    readonly filter: logs.SubscriptionFilter;
    readonly logGroup: logs.ILogGroup;
  }[];
  public readonly bufferingInterval: Duration;
  /** Firehose's own delivery errors. */
  public readonly deliveryErrorLogGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: SecurityLogArchiveProps) {
    super(scope, id);
    const stack = Stack.of(this);
    this.bufferingInterval = props.bufferingInterval ?? DefaultBufferingInterval;
    this.bucket = new s3.Bucket(this, 'Bucket', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      versioned: true, // an overwritten audit object stays recoverable
      removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
      lifecycleRules: [
        {
          id: 'archive-then-expire',
          // Objects under 128 KB stay in Standard (S3's default for transitions): moving them would cost more
          // in transition requests and Glacier IR's 128 KB minimum than it saves.
          transitions: [
            {
              storageClass: s3.StorageClass.GLACIER_INSTANT_RETRIEVAL,
              transitionAfter: props.archiveAfter ?? DefaultArchiveAfter,
            },
          ],
          expiration: props.expireAfter ?? DefaultExpireAfter,
          noncurrentVersionExpiration: Duration.days(30),
        },
      ],
    });
    // Not even an administrator deletes an audit record by accident; the lifecycle rule is the only way out.
    this.bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'DenyObjectDeletion',
        effect: iam.Effect.DENY,
        principals: [new iam.AnyPrincipal()],
        actions: ['s3:DeleteObject', 's3:DeleteObjectVersion'],
        resources: [this.bucket.arnForObjects('*')],
      }),
    );

    // Firehose's own delivery errors, with a retention instead of the default never-expiring group.
    const errorLogGroup = new logs.LogGroup(this, 'DeliveryErrors', {
      retention: logs.RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.deliveryErrorLogGroup = errorLogGroup;

    // Exactly the S3 actions Firehose documents for an S3 destination, on its own prefixes: no deletes, no
    // lifecycle, policy or retention changes (the L2's grantReadWrite would add those).
    this.deliveryRole = new iam.Role(this, 'DeliveryRole', {
      assumedBy: new iam.ServicePrincipal('firehose.amazonaws.com', {
        conditions: { StringEquals: { 'sts:ExternalId': stack.account } },
      }),
      description: 'Data Firehose writes security records into the archive bucket',
    });
    const policy = new iam.Policy(this, 'DeliveryPolicy', {
      roles: [this.deliveryRole],
      statements: [
        new iam.PolicyStatement({
          actions: ['s3:GetBucketLocation', 's3:ListBucket', 's3:ListBucketMultipartUploads'],
          resources: [this.bucket.bucketArn],
        }),
        new iam.PolicyStatement({
          actions: ['s3:AbortMultipartUpload', 's3:GetObject', 's3:PutObject'],
          resources: [this.bucket.arnForObjects(`${ArchivePrefix}*`), this.bucket.arnForObjects('errors/*')],
        }),
        new iam.PolicyStatement({
          actions: ['logs:PutLogEvents'],
          resources: [`${errorLogGroup.logGroupArn}`],
        }),
      ],
    });

    this.deliveryStream = new firehose.DeliveryStream(this, 'Stream', {
      encryption: firehose.StreamEncryption.awsOwnedKey(),
      destination: new firehose.S3Bucket(this.bucket, {
        // The L2 would grant on top of our statements: hand it the role with grants switched off.
        role: this.deliveryRole.withoutPolicyUpdates(),
        // Logs delivers gzipped batches; store the records themselves, one JSON line each, gzipped again.
        processors: [
          new firehose.DecompressionProcessor(),
          new firehose.CloudWatchLogProcessor({ dataMessageExtraction: true }),
          new firehose.AppendDelimiterToRecordProcessor(),
        ],
        compression: firehose.Compression.GZIP,
        dataOutputPrefix: dataPrefix,
        errorOutputPrefix: errorPrefix,
        bufferingInterval: this.bufferingInterval,
        loggingConfig: new firehose.EnableLogging(errorLogGroup),
      }),
    });
    // Firehose checks its role when the stream is created: the permissions must exist first.
    this.deliveryStream.node.addDependency(policy);
    // The L2 retains the log stream it creates for Firehose's errors; its group goes with the stack anyway.
    for (const child of this.node.findAll())
      if (child instanceof logs.CfnLogStream) child.applyRemovalPolicy(RemovalPolicy.DESTROY);

    const destination = new destinations.FirehoseDestination(this.deliveryStream);
    this.subscriptionFilters = props.logGroups.map((logGroup, index) => ({
      logGroup,
      filter: new logs.SubscriptionFilter(this, `Subscription${index}`, {
        logGroup,
        destination,
        filterPattern: logs.FilterPattern.literal(categoryPattern('security')),
      }),
    }));

    const bucketLogicalId = stack.getLogicalId(this.bucket.node.defaultChild as s3.CfnBucket);
    for (const finding of [
      `Resource::<${bucketLogicalId}.Arn>/${ArchivePrefix}*`,
      `Resource::<${bucketLogicalId}.Arn>/errors/*`,
    ]) {
      Validations.of(policy).acknowledge({
        id: `AwsSolutions-IAM5[${finding}]`,
        reason:
          'Firehose writes objects under generated keys inside its two prefixes: object-level actions need a ' +
          'key wildcard, limited to those prefixes of the archive bucket.',
      });
    }
    // The L2 adds a mapping of Firehose CIDR blocks (used only by Redshift/OpenSearch-in-VPC destinations) to
    // the stack; CloudFormation ignores an unreferenced mapping.
    Validations.of(stack).acknowledge({
      id: 'CloudFormation-Validate::W7001',
      reason: 'Unused Firehose CIDR mapping added by the aws-kinesisfirehose L2; harmless.',
    });
    Validations.of(this.bucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        'Only Firehose writes here; its role is the one writer. S3 server access logs would need a second ' +
        'bucket that itself goes unlogged; CloudTrail data events are the audit tool of choice if required.',
    });
  }
}
