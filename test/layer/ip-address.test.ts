import { isIP } from 'node:net';
import fc from 'fast-check';
import { ipAddress } from '../../layer/src/ip-address';

describe('ipAddress (what source_ip accepts)', () => {
  it("agrees with node:net's isIP on generated addresses and near misses", () => {
    const nearMiss = fc.oneof(
      fc.ipV4().map((ip) => `${ip}:443`),
      fc.ipV4().map((ip) => ip.replace(/\.\d+$/, '.256')),
      fc.ipV4().map((ip) => `0${ip}`),
      fc.ipV6().map((ip) => `[${ip}]`),
      fc.ipV6().map((ip) => `${ip}::1`),
      fc.string({ maxLength: 40 }),
    );
    fc.assert(
      fc.property(fc.oneof(fc.ipV4(), fc.ipV4Extended(), fc.ipV6(), nearMiss), (candidate) => {
        // a zone index (`fe80::1%eth0`) is an address node accepts but no platform reports as a client's
        const expected = isIP(candidate) !== 0 && !candidate.includes('%');
        expect(ipAddress(candidate)).toBe(expected ? candidate : undefined);
      }),
      { numRuns: 20_000 },
    );
  });

  it.each(['IP', '192.168.0.1/32', 'unknown', '', ' 1.2.3.4', '1.2.3.4 ', 'fe80::1%eth0', '::ffff:1.2.3'])(
    'rejects %j',
    (candidate) => {
      expect(ipAddress(candidate)).toBeUndefined();
    },
  );
});
