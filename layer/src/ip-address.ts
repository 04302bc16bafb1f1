/**
 * IPv4 and IPv6 address syntax, for `source_ip`: what is not an address is not written as one. Hand-written
 * rather than `node:net`'s `isIP`, which costs a cold start several milliseconds to load when nothing else has.
 */
/** `192.0.2.1`: four decimal octets, no leading zeros (read by hand: no regex to compile on the first request). */
const isIPv4 = (text: string): boolean => {
  let octets = 0;
  let digits = 0;
  let value = 0;
  for (let i = 0; i <= text.length; i++) {
    const c = i === text.length ? 46 : text.charCodeAt(i);
    if (c === 46) {
      if (digits === 0 || ++octets > 4) return false;
      digits = 0;
      value = 0;
    } else if (c >= 48 && c <= 57) {
      // no leading zero (`01` reads as octal in some parsers), at most 255
      if ((digits === 1 && value === 0) || ++digits > 3) return false;
      value = value * 10 + c - 48;
      if (value > 255) return false;
    } else return false;
  }
  return octets === 4;
};

const isHexGroup = (group: string): boolean => {
  if (group.length < 1 || group.length > 4) return false;
  for (let i = 0; i < group.length; i++) {
    const c = group.charCodeAt(i) | 32;
    if (!((c >= 48 && c <= 57) || (c >= 97 && c <= 102))) return false;
  }
  return true;
};

const groupsOf = (half: string): string[] => (half === '' ? [] : half.split(':'));

/** `2001:db8::1`, `::`, `::ffff:192.0.2.1`; no zone index, brackets or port. */
const isIPv6 = (text: string): boolean => {
  if (text.length < 2 || text.length > 45 || !text.includes(':')) return false;
  let hex = text;
  const lastColon = hex.lastIndexOf(':');
  if (hex.includes('.', lastColon)) {
    // an embedded IPv4 address stands for the last two groups
    if (!isIPv4(hex.slice(lastColon + 1))) return false;
    hex = `${hex.slice(0, lastColon + 1)}0:0`;
  }
  const halves = hex.split('::');
  if (halves.length > 2) return false;
  const groups = [...groupsOf(halves[0] ?? ''), ...groupsOf(halves[1] ?? '')];
  if (!groups.every(isHexGroup)) return false;
  return halves.length === 2 ? groups.length <= 7 : groups.length === 8;
};

/** The address when `value` is one, else undefined. */
export const ipAddress = (value: string | undefined): string | undefined =>
  value !== undefined && (isIPv4(value) || isIPv6(value)) ? value : undefined;
