import fc from 'fast-check';

/**
 * Values that break naive loggers, one builder per kind. Each builder makes a fresh value, since some of them
 * (circular structures, proxies) must not be shared between generated cases.
 */
export const hostileBuilders = {
  circular: () => {
    const node: Record<string, unknown> = { name: 'node' };
    node.self = node;
    node.children = [node, { parent: node }];
    return node;
  },
  bigint: () => ({ amount: 12345678901234567890n, nested: [1n, -2n] }),
  symbolKeys: () => ({ [Symbol('secret')]: 'hidden', [Symbol.iterator]: 1, visible: Symbol('value') }),
  throwingGetter: () =>
    Object.defineProperty({ ok: 1 }, 'boom', {
      enumerable: true,
      get: () => {
        throw new Error('getter exploded');
      },
    }),
  loneSurrogates: () => ({ high: 'a\uD800b', low: '\uDC00c', key: { '\uDBFF': '\uDFFF' } }),
  throwingProxy: () =>
    new Proxy(
      {},
      {
        ownKeys: () => {
          throw new Error('ownKeys trap');
        },
      },
    ),
  throwingToJson: () => ({
    toJSON: () => {
      throw new Error('toJSON exploded');
    },
  }),
  deep: () => {
    let value: Record<string, unknown> = { leaf: true };
    for (let i = 0; i < 200; i++) value = { next: value };
    return value;
  },
  oddNumbers: () => ({ nan: Number.NaN, inf: Number.POSITIVE_INFINITY, negZero: -0 }),
  functionsAndUndefined: () => ({ fn: () => 1, undef: undefined, klass: class Foo {} }),
  collections: () => ({
    map: new Map<unknown, unknown>([[{}, 1]]),
    set: new Set([1n]),
    buf: Buffer.from('hi'),
  }),
  bigString: () => ({ blob: 'x'.repeat(300 * 1024) }),
} as const;

export type HostileKind = keyof typeof hostileBuilders;
export const hostileKinds = Object.keys(hostileBuilders) as HostileKind[];

/** A generated mix of hostile kinds, nested inside each other in a random order. */
export const hostileMix = (): fc.Arbitrary<readonly HostileKind[]> =>
  fc.uniqueArray(fc.constantFrom(...hostileKinds), { minLength: 1, maxLength: 5 });

export const buildHostile = (kinds: readonly HostileKind[]): unknown =>
  kinds.reduce<unknown>((inner, kind) => ({ [kind]: hostileBuilders[kind](), inner }), { end: true });
