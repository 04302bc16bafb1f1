import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as firehose from 'aws-cdk-lib/aws-kinesisfirehose';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as destinations from 'aws-cdk-lib/aws-logs-destinations';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { categoryPattern } from './filter-patterns';

export const DefaultGlacierAfter = Duration.days(90);
export const DefaultExpireAfter = Duration.days(400);

export interface SecurityLogArchiveProps {
  /** Log groups whose security-category records are archived. */
  readonly logGroups: readonly logs.ILogGroup[];
  /** @default DefaultGlacierAfter (90 days) */
  readonly glacierAfter?: Duration;
  /** Longer than a year so an annual audit still finds last year's records. @default DefaultExpireAfter (400 days) */
  readonly expireAfter?: Duration;
  /** @default RemovalPolicy.RETAIN: an audit trail must outlive the stack */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * Security-category records → subscription filter → Data Firehose → encrypted S3 bucket. The cloud form of the
 * seed's log backup, and an audit trail that outlives the log groups' retention.
 */
export class SecurityLogArchive extends Construct {
  public readonly bucket: s3.Bucket;
  public readonly deliveryStream: firehose.DeliveryStream;
  public readonly subscriptionFilters: logs.SubscriptionFilter[];

  constructor(scope: Construct, id: string, props: SecurityLogArchiveProps) {
    super(scope, id);
    this.bucket = new s3.Bucket(this, 'Bucket', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      versioned: true, // an overwritten or deleted audit object stays recoverable
      removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
      lifecycleRules: [
        {
          id: 'archive-then-expire',
          transitions: [
            {
              storageClass: s3.StorageClass.GLACIER,
              transitionAfter: props.glacierAfter ?? DefaultGlacierAfter,
            },
          ],
          expiration: props.expireAfter ?? DefaultExpireAfter,
          noncurrentVersionExpiration: Duration.days(30),
        },
      ],
    });

    // Firehose's own delivery errors, with a retention instead of the default never-expiring group.
    const errorLogGroup = new logs.LogGroup(this, 'DeliveryErrors', {
      retention: logs.RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });

    this.deliveryStream = new firehose.DeliveryStream(this, 'Stream', {
      encryption: firehose.StreamEncryption.awsOwnedKey(),
      destination: new firehose.S3Bucket(this.bucket, {
        // Logs delivers gzipped batches; store the records themselves, one JSON line each, gzipped again.
        processors: [
          new firehose.DecompressionProcessor(),
          new firehose.CloudWatchLogProcessor({ dataMessageExtraction: true }),
          new firehose.AppendDelimiterToRecordProcessor(),
        ],
        compression: firehose.Compression.GZIP,
        dataOutputPrefix: 'security/',
        errorOutputPrefix: 'errors/',
        bufferingInterval: Duration.minutes(5),
        loggingConfig: new firehose.EnableLogging(errorLogGroup),
      }),
    });

    const destination = new destinations.FirehoseDestination(this.deliveryStream);
    this.subscriptionFilters = props.logGroups.map(
      (logGroup, index) =>
        new logs.SubscriptionFilter(this, `Subscription${index}`, {
          logGroup,
          destination,
          filterPattern: logs.FilterPattern.literal(categoryPattern('security')),
        }),
    );

    // The L2 grants Firehose its documented S3 destination actions with CDK's wildcard action groups, on this
    // bucket and its objects only.
    for (const finding of [
      'Action::s3:Abort*',
      'Action::s3:DeleteObject*',
      'Action::s3:GetBucket*',
      'Action::s3:GetObject*',
      'Action::s3:List*',
      `Resource::<${Stack.of(this).getLogicalId(this.bucket.node.defaultChild as s3.CfnBucket)}.Arn>/*`,
    ]) {
      Validations.of(this.deliveryStream).acknowledge({
        id: `AwsSolutions-IAM5[${finding}]`,
        reason:
          'Firehose writes objects with multipart uploads under generated keys: it needs object-level actions on ' +
          'bucket/* of the archive bucket, which is the only resource these statements name.',
      });
    }
    // The L2 adds a mapping of Firehose CIDR blocks (used only by Redshift/OpenSearch-in-VPC destinations) to
    // the stack; CloudFormation ignores an unreferenced mapping.
    Validations.of(Stack.of(this)).acknowledge({
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
