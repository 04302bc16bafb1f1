import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { AssetHashType, CfnOutput, DockerImage, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { Construct } from 'constructs';
import { buildLayer } from '../layer/build';

const repoRoot = path.join(__dirname, '..');
const layerDir = path.join(repoRoot, 'layer');
/** Generated or third-party folders under layer/ that are not inputs of the build. */
const ignored = new Set(['dist', 'node_modules', 'test', 'coverage']);

/** Every input file of the layer build, sorted so the hash does not depend on directory listing order. */
const inputFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true })
    .filter((entry) => !ignored.has(entry.name) && !entry.name.endsWith('.test.ts'))
    .flatMap((entry) => {
      const full = path.join(dir, entry.name);
      return entry.isDirectory() ? inputFiles(full) : [full];
    })
    .sort();

/**
 * A content hash of the layer's sources plus the lock file: the bundle inlines the Powertools and Middy
 * versions the lock file pins, so a dependency bump must publish a new layer version even if no source changed.
 */
export const layerSourceHash = (): string => {
  const hash = createHash('sha256');
  for (const file of [...inputFiles(layerDir), path.join(repoRoot, 'package-lock.json')]) {
    hash.update(path.relative(repoRoot, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex');
};

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
 * `nodejs/node_modules/@cream/logging`, which Lambda mounts at `/opt/nodejs/node_modules`.
 */
export class CreamLoggingLayer extends Construct {
  /** The runtime every Cream function and the layer target; nodejs24.x is the newest Lambda offers. */
  static readonly runtime = lambda.Runtime.NODEJS_24_X;

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
      code: lambda.Code.fromAsset(layerDir, {
        // A custom hash keeps the asset deterministic (same sources, same hash) without bundling first.
        assetHashType: AssetHashType.CUSTOM,
        assetHash: layerSourceHash(),
        bundling: {
          // Required by the API but never pulled: local bundling below always succeeds.
          image: DockerImage.fromRegistry('alpine'),
          local: {
            tryBundle(outputDir: string): boolean {
              buildLayer(outputDir);
              return true;
            },
          },
        },
      }),
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
      parameterName: props.parameterName ?? `/cream-logging/${stackName}/layer-version-arn`,
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
