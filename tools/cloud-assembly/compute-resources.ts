import { assetPathOf, directReference, type ModelContext, optionalNumber, resourcesOfType } from './context';
import { referencedLogicalIds } from './intrinsics';
import type { CfnResource, FunctionModel, LayerModel, RouteModel } from './types';

export const extractLayers = (context: ModelContext): LayerModel[] =>
  resourcesOfType(context, 'AWS::Lambda::LayerVersion').map(({ logicalId, resource }) => ({
    logicalId,
    arn: context.naming.arn(logicalId),
    assetPath: assetPathOf(context, resource),
  }));

const layerOf = (context: ModelContext, layers: LayerModel[], raw: unknown): LayerModel => {
  const id = directReference(raw);
  const own = id ? layers.find((layer) => layer.logicalId === id) : undefined;
  // A layer from another stack (an ARN string or an SSM parameter) has no asset here.
  return own ?? { arn: String(context.resolve(raw)) };
};

/** The metadata key LoggedFunction sets on its CfnFunction. */
export const sourceEntryKey = 'cream:entry';

const sourceEntryOf = (resource: CfnResource): string | undefined => {
  const entry = resource.Metadata?.[sourceEntryKey];
  return typeof entry === 'string' && entry !== '' ? entry : undefined;
};

export const extractFunctions = (context: ModelContext, layers: LayerModel[]): FunctionModel[] =>
  resourcesOfType(context, 'AWS::Lambda::Function').map(({ logicalId, resource, props }) => {
    const variables =
      (props.Environment as { Variables?: Record<string, unknown> } | undefined)?.Variables ?? {};
    const logging = (props.LoggingConfig ?? {}) as Record<string, unknown>;
    const functionName = context.naming.name(logicalId);
    return {
      logicalId,
      functionName,
      arn: context.naming.arn(logicalId),
      handler: String(context.resolve(props.Handler ?? 'index.handler')),
      codeAssetPath: assetPathOf(context, resource),
      sourceEntry: sourceEntryOf(resource),
      runtime: props.Runtime === undefined ? undefined : String(context.resolve(props.Runtime)),
      architectures: ((context.resolve(props.Architectures) as string[] | undefined) ?? ['x86_64']).map(
        String,
      ),
      // CloudFormation's defaults when the properties are absent.
      timeoutSeconds: optionalNumber(context.resolve(props.Timeout)) ?? 3,
      memoryMb: optionalNumber(context.resolve(props.MemorySize)) ?? 128,
      environment: Object.fromEntries(
        Object.entries(variables).map(([key, value]) => {
          const resolved = context.resolve(value);
          return [key, typeof resolved === 'string' ? resolved : JSON.stringify(resolved)];
        }),
      ),
      layers: ((props.Layers as unknown[] | undefined) ?? []).map((raw) => layerOf(context, layers, raw)),
      logGroupName:
        logging.LogGroup === undefined
          ? `/aws/lambda/${functionName}`
          : String(context.resolve(logging.LogGroup)),
      logFormat: logging.LogFormat as string | undefined,
      applicationLogLevel: logging.ApplicationLogLevel as string | undefined,
      systemLogLevel: logging.SystemLogLevel as string | undefined,
    };
  });

/**
 * HTTP API routes: `Target` is `integrations/<integration id>` and the integration's `IntegrationUri` names the
 * function (its ARN, or the invoke ARN built with Fn::Join). We follow the references, not the resolved text.
 */
export const extractRoutes = (context: ModelContext): RouteModel[] => {
  const integrations = new Map(
    resourcesOfType(context, 'AWS::ApiGatewayV2::Integration').map(({ logicalId, props }) => [
      logicalId,
      referencedLogicalIds(props.IntegrationUri).find(
        (id) => context.template.Resources[id]?.Type === 'AWS::Lambda::Function',
      ),
    ]),
  );
  return resourcesOfType(context, 'AWS::ApiGatewayV2::Route').map(({ logicalId, props }) => {
    const routeKey = String(context.resolve(props.RouteKey));
    const [method, path] = routeKey.includes(' ') ? routeKey.split(' ', 2) : ['ANY', routeKey];
    const integrationId = referencedLogicalIds(props.Target).find((id) => integrations.has(id));
    return {
      logicalId,
      routeKey,
      method,
      path,
      apiLogicalId: directReference(props.ApiId),
      functionLogicalId: integrationId ? integrations.get(integrationId) : undefined,
    };
  });
};
