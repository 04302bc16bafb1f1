import type { APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type { AwsFakes } from './aws-fakes';

/** What the runner invokes: the bundle's exported handler. */
export type Handler = (event: unknown, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;

/** The error a `forced-throw` raises: nothing the function's code knows, so it takes its unexpected-error path. */
export class InjectedFault extends Error {
  override readonly name = 'InjectedFault';
}

interface MiddyRequest {
  response?: { statusCode?: number } | unknown;
}

/** A Middy handler: `.use()` appends a middleware that runs inside those the function declared. */
interface MiddyLike {
  use(middleware: {
    before?: (request: MiddyRequest) => Promise<void>;
    after?: (request: MiddyRequest) => Promise<void>;
  }): unknown;
}

const isMiddy = (handler: unknown): handler is MiddyLike =>
  typeof (handler as { use?: unknown }).use === 'function';

const never = (): Promise<never> => new Promise(() => undefined);

const statusOf = (response: unknown): number | undefined => {
  const code = (response as { statusCode?: unknown } | undefined)?.statusCode;
  return typeof code === 'number' ? code : undefined;
};

/**
 * Injects the generic faults into any handler from outside its code. A Middy handler gets one more
 * middleware, used last so it runs inside the function's own (the layer's request logging sees what it
 * does, as it would see the handler's own error): before the handler it prints secrets past the layer,
 * hangs, or throws; after it, it takes `slowMs` on the virtual clock, and a request that made no AWS call
 * answers 500 under `aws-unavailable` (the function has no dependency to fail, so its answer is forced). Any other
 * handler is wrapped the same way from outside, where only Lambda's own records see it.
 */
export const injectFaults = (handler: Handler, fakes: AwsFakes, leak: () => void): Handler => {
  const { context } = fakes;
  const before = async (): Promise<void> => {
    if (context.has('leaks-secrets')) leak();
    if (context.has('forced-hang')) await never();
    if (context.has('forced-throw'))
      throw new InjectedFault('injected by logs verify before the handler ran');
  };
  const forced500 = (status: number | undefined): boolean =>
    context.has('aws-unavailable') && fakes.sdkCalls() === 0 && (status ?? 200) < 500;
  const forcedResponse = {
    statusCode: 500,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ error: 'internal_error' }),
  };
  if (isMiddy(handler)) {
    handler.use({
      before,
      after: async (request) => {
        // Slow once the handler has answered: Middy's own timeout race is over, the layer's record not yet written.
        context.waitIfSlow('handler-slow');
        if (forced500(statusOf(request.response))) request.response = forcedResponse;
      },
    });
    return handler;
  }
  return async (event, lambdaContext) => {
    await before();
    const result = await handler(event, lambdaContext);
    context.waitIfSlow('handler-slow');
    return forced500(statusOf(result)) ? forcedResponse : result;
  };
};
