/** RFC 5321's limit on a forward path; longer input is not an address anyone can own. */
const maxLength = 254;

/** Deliberately loose: one @, no spaces, a dot-free domain allowed (internal domains). Delivery is not our job. */
const shape = /^[^\s@]+@[^\s@]+$/;

/**
 * The table key for a login name: trimmed and lower-cased (the table stores emails lower-case, so
 * `Alice@Example.com` and `alice@example.com` are one user), or undefined when it cannot be an email address.
 */
export const normalizeEmail = (value: string): string | undefined => {
  const email = value.trim().toLowerCase();
  return email.length <= maxLength && shape.test(email) ? email : undefined;
};
