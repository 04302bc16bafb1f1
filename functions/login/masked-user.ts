import { maskEmail } from '@cream/logging';
import { normalizeEmail } from './email-address';

/**
 * The `user` field of security records: a masked email (`a***@example.com`), groupable by domain but not
 * personal. A login name that is not an email is dropped, not logged: people type their password into the
 * username box often enough. The fallback covers addresses the layer's pattern leaves alone (`a@intranet`).
 */
export const maskedUser = (loginName: string): string | undefined => {
  const email = normalizeEmail(loginName);
  if (email === undefined) return undefined;
  const masked = maskEmail(email);
  return masked !== email ? masked : `${email[0]}***${email.slice(email.lastIndexOf('@'))}`;
};
