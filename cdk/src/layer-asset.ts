/**
 * The layer's code in the `@cream/logging-cdk` package: the build `prepack` put in the tarball
 * (`dist/layer/nodejs/node_modules/@cream/logging`), next to the bundled constructs. The package build swaps this
 * module in for `lib/layer-asset.ts`, which builds from sources the package does not have; the type below keeps
 * the two interchangeable.
 */
import * as path from 'node:path';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import type { layerCode as sourceLayerCode } from '../../lib/layer-asset';

export const layerCode: typeof sourceLayerCode = () => lambda.Code.fromAsset(path.join(__dirname, 'layer'));
