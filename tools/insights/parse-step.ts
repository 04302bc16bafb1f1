import type { Expr, ParseMode } from './ast';
import { type CompileContext, compileExpression, type Evaluator } from './compile-expression';
import { translateRegex } from './regex';
import type { Sink } from './row-steps';
import type { Row } from './rows';
import { toText } from './values';

/** `"user=*, method:*"`: literal text around lazy wildcards; a trailing `*` takes the rest of the value. */
const globRegex = (pattern: string): RegExp => {
  const parts = pattern.split('*').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const body = parts.map((part, i) =>
    i === 0 ? part : `${i === parts.length - 1 && part === '' ? '(.*)' : '(.*?)'}${part}`,
  );
  return new RegExp(body.join(''), 's');
};

/** logfmt: `key=value`, `key="a \"quoted\" value"`, and a bare `flag`, which reads as "true". */
const parseLogfmt = (text: string): [string, string][] => {
  const pairs: [string, string][] = [];
  for (const match of text.matchAll(/([^\s=]+)(=(?:"((?:[^"\\]|\\.)*)"|(\S*)))?/g)) {
    const [, key, assigned, quoted, bare] = match;
    if (assigned === undefined) pairs.push([key, 'true']);
    else pairs.push([key, quoted !== undefined ? quoted.replace(/\\(.)/g, '$1') : bare]);
  }
  return pairs;
};

/** One CSV line (RFC 4180 quoting: `"a, b"` is one value, `""` inside quotes is a quote). */
const parseCsvLine = (text: string): string[] => {
  const values: string[] = [];
  const cell = /\s*(?:"((?:[^"]|"")*)"|([^,]*?))\s*(,|$)/y;
  for (;;) {
    const match = cell.exec(text);
    if (!match) break;
    values.push(match[1] !== undefined ? match[1].replace(/""/g, '"') : match[2]);
    if (match[3] !== ',') break;
  }
  return values;
};

/**
 * `parse`: extracts fields from any field (default `@message`). An event that does not match keeps going,
 * without the fields; `multi` makes one row per match.
 */
export class ParseStep implements Sink {
  private readonly source: Evaluator;
  private readonly extract: (text: string, row: Row) => void;

  constructor(
    source: Expr,
    private readonly mode: ParseMode,
    context: CompileContext,
    private readonly next: Sink,
  ) {
    this.source = compileExpression(source, context);
    this.extract = this.extractor();
  }

  push(row: Row): void {
    const text = toText(this.source(row));
    if (text !== undefined) this.extract(text, row);
    else this.next.push(row);
  }

  private extractor(): (text: string, row: Row) => void {
    const mode = this.mode;
    const emit = (row: Row) => this.next.push(row);
    switch (mode.kind) {
      case 'glob':
      case 'regex': {
        const regex =
          mode.kind === 'glob'
            ? globRegex(mode.pattern)
            : translateRegex(mode.source, mode.kind === 'regex' && mode.multi ? 'g' : '');
        const byName = mode.kind === 'regex' && mode.byGroupName;
        const assign = (match: RegExpExecArray | RegExpMatchArray, row: Row): void => {
          mode.names.forEach((name, i) => {
            const value = byName ? match.groups?.[name] : match[i + 1];
            if (value !== undefined) row.set(name, value);
          });
        };
        if (mode.kind === 'regex' && mode.multi) {
          return (text, row) => {
            let matched = false;
            for (const match of text.matchAll(regex)) {
              const copy = row.copy();
              assign(match, copy);
              emit(copy);
              matched = true;
            }
            if (!matched) emit(row);
          };
        }
        return (text, row) => {
          const match = regex.exec(text);
          if (match) assign(match, row);
          emit(row);
        };
      }
      case 'logfmt':
        return (text, row) => {
          for (const [key, value] of parseLogfmt(text)) row.set(`${mode.alias}.${key}`, value);
          emit(row);
        };
      case 'csv':
        return (text, row) => {
          const values = parseCsvLine(text);
          mode.names.forEach((name, i) => {
            if (i < values.length) row.set(name, values[i]);
          });
          emit(row);
        };
    }
  }
}
