/**
 * A function's name is its folder (`functions/<name>`), its `service` in every record, and the stem of its
 * construct id, log group and alarm names. Kebab-case keeps all of those valid at once.
 */

/** Long names make alarm names (service + metric + stack) exceed what a console shows in one line. */
export const MaxNameLength = 32;

const kebabCase = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/**
 * Folders next to the functions and their tests that are not functions: a function of that name would land
 * inside them (`functions/shared`, `test/functions/support`, `test/functions/fixtures`).
 */
const reserved = new Set(['shared', 'support', 'fixtures']);

/** Undefined when the name is usable, else why not. */
export const nameProblem = (name: string): string | undefined => {
  const shown = JSON.stringify(name);
  if (name === '') return '--name must not be empty';
  if (!kebabCase.test(name)) {
    return `--name ${shown} must be kebab-case: lower-case letters and digits in words joined by -, starting with a letter (e.g. orders, order-history)`;
  }
  if (name.length > MaxNameLength) return `--name ${shown} is longer than ${MaxNameLength} characters`;
  if (reserved.has(name)) return `--name ${shown} is reserved (a folder of shared code or test support)`;
  return undefined;
};

/** `order-history` → `orderHistory`. */
export const camelCase = (name: string): string =>
  name.replace(/-([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());

/** `order-history` → `ORDER_HISTORY`, the stem of the function's environment variables. */
export const upperSnakeCase = (name: string): string => name.replaceAll('-', '_').toUpperCase();

/** `order-history` → `order_history`, for values written into records (`action: 'order_history_read'`). */
export const snakeCase = (name: string): string => name.replaceAll('-', '_');
