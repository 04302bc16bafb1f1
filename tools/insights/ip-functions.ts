import { BlockList, isIPv4, isIPv6 } from 'node:net';
import type { ScalarSpec } from './scalar-functions';
import { toText } from './values';

type Family = 'ipv4' | 'ipv6';

/** Parsed subnets, shared across rows: a query names a handful of CIDR literals. */
const subnets = new Map<string, BlockList | null>();

const subnetList = (cidr: string): BlockList | null => {
  let list = subnets.get(cidr);
  if (list !== undefined) return list;
  list = null;
  const [network, prefix, extra] = cidr.split('/');
  const bits = Number(prefix);
  const family: Family | undefined = isIPv4(network) ? 'ipv4' : isIPv6(network) ? 'ipv6' : undefined;
  const maxBits = family === 'ipv4' ? 32 : 128;
  if (family && extra === undefined && /^\d+$/.test(prefix ?? '') && bits <= maxBits) {
    list = new BlockList();
    list.addSubnet(network, bits, family);
  }
  if (subnets.size > 1000) subnets.clear();
  subnets.set(cidr, list);
  return list;
};

/** Whether `cidr` is a subnet in CIDR notation the IP functions accept (checked at parse time for literals). */
export const isValidSubnet = (cidr: string): boolean => subnetList(cidr) !== null;

const familyOf = (ip: string): Family | undefined => (isIPv4(ip) ? 'ipv4' : isIPv6(ip) ? 'ipv6' : undefined);

const inSubnet =
  (only?: Family): ScalarSpec['apply'] =>
  ([address, subnet]) => {
    const ip = toText(address);
    const cidr = toText(subnet);
    if (ip === undefined || cidr === undefined) return false;
    const family = familyOf(ip);
    const cidrFamily = familyOf(cidr.split('/')[0]);
    if (!family || family !== cidrFamily || (only && family !== only)) return false;
    return subnetList(cidr)?.check(ip, family) ?? false;
  };

const valid =
  (accept: (ip: string) => boolean): ScalarSpec['apply'] =>
  ([address]) => {
    const ip = toText(address);
    return ip !== undefined && accept(ip);
  };

export const IP_FUNCTIONS: Record<string, ScalarSpec> = {
  isvalidip: { min: 1, max: 1, apply: valid((ip) => isIPv4(ip) || isIPv6(ip)) },
  isvalidipv4: { min: 1, max: 1, apply: valid(isIPv4) },
  isvalidipv6: { min: 1, max: 1, apply: valid(isIPv6) },
  isipinsubnet: { min: 2, max: 2, apply: inSubnet() },
  isipv4insubnet: { min: 2, max: 2, apply: inSubnet('ipv4') },
  isipv6insubnet: { min: 2, max: 2, apply: inSubnet('ipv6') },
};
