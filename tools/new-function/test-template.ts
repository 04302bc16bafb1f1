/**
 * `test/functions/<name>/<name>-handler.test.ts`: the real handler (middleware included) invoked with API
 * Gateway's own HTTP API v2 event, its DynamoDB calls mocked, its records captured and parsed.
 */
import type { FunctionShape } from './function-shape';
import { tsString } from './registry-file';
import type { RouteKey } from './route-keys';

/** The repository's copy of a real API Gateway event (aws-lambda-go's no-authorizer request). */
export const EventFixture = 'test/fixtures/events/apigw-http/go_apigw-v2-request-no-authorizer.json';

/** The method a request to the route uses (`ANY` routes are called with GET). */
const methodOf = (route: RouteKey): string => (route.method === 'ANY' ? 'GET' : route.method);

/** The arguments of `request(...)` for a call to the route, the key parameter taken from `value`. */
const requestArgs = (route: RouteKey, key?: { param: string; value: string }): string => {
  const filled = route.path
    .replace(/\{[^}/]+\+\}/g, 'a/b')
    .replace(/\{([^}/]+)\}/g, (_, name: string) =>
      name === key?.param ? `\${encodeURIComponent(${key.value})}` : 'example',
    );
  const path = filled.includes('${') ? `\`${filled}\`` : tsString(filled);
  const params = [
    ...route.params.map((name) => `${name}: ${name === key?.param ? key.value : "'example'"}`),
    ...(route.greedy ? [`${route.greedy}: 'a/b'`] : []),
  ];
  const parameters = params.length > 0 ? `, { ${params.join(', ')} }` : '';
  return `${tsString(methodOf(route))}, ${tsString(route.key)}, ${path}${parameters}`;
};

const header = (shape: FunctionShape, withDynamo: boolean): string[] => [
  ...(withDynamo ? ["import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';"] : []),
  "import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';",
  ...(withDynamo
    ? [
        "import { mockClient } from 'aws-sdk-client-mock';",
        '// Types of the matchers jest registers in setupFilesAfterEnv.',
        "import 'aws-sdk-client-mock-jest';",
      ]
    : []),
  `import { handler } from '../../../functions/${shape.name}';`,
  `import fixture from '../../${EventFixture.slice('test/'.length)}';`,
  "import { captureRecords } from '../support/captured-records';",
  "import { lambdaContext } from '../support/lambda-context';",
  '',
  ...(withDynamo ? ['const dynamo = mockClient(DynamoDBDocumentClient);'] : []),
  'const output = captureRecords();',
  ...(withDynamo ? [`const table = ${tsString(`${shape.name}-test`)};`] : []),
  '',
  "/** API Gateway's real HTTP API v2 event (no authorizer) as a request to one of the function's routes. */",
  'const request = (',
  '  method: string,',
  '  routeKey: string,',
  '  path: string,',
  '  pathParameters?: Record<string, string>,',
  '): APIGatewayProxyEventV2 => {',
  '  const event = structuredClone(fixture) as APIGatewayProxyEventV2;',
  '  event.routeKey = routeKey;',
  '  event.rawPath = path;',
  '  event.pathParameters = pathParameters;',
  '  event.requestContext.routeKey = routeKey;',
  '  event.requestContext.http.method = method;',
  '  event.requestContext.http.path = path;',
  '  return event;',
  '};',
  '',
  'const invoke = async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> =>',
  `  (await handler(event, lambdaContext(${tsString(shape.name)}))) as APIGatewayProxyStructuredResultV2;`,
  '',
];

const plainTest = (shape: FunctionShape): string => {
  const route = shape.routes[0]!;
  return [
    ...header(shape, false),
    'beforeEach(() => output.start());',
    '',
    'afterEach(() => output.stop());',
    '',
    `describe(${tsString(shape.routes.map((candidate) => candidate.key).join(', '))}, () => {`,
    "  it('answers 200 naming the route, with one request_completed record', async () => {",
    `    const response = await invoke(request(${requestArgs(route)}));`,
    '',
    '    expect(response.statusCode).toBe(200);',
    `    expect(JSON.parse(response.body!)).toEqual({ service: ${tsString(shape.name)}, route: ${tsString(route.key)} });`,
    "    expect(output.named('request_completed')).toEqual([",
    `      expect.objectContaining({ method: ${tsString(methodOf(route))}, route: ${tsString(route.path)}, status_code: 200 }),`,
    '    ]);',
    "    expect(output.named('user_action')).toEqual([",
    `      expect.objectContaining({ action: ${tsString(`${shape.actionStem}_called`)}, target: ${tsString(route.key)} }),`,
    '    ]);',
    '  });',
    '});',
    '',
  ].join('\n');
};

const keyedTest = (shape: FunctionShape, key: NonNullable<FunctionShape['key']>): string => {
  const field = tsString(key.param);
  const route = key.route;
  const keyless = key.keyless[0];
  return [
    ...header(shape, true),
    `/** A request to ${route.key} for the given {${key.param}}. */`,
    `const byKey = (value: string) => request(${requestArgs(route, { param: key.param, value: 'value' })});`,
    '',
    'beforeEach(() => {',
    '  dynamo.reset();',
    '  output.start();',
    '});',
    '',
    'afterEach(() => {',
    '  output.stop();',
    `  delete process.env.${shape.tableVariable};`,
    '});',
    '',
    `describe(${tsString(shape.routes.map((candidate) => candidate.key).join(', '))}, () => {`,
    "  it('answers a sample item while the function has no table, with one request_completed record', async () => {",
    "    const response = await invoke(byKey('42'));",
    '',
    '    expect(response.statusCode).toBe(200);',
    `    expect(JSON.parse(response.body!)).toEqual({ ${key.param}: '42', sample: true });`,
    "    expect(output.named('request_completed')).toEqual([",
    `      expect.objectContaining({ method: ${tsString(methodOf(route))}, route: ${tsString(route.path)}, status_code: 200 }),`,
    '    ]);',
    "    expect(output.named('user_action')).toEqual([",
    `      expect.objectContaining({ action: ${tsString(`${shape.actionStem}_read`)}, target: '42' }),`,
    '    ]);',
    '    expect(dynamo).not.toHaveReceivedAnyCommand();',
    '  });',
    '',
    `  it('reads the item from the table named by ${shape.tableVariable}', async () => {`,
    `    process.env.${shape.tableVariable} = table;`,
    `    dynamo.on(GetCommand, { TableName: table, Key: { ${key.param}: '42' } }).resolves({ Item: { ${key.param}: '42', total: 3 } });`,
    '',
    "    const response = await invoke(byKey('42'));",
    '',
    '    expect(response.statusCode).toBe(200);',
    `    expect(JSON.parse(response.body!)).toEqual({ ${key.param}: '42', total: 3 });`,
    `    expect(dynamo).toHaveReceivedCommandWith(GetCommand, { TableName: table, Key: { ${key.param}: '42' } });`,
    '  });',
    '',
    "  it('answers 404 when the table has no such item', async () => {",
    `    process.env.${shape.tableVariable} = table;`,
    '    dynamo.on(GetCommand).resolves({});',
    '',
    "    const response = await invoke(byKey('7'));",
    '',
    '    expect(response.statusCode).toBe(404);',
    "    expect(output.named('request_completed')).toEqual([expect.objectContaining({ status_code: 404 })]);",
    '  });',
    '',
    "  it('answers 503 and leaves a database_error record when DynamoDB fails', async () => {",
    `    process.env.${shape.tableVariable} = table;`,
    "    const throttled = Object.assign(new Error('Rate exceeded'), { name: 'ProvisionedThroughputExceededException' });",
    '    dynamo.on(GetCommand).rejects(throttled);',
    '',
    "    const response = await invoke(byKey('42'));",
    '',
    '    expect(response.statusCode).toBe(503);',
    "    expect(JSON.parse(response.body!)).toEqual({ error: 'unavailable' });",
    "    expect(output.named('database_error')).toEqual([",
    "      expect.objectContaining({ aws_service: 'DynamoDB', error_code: 'ProvisionedThroughputExceededException' }),",
    '    ]);',
    '  });',
    '',
    `  it('refuses a malformed {${key.param}} with 400 and validation_failed, before any lookup', async () => {`,
    `    process.env.${shape.tableVariable} = table;`,
    '',
    "    const response = await invoke(byKey('not an id!'));",
    '',
    '    expect(response.statusCode).toBe(400);',
    `    expect(output.named('validation_failed')).toEqual([expect.objectContaining({ field: ${field} })]);`,
    '    expect(dynamo).not.toHaveReceivedAnyCommand();',
    '  });',
    ...(keyless
      ? [
          '',
          `  it(${tsString(`answers ${keyless.key} naming the route, without a lookup`)}, async () => {`,
          `    process.env.${shape.tableVariable} = table;`,
          '',
          `    const response = await invoke(request(${requestArgs(keyless)}));`,
          '',
          '    expect(response.statusCode).toBe(200);',
          `    expect(JSON.parse(response.body!)).toEqual({ service: ${tsString(shape.name)}, route: ${tsString(keyless.key)} });`,
          '    expect(dynamo).not.toHaveReceivedAnyCommand();',
          '  });',
        ]
      : []),
    '});',
    '',
  ].join('\n');
};

/** The unit test of the scaffolded handler. */
export const testSource = (shape: FunctionShape): string =>
  shape.key ? keyedTest(shape, shape.key) : plainTest(shape);
