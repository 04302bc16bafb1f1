import type { Command, Expr } from './ast';

/** Needles of which at least one must occur in the raw message for the filter to have a chance. */
interface Requirement {
  readonly needles: readonly string[];
  /** The needles stand for JSON string content, which an escaped message (`\u0041`) could spell differently. */
  readonly json: boolean;
}

const NUMERIC = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
// Characters JSON writers escape; a literal holding one cannot be looked for verbatim.
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what JSON writers escape.
const ESCAPED = /["\\\u0000-\u001f\u2028\u2029]/;

const isJsonField = (expr: Expr): boolean => expr.kind === 'field' && !expr.name.startsWith('@');
const verbatim = (value: unknown): value is string =>
  typeof value === 'string' && value !== '' && !NUMERIC.test(value) && !ESCAPED.test(value);

const requirementsOf = (expr: Expr): Requirement[] | undefined => {
  switch (expr.kind) {
    case 'binary': {
      if (expr.op === 'and') {
        const both = [...(requirementsOf(expr.left) ?? []), ...(requirementsOf(expr.right) ?? [])];
        return both.length > 0 ? both : undefined;
      }
      if (expr.op === 'or') {
        const left = requirementsOf(expr.left);
        const right = requirementsOf(expr.right);
        if (left?.length !== 1 || right?.length !== 1) return undefined;
        return [{ needles: [...left[0].needles, ...right[0].needles], json: left[0].json || right[0].json }];
      }
      // A string `=` matches a JSON string value only, which the raw text holds in quotes.
      if (
        expr.op === '=' &&
        isJsonField(expr.left) &&
        expr.right.kind === 'literal' &&
        verbatim(expr.right.value)
      ) {
        return [{ needles: [`"${expr.right.value}"`], json: true }];
      }
      return undefined;
    }
    case 'in':
      if (expr.negated || !isJsonField(expr.target) || !expr.values.every(verbatim)) return undefined;
      return [{ needles: expr.values.map((value) => `"${value}"`), json: true }];
    case 'match': {
      if (expr.negated || expr.pattern.regex || expr.pattern.source === '') return undefined;
      if (expr.target.kind === 'field' && expr.target.name === '@message')
        return [{ needles: [expr.pattern.source], json: false }];
      // A number's text (1e+21) may differ from its JSON form: only a needle no number holds is safe.
      const source = expr.pattern.source;
      if (isJsonField(expr.target) && verbatim(source) && /[^\d.eE+-]/.test(source))
        return [{ needles: [source], json: true }];
      return undefined;
    }
    default:
      return undefined;
  }
};

/**
 * A cheap test on the raw message that rejects, before any JSON parsing, events the leading filters cannot
 * keep: `filter message = "request_completed"` needs `"request_completed"` in the text. It only rejects what
 * the filter would reject too; a message with escapes is always handed to the real filter.
 */
export const compilePrefilter = (
  commands: readonly Command[],
): ((message: string) => boolean) | undefined => {
  const requirements: Requirement[] = [];
  for (const command of commands) {
    if (command.kind !== 'filter') break;
    requirements.push(...(requirementsOf(command.expr) ?? []));
  }
  if (requirements.length === 0) return undefined;
  return (message) => {
    for (const requirement of requirements) {
      if (requirement.needles.some((needle) => message.includes(needle))) continue;
      if (requirement.json && message.includes('\\')) continue;
      return false;
    }
    return true;
  };
};
