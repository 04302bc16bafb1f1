/**
 * Oversized objects a handler may log, each about 6 MB as JSON (Lambda's payload limit, so a request body can
 * be this big): the shapes that made the old size guard quadratic, and the ones its truncation must handle.
 */
const megabytes = 1024 * 1024;

export const sizeGuardShapes: Readonly<Record<string, () => object>> = {
  'one 6 MB string': () => ({ blob: 'x'.repeat(6 * megabytes) }),
  '300k small objects': () => ({ items: Array.from({ length: 300_000 }, (_, i) => ({ id: i, sku: 'ab' })) }),
  '100k tiny keys': () => ({
    wide: Object.fromEntries(Array.from({ length: 100_000 }, (_, i) => [`key${i}`, 'v'.repeat(48)])),
  }),
  '1.5M form params (body)': () => ({ body: 'a=1&'.repeat(1_500_000) }),
  '1.5M form params (parsed)': () => ({ form: { a: Array.from({ length: 1_500_000 }, () => '1') } }),
  '5,000 strings of 100 chars': () => ({
    list: Array.from({ length: 5000 }, (_, i) => String(i).padEnd(100, 'y')),
  }),
};
