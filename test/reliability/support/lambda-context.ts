import type { Context } from 'aws-lambda';

/** A fresh Lambda context per invocation; `remainingMs` sets the deadline the timeout tests race against. */
export const lambdaContext = (
  requestId: string,
  remainingMs = 30_000,
): Context & { readonly deadline: number } => {
  const deadline = Date.now() + remainingMs;
  return {
    deadline,
    callbackWaitsForEmptyEventLoop: true,
    functionName: 'reliability-function',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:reliability-function',
    memoryLimitInMB: '1024',
    awsRequestId: requestId,
    logGroupName: '/aws/lambda/reliability-function',
    logStreamName: '2026/11/26/[$LATEST]0123456789abcdef',
    getRemainingTimeInMillis: () => deadline - Date.now(),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
};
