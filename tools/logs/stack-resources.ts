import {
  type CloudFormationClient,
  DescribeStacksCommand,
  paginateListStackResources,
} from '@aws-sdk/client-cloudformation';

/** The deployed stack: where it lives and the physical name of each resource by logical id. */
export interface DeployedStack {
  readonly stackName: string;
  readonly partition: string;
  readonly region: string;
  readonly accountId: string;
  readonly physicalIds: ReadonlyMap<string, string>;
}

/**
 * The names CloudFormation generated for the stack's resources (a log group is
 * `CreamLogging-LoginLogGroup52FD3FBE-AbC123` there, not the local `/aws/lambda/...`), through DescribeStacks
 * (the stack's ARN gives account and region) and ListStackResources.
 */
export const describeDeployedStack = async (
  client: CloudFormationClient,
  stackName: string,
): Promise<DeployedStack> => {
  const { Stacks } = await client.send(new DescribeStacksCommand({ StackName: stackName }));
  const arn = Stacks?.[0]?.StackId ?? '';
  const [, partition = 'aws', , region = '', accountId = ''] = arn.split(':');
  const physicalIds = new Map<string, string>();
  for await (const page of paginateListStackResources({ client }, { StackName: stackName })) {
    for (const resource of page.StackResourceSummaries ?? []) {
      if (resource.LogicalResourceId && resource.PhysicalResourceId)
        physicalIds.set(resource.LogicalResourceId, resource.PhysicalResourceId);
    }
  }
  return { stackName, partition, region, accountId, physicalIds };
};

/** A log group's ARN, as StartLiveTail wants its groups. */
export const logGroupArn = (stack: DeployedStack, name: string): string =>
  `arn:${stack.partition}:logs:${stack.region}:${stack.accountId}:log-group:${name}`;

/** The deployed name of a log group of the model, by its logical id. */
export const deployedGroupName = (stack: DeployedStack, logicalId: string): string => {
  const name = stack.physicalIds.get(logicalId);
  if (!name)
    throw new Error(`stack ${stack.stackName} has no deployed resource ${logicalId} (deploy it first?)`);
  return name;
};
