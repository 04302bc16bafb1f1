import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import type { StackModel } from '../cloud-assembly';
import { matchGroup } from './stack-context';
import { type DeployedStack, deployedGroupName, describeDeployedStack } from './stack-resources';

export interface AwsGroupSelection {
  /** `--group` values: a group of the model (by any of its names) or, failing that, a real log group name. */
  readonly groups?: readonly string[];
  /** The local names of a saved query's groups, when no `--group` is given. */
  readonly savedGroups?: readonly string[];
}

/**
 * The deployed log groups a command on AWS reads. Names in the model are local stand-ins, so each group is
 * found by its logical id in the deployed stack (ListStackResources); a `--group` the model does not know is
 * taken as the real name of a log group. With neither `--group` nor a saved query: every group of the stack.
 */
export const awsLogGroups = (
  model: StackModel,
  deployed: DeployedStack,
  selection: AwsGroupSelection,
): string[] => {
  if (selection.groups && selection.groups.length > 0)
    return selection.groups.map((value) => {
      const group = matchGroup(model, value);
      return group ? deployedGroupName(deployed, group.logicalId) : value;
    });
  const local = selection.savedGroups ?? model.logGroups.map((group) => group.name);
  return local.map((name) => {
    const group = model.logGroups.find((candidate) => candidate.name === name);
    if (!group) throw new Error(`log group ${name} is not a resource of stack ${model.stackName}`);
    return deployedGroupName(deployed, group.logicalId);
  });
};

/** The deployed stack named `--stack` (default: the assembly's stack name), with its resources' names. */
export const deployedStackOf = (model: StackModel, stackName: string | undefined, region?: string) =>
  describeDeployedStack(new CloudFormationClient({ region }), stackName ?? model.stackName);
