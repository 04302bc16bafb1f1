import { Validations } from 'aws-cdk-lib';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';

export interface AlarmTopicProps {
  /** Subscribe this address to every alarm (it must confirm the subscription e-mail). @default - none */
  readonly email?: string;
}

/** The SNS topic every Cream alarm notifies; publishing requires TLS. */
export class AlarmTopic extends Construct {
  public readonly topic: sns.Topic;

  constructor(scope: Construct, id: string, props: AlarmTopicProps = {}) {
    super(scope, id);
    this.topic = new sns.Topic(this, 'Topic', {
      displayName: 'Cream logging alarms',
      enforceSSL: true,
    });
    if (props.email) this.topic.addSubscription(new subscriptions.EmailSubscription(props.email));

    Validations.of(this.topic).acknowledge({
      id: 'AwsSolutions-SNS2',
      reason:
        'Alarm notifications carry alarm names and states only, never log content. A customer managed KMS key ' +
        '(about $1/month idle) with a key policy for cloudwatch.amazonaws.com would be needed, since ' +
        'CloudWatch cannot publish to a topic encrypted with the AWS managed SNS key.',
    });
  }
}
