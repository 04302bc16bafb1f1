import fc from 'fast-check';
import { currentTraceId } from '../../layer/src/trace-id';

/** The reading the layer had before it stopped splitting the header on every request. */
const byParts = (header: string): string | undefined => {
  if (!header) return undefined;
  if (!header.includes('=')) return header.trim();
  for (const part of header.split(';')) {
    const [key, value] = part.split('=');
    if (key?.trim() === 'Root') return value?.trim() || undefined;
  }
  return undefined;
};

describe('the X-Ray trace id of the invocation', () => {
  afterEach(() => {
    delete process.env._X_AMZN_TRACE_ID;
  });

  it('is the Root member of _X_AMZN_TRACE_ID', () => {
    process.env._X_AMZN_TRACE_ID =
      'Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1';
    expect(currentTraceId()).toBe('1-5759e988-bd862e3fe1be46a994272793');
  });

  it('reads any header as splitting it into members would (property)', () => {
    const space = fc.constantFrom('', ' ', '  ');
    const member = fc
      .tuple(
        space,
        fc.constantFrom('Root', 'Parent', 'Sampled', 'Self', 'xRoot', 'Roots', 'Lineage'),
        space,
        fc.string({ maxLength: 12 }).map((v) => v.replace(/[;=]/g, '')),
        space,
      )
      .map(([a, key, b, value, c]) => `${a}${key}${b}=${value}${c}`);
    fc.assert(
      fc.property(fc.array(member, { minLength: 1, maxLength: 5 }), (members) => {
        const header = members.join(';');
        process.env._X_AMZN_TRACE_ID = header;
        expect(currentTraceId()).toBe(byParts(header));
      }),
      { numRuns: 2000 },
    );
  });
});
