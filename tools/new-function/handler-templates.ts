/**
 * The function's own code, as the project writes handlers: a typed `functionHandler` doing the work and
 * `handler = middy(functionHandler).use(requestLogging())` for Lambda. With a `{param}` route it reads an
 * item from DynamoDB through an instrumented client; without one it answers a plain JSON body.
 */
import type { FunctionShape } from './function-shape';
import { tsString } from './registry-file';

/** The description as the first sentence of a doc comment: a `*\/` in it must not close the comment. */
const commentText = (text: string): string =>
  `${text.replaceAll('*/', '*\\/')}${/[.!?]$/.test(text) ? '' : '.'}`;

/** `orders` → `orders-store`: the module holding the function's DynamoDB client. */
export const storeModule = (shape: FunctionShape): string => `${shape.name}-store`;

const imports = (store?: string): string[] => [
  "import { logEvent, requestLogging } from '@cream/logging';",
  "import middy from '@middy/core';",
  "import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';",
  "import { jsonResponse } from '../shared/json-response';",
  ...(store ? [`import { findItem, StoreUnavailableError } from './${store}';`] : []),
];

const tail = ['', 'export const handler = middy(functionHandler).use(requestLogging());', ''];

const plainHandler = (shape: FunctionShape): string =>
  [
    ...imports(),
    '',
    '/**',
    ` * ${commentText(shape.description)}`,
    " * A plain answer naming the route: replace it with the function's work, logging with `logEvent`.",
    ' */',
    'export const functionHandler = async (',
    '  event: APIGatewayProxyEventV2,',
    '): Promise<APIGatewayProxyStructuredResultV2> => {',
    `  logEvent('user_action', { action: ${tsString(`${shape.actionStem}_called`)}, target: event.routeKey });`,
    `  return jsonResponse(200, { service: ${tsString(shape.name)}, route: event.routeKey });`,
    '};',
    ...tail,
  ].join('\n');

const keyedHandler = (shape: FunctionShape, key: NonNullable<FunctionShape['key']>): string => {
  const value = key.variable;
  const field = tsString(key.param);
  const keyless = key.keyless.map((route) => route.key).join(', ');
  const sampleKey = value === key.param ? value : `${key.param}: ${value}`;
  return [
    ...imports(storeModule(shape)),
    '',
    `/** What a caller may send as {${key.param}}: short and plain, so odd input is refused before any lookup. */`,
    `const ${value}Pattern = /^[A-Za-z0-9_-]{1,64}$/;`,
    '',
    '/**',
    ` * ${commentText(shape.description)}`,
    ` * With a table (its name in ${shape.tableVariable}) the item whose \`${key.param}\` is {${key.param}}, 404 when there is`,
    ' * none; until the function has a table, a sample item, so the route answers from the first `npm start`.',
    ' */',
    'export const functionHandler = async (',
    '  event: APIGatewayProxyEventV2,',
    '): Promise<APIGatewayProxyStructuredResultV2> => {',
    `  const ${value} = event.pathParameters?.${key.param};`,
    ...(key.keyless.length > 0
      ? [
          `  // ${keyless} carries no {${key.param}}: a plain answer naming the route.`,
          `  if (${value} === undefined) {`,
          `    logEvent('user_action', { action: ${tsString(`${shape.actionStem}_called`)}, target: event.routeKey });`,
          `    return jsonResponse(200, { service: ${tsString(shape.name)}, route: event.routeKey });`,
          '  }',
          `  if (!${value}Pattern.test(${value})) {`,
        ]
      : [`  if (${value} === undefined || !${value}Pattern.test(${value})) {`]),
    `    logEvent('validation_failed', { field: ${field}, problem: 'expected 1 to 64 letters, digits, - or _' });`,
    `    return jsonResponse(400, { error: 'invalid_request', field: ${field} });`,
    '  }',
    `  const tableName = process.env.${shape.tableVariable};`,
    '  try {',
    `    const item = tableName ? await findItem(tableName, ${value}) : { ${sampleKey}, sample: true };`,
    "    if (item === undefined) return jsonResponse(404, { error: 'not_found' });",
    `    logEvent('user_action', { action: ${tsString(`${shape.actionStem}_read`)}, target: ${value} });`,
    '    return jsonResponse(200, item);',
    '  } catch (error) {',
    "    // The instrumented client has written database_error with the SDK's error code; the caller learns no more.",
    "    if (error instanceof StoreUnavailableError) return jsonResponse(503, { error: 'unavailable' });",
    '    throw error;',
    '  }',
    '};',
    ...tail,
  ].join('\n');
};

/** `functions/<name>/index.ts`. */
export const handlerSource = (shape: FunctionShape): string =>
  shape.key ? keyedHandler(shape, shape.key) : plainHandler(shape);

/** `functions/<name>/<name>-store.ts`, only for a function that reads by a `{param}`. */
export const storeSource = (shape: FunctionShape, key: NonNullable<FunctionShape['key']>): string =>
  [
    "import { DynamoDBClient } from '@aws-sdk/client-dynamodb';",
    "import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';",
    "import { instrumentClient } from '@cream/logging';",
    '',
    '/**',
    ' * Module scope: one client (and its keep-alive connections) per execution environment. Instrumented, so each',
    " * call is timed as `db_query` and a failure is written as `database_error` with the SDK's error code.",
    ' */',
    'const documents = instrumentClient(DynamoDBDocumentClient.from(new DynamoDBClient({})));',
    '',
    '/** DynamoDB did not answer; the handler turns this into a 503, the cause is already on record. */',
    'export class StoreUnavailableError extends Error {',
    "  override readonly name = 'StoreUnavailableError';",
    '}',
    '',
    `/** The ${shape.name} item whose \`${key.param}\` is the given value, or undefined when the table has none. */`,
    'export const findItem = async (',
    '  tableName: string,',
    '  value: string,',
    '): Promise<Record<string, unknown> | undefined> => {',
    '  try {',
    `    const output = await documents.send(new GetCommand({ TableName: tableName, Key: { ${key.param}: value } }));`,
    '    return output.Item;',
    '  } catch (error) {',
    "    throw new StoreUnavailableError('DynamoDB GetItem failed', { cause: error });",
    '  }',
    '};',
    '',
  ].join('\n');
