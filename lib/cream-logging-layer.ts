import { CfnOutput, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { Construct } from 'constructs';
import { layerCode } from './layer-asset';

export interface CreamLoggingLayerProps {
  /**
   * SSM parameter that publishes the layer version ARN to other stacks and accounts.
   * @default `/cream-logging/<stack name>/layer-version-arn` (scoped by stack name so a second deployment
   * does not collide)
   */
  readonly parameterName?: string;
  /**
   * What happens to a layer version when a new one replaces it. Functions in other stacks may still pin it.
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
  /**
   * AWS account ids whose functions may attach the layer (`lambda:GetLayerVersion` on the layer version).
   * @default - context `layerShareAccounts` (comma-separated), else only this account
   */
  readonly shareWithAccounts?: readonly string[];
  /** An AWS Organizations id (`o-...`) whose every account may attach the layer. @default - none */
  readonly shareWithOrganization?: string;
}

/** Account ids from props, else from the `layerShareAccounts` context (`-c layerShareAccounts=111…,222…`). */
const accountsToShareWith = (scope: Construct, props: CreamLoggingLayerProps): string[] => {
  const fromContext: unknown = scope.node.tryGetContext('layerShareAccounts');
  const accounts = props.shareWithAccounts ?? String(fromContext ?? '').split(',');
  const ids = accounts.map((id) => id.trim()).filter((id) => id !== '');
  const invalid = ids.filter((id) => !/^\d{12}$/.test(id));
  if (invalid.length > 0)
    throw new Error(`layer sharing needs 12-digit account ids, got: ${invalid.join(', ')}`);
  return ids;
};

/**
 * The `@cream/logging` Lambda layer, built locally with esbuild (no Docker) into
 * `nodejs/node_modules/@cream/logging`, which Lambda mounts at `/opt/nodejs/node_modules`. Its version ARN is
 * published to an SSM parameter and a stack output; other apps attach it with `fromSsmParameter`.
 */
export class CreamLoggingLayer extends Construct {
  /** The runtime every Cream function and the layer target; nodejs24.x is the newest Lambda offers. */
  static readonly runtime = lambda.Runtime.NODEJS_24_X;

  /** The SSM parameter a stack named `stackName` publishes its layer's ARN to, unless `parameterName` says. */
  static defaultParameterName(stackName: string): string {
    return `/cream-logging/${stackName}/layer-version-arn`;
  }

  /** A published layer version, by its ARN. */
  static fromLayerArn(scope: Construct, id: string, layerVersionArn: string): lambda.ILayerVersion {
    return lambda.LayerVersion.fromLayerVersionArn(scope, id, layerVersionArn);
  }

  /**
   * The layer version whose ARN an SSM parameter holds (one a CreamLoggingLayer published). Resolved at deploy
   * time through a CloudFormation parameter of type `AWS::SSM::Parameter::Value<String>`: synth needs no
   * lookup, and every deploy attaches the version the parameter names then.
   */
  static fromSsmParameter(scope: Construct, id: string, parameterName: string): lambda.ILayerVersion {
    const arn = ssm.StringParameter.valueForStringParameter(scope, parameterName);
    return CreamLoggingLayer.fromLayerArn(scope, id, arn);
  }

  public readonly layerVersion: lambda.LayerVersion;
  public readonly parameter: ssm.StringParameter;
  public readonly output: CfnOutput;

  constructor(scope: Construct, id: string, props: CreamLoggingLayerProps = {}) {
    super(scope, id);
    const stackName = Stack.of(this).stackName;

    this.layerVersion = new lambda.LayerVersion(this, 'Layer', {
      description: '@cream/logging: structured JSON logging, redaction and request middleware for Lambda',
      compatibleRuntimes: [lambda.Runtime.NODEJS_22_X, CreamLoggingLayer.runtime],
      compatibleArchitectures: [lambda.Architecture.ARM_64, lambda.Architecture.X86_64],
      removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
      code: layerCode(),
    });

    for (const accountId of accountsToShareWith(this, props)) {
      this.layerVersion.addPermission(`Account${accountId}`, { accountId });
    }
    if (props.shareWithOrganization) {
      this.layerVersion.addPermission('Organization', {
        accountId: '*',
        organizationId: props.shareWithOrganization,
      });
    }

    this.parameter = new ssm.StringParameter(this, 'ArnParameter', {
      parameterName: props.parameterName ?? CreamLoggingLayer.defaultParameterName(stackName),
      description: 'ARN of the current @cream/logging layer version',
      stringValue: this.layerVersion.layerVersionArn,
    });

    this.output = new CfnOutput(this, 'LayerVersionArn', {
      description: 'Attach this layer to a Node.js function to use @cream/logging',
      value: this.layerVersion.layerVersionArn,
    });
    // A stable output key for scripts (`aws cloudformation describe-stacks`); one layer per stack.
    this.output.overrideLogicalId('LayerVersionArn');
  }
}
