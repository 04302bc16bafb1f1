import { main } from '../../tools/new-function/cli';
import { newFunctionCommand, readOptions } from '../../tools/new-function/options';
import { parseRouteKey, routeIdentity } from '../../tools/new-function/route-keys';

const run = async (argv: string[]) => {
  let stdout = '';
  let stderr = '';
  const status = await main(argv, {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
  });
  return { status, stdout, stderr };
};

const problemOf = (values: Parameters<typeof readOptions>[0]): string | undefined => {
  const result = readOptions(values);
  return typeof result === 'string' ? result : undefined;
};

describe('new:function --help and parsing', () => {
  it('explains every option and exits 0', async () => {
    const { status, stdout, stderr } = await run(['--help']);

    expect(status).toBe(0);
    expect(stderr).toBe('');
    for (const name of Object.keys(newFunctionCommand.options)) expect(stdout).toContain(`--${name}`);
    expect(stdout).toContain('npm run new:function -- --name orders --route "GET /orders/{id}"');
  });

  it('names an unknown option and exits 2', async () => {
    const { status, stdout, stderr } = await run(['--name', 'orders', '--route', 'GET /a', '--nmae', 'x']);

    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^error: unknown option --nmae\n/);
  });

  it('requires --name and at least one --route', async () => {
    expect((await run(['--route', 'GET /a'])).stderr).toMatch(/--name is required/);
    expect((await run(['--name', 'orders'])).stderr).toMatch(/--route is required/);
  });
});

describe('new:function checks of its arguments', () => {
  it.each([
    ['Orders', /must be kebab-case/],
    ['orders_v2', /must be kebab-case/],
    ['2fa', /must be kebab-case/],
    ['orders-', /must be kebab-case/],
    ['a'.repeat(33), /longer than 32/],
    ['shared', /reserved/],
    ['support', /reserved/],
  ])('refuses the name %j', (name, message) => {
    expect(problemOf({ name, route: ['GET /a'] })).toMatch(message);
  });

  it.each(['orders', 'order-history', 'v2-orders'])('accepts the name %j', (name) => {
    expect(problemOf({ name, route: ['GET /a'] })).toBeUndefined();
  });

  it.each([
    ['/orders', /must be 'METHOD \/path'/],
    ['get /orders', /method must be one of/],
    ['FETCH /orders', /method must be one of/],
    ['GET orders', /must start with \//],
    ['GET /orders/', /must not end with \//],
    ['GET /orders//{id}', /empty path segment/],
    ['GET /orders/{id}/{id}', /\{id\} appears twice/],
    ['GET /files/{path+}/meta', /greedy \{path\+\} segment must be the last/],
    ['GET /orders?x=1', /segment "orders\?x=1" may hold only/],
    ['GET /orders/{1d}', /segment "\{1d\}" may hold only/],
    ['GET  /orders', /must be 'METHOD \/path'/],
  ])('refuses the route %j', (route, message) => {
    expect(problemOf({ name: 'orders', route: [route] })).toMatch(message);
  });

  it('parses methods, literal segments, parameters and a last greedy segment', () => {
    expect(parseRouteKey('GET /orders/{id}/items/{itemId}')).toEqual({
      key: 'GET /orders/{id}/items/{itemId}',
      method: 'GET',
      path: '/orders/{id}/items/{itemId}',
      params: ['id', 'itemId'],
    });
    expect(parseRouteKey('ANY /files/{path+}')).toMatchObject({ params: [], greedy: 'path' });
    expect(parseRouteKey('DELETE /')).toMatchObject({ path: '/', params: [] });
  });

  it('treats routes differing only in parameter names as one, as API Gateway does', () => {
    expect(routeIdentity('GET /orders/{id}')).toBe(routeIdentity('GET /orders/{orderId}'));
    expect(routeIdentity('GET /orders/{id}')).not.toBe(routeIdentity('POST /orders/{id}'));
    expect(routeIdentity('GET /orders/{id}')).not.toBe(routeIdentity('GET /orders/{id+}'));
    expect(problemOf({ name: 'orders', route: ['GET /orders/{id}', 'GET /orders/{orderId}'] })).toMatch(
      /given twice \(API Gateway sees GET \/orders\/\{id\} as the same route\)/,
    );
  });

  it.each([
    [{ memory: '127' }, /--memory must be a whole number of MB from 128 to 10240, not 127/],
    [{ memory: '10241' }, /--memory/],
    [{ memory: '512.5' }, /--memory/],
    [{ timeout: '0' }, /--timeout must be a whole number of seconds from 1 to 30, not 0/],
    [{ timeout: '31' }, /--timeout/],
    [{ timeout: 'ten' }, /--timeout/],
    [{ description: '  ' }, /--description must not be empty/],
    [{ description: 'two\nlines' }, /one line/],
    [{ description: 'x'.repeat(257) }, /longer than Lambda's 256/],
    [
      { route: Array.from({ length: 12 }, (_, i) => `GET /a-long-collection-name/{id}/item-${i}`) },
      /default description/,
    ],
  ])('refuses %j', (extra, message) => {
    expect(problemOf({ name: 'orders', route: ['GET /orders/{id}'], ...extra })).toMatch(message);
  });

  it('keeps what was given and leaves memory and timeout to the stack otherwise', () => {
    const base = { name: 'orders', route: ['GET /orders/{id}', 'POST /orders'] };
    expect(
      readOptions({ ...base, memory: '512', timeout: '15', description: 'Orders: read, create' }),
    ).toMatchObject({
      name: 'orders',
      description: 'Orders: read, create',
      memorySize: 512,
      timeoutSeconds: 15,
      dryRun: false,
    });
    const defaults = readOptions(base);
    expect(defaults).toMatchObject({ description: 'GET /orders/{id}, POST /orders: the orders function' });
    expect(defaults).not.toHaveProperty('memorySize');
    expect(defaults).not.toHaveProperty('timeoutSeconds');
  });
});
