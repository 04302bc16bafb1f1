import path from 'node:path';
import type { CfnTemplate, RouteModel } from '../../tools/cloud-assembly';
import { loadStackModel } from '../../tools/cloud-assembly';
import { routeRequests } from '../../tools/verify/route-requests';
import { verifyTargets } from '../../tools/verify/verify-targets';
import { fixtureTemplate } from '../cloud-assembly/fixture-template';

/** The fixture template with the login function's metadata replaced. */
const withEntry = (entry: string | undefined): CfnTemplate => {
  const login = fixtureTemplate.Resources.LoginFunction;
  const { 'cream:entry': _, ...metadata } = login.Metadata ?? {};
  return {
    ...fixtureTemplate,
    Resources: {
      ...fixtureTemplate.Resources,
      LoginFunction: {
        ...login,
        Metadata: entry === undefined ? metadata : { ...metadata, 'cream:entry': entry },
      },
    },
  };
};

describe('which functions logs verify runs', () => {
  it('takes a routed function and its source from the cream:entry metadata', () => {
    // Act
    const targets = verifyTargets(loadStackModel(fixtureTemplate), process.cwd());
    // Assess
    expect(targets).toEqual([
      expect.objectContaining({
        role: 'LoginFunction',
        source: path.join(process.cwd(), 'functions', 'login', 'index.ts'),
        timeoutMs: 10_000,
        routes: [expect.objectContaining({ routeKey: 'POST /login' })],
      }),
    ]);
  });

  it('refuses a routed function without cream:entry, saying what to add', () => {
    const model = loadStackModel(withEntry(undefined));
    expect(() => verifyTargets(model, process.cwd())).toThrow(
      /function LoginFunction \(POST \/login\) has no 'cream:entry' metadata.*LoggedFunction/,
    );
  });

  it('refuses an entry that is not there', () => {
    const model = loadStackModel(withEntry('functions/nowhere/index.ts'));
    expect(() => verifyTargets(model, process.cwd())).toThrow(/functions\/nowhere\/index.ts does not exist/);
  });
});

describe('ordinary requests built from routes', () => {
  const route = (routeKey: string): RouteModel => {
    const [method, path] = routeKey.split(' ');
    return { logicalId: 'R', routeKey, method, path };
  };

  it('fills path parameters with plausible values and keeps the route key', () => {
    const [get, greedy] = routeRequests([
      route('GET /orders/{id}/lines/{lineName}'),
      route('ANY /files/{proxy+}'),
    ]);
    expect(get).toMatchObject({
      method: 'GET',
      path: '/orders/42/lines/example',
      routeKey: 'GET /orders/{id}/lines/{lineName}',
      pathParameters: { id: '42', lineName: 'example' },
      headers: {},
    });
    expect(get.body).toBeUndefined();
    expect(greedy).toMatchObject({
      method: 'GET',
      path: '/files/example/item',
      pathParameters: { proxy: 'example/item' },
    });
  });

  it('sends an empty JSON object to the methods that take a body', () => {
    const [post, put] = routeRequests([route('POST /orders'), route('PUT /orders/{orderId}')]);
    expect(post).toMatchObject({ body: '{}', headers: { 'content-type': 'application/json' } });
    expect(put).toMatchObject({ path: '/orders/42', body: '{}' });
  });
});
