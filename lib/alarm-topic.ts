import { Annotations, ArnFormat, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';

export interface AlarmTopicProps {
  /** Subscribe this address to every alarm (it must confirm the subscription e-mail). @default - none */
  readonly email?: string;
}

/** Id of the synth warning printed when the topic has no subscriber. */
export const NoSubscriberWarning = '@cream/alarm-topic:no-subscriber';

/**
 * The SNS topic every Cream alarm notifies; publishing requires TLS. Its policy lets CloudWatch publish, and
 * only for this account's alarms named after this stack (CloudFormation names them `<stack name>-...`), so no
 * other account's alarm can use the topic as a confused deputy.
 */
export class AlarmTopic extends Construct {
  public readonly topic: sns.Topic;

  constructor(scope: Construct, id: string, props: AlarmTopicProps = {}) {
    super(scope, id);
    const stack = Stack.of(this);
    this.topic = new sns.Topic(this, 'Topic', {
      displayName: 'Cream logging alarms',
      enforceSSL: true,
    });
    this.topic.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'CloudWatchAlarmsOfThisStack',
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [this.topic.topicArn],
        conditions: {
          StringEquals: { 'aws:SourceAccount': stack.account },
          ArnLike: {
            'aws:SourceArn': stack.formatArn({
              service: 'cloudwatch',
              resource: 'alarm',
              resourceName: `${stack.stackName}-*`,
              arnFormat: ArnFormat.COLON_RESOURCE_NAME,
            }),
          },
        },
      }),
    );
    if (props.email) this.topic.addSubscription(new subscriptions.EmailSubscription(props.email));
    else {
      Annotations.of(this).addWarningV2(
        NoSubscriberWarning,
        'No alarm subscriber: alarms change state but notify nobody. Deploy with -c alarmEmail=you@example.com ' +
          'or subscribe to the AlarmTopicArn output.',
      );
    }

    // Not encrypted at rest, on purpose: notifications carry alarm names and states only, never log content, and
    // CloudWatch cannot publish to a topic under the AWS managed SNS key (a customer managed key with a policy
    // for cloudwatch.amazonaws.com would cost about $1/month idle). cdk-nag 3 no longer checks it (SNS2).
  }
}
