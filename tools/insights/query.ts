import type { Command } from './ast';
import { CommandParser } from './command-parser';
import { QueryError } from './errors';
import { Lexer } from './lexer';
import { checkCommands } from './query-checks';

/** StartQuery's `queryString` is at most 10,000 characters. */
export const MAX_QUERY_LENGTH = 10_000;

/** A parsed, checked query: what `startQuery` and `runQuery` run. */
export interface Query {
  readonly text: string;
  readonly commands: readonly Command[];
  /** The columns of the results, in order (rows leave out the ones they have no value for). */
  readonly fields: readonly string[];
  /** What the service silently changes (a capped `bin(300s)`), worth telling the user. */
  readonly warnings: readonly string[];
}

const DEFAULT_FIELDS = ['@timestamp', '@message'];

/**
 * The columns: the last `display`; else the last `stats` (its `by` columns, then its aggregates) and the `fields`
 * after it; else every `fields` column; else `@timestamp` and `@message`.
 */
const outputFields = (commands: readonly Command[]): string[] => {
  const display = commands.findLast((command) => command.kind === 'display');
  if (display) return display.items.map((item) => item.name);
  const lastStats = commands.findLastIndex((command) => command.kind === 'stats');
  const columns = new Set<string>();
  const stats = commands[lastStats];
  if (stats?.kind === 'stats') for (const named of [...stats.by, ...stats.items]) columns.add(named.name);
  for (const command of commands.slice(lastStats + 1)) {
    if (command.kind === 'fields') for (const item of command.items) columns.add(item.name);
  }
  return columns.size > 0 ? [...columns] : DEFAULT_FIELDS;
};

/** Parses and checks a Logs Insights query; throws QueryError where StartQuery would answer MalformedQueryException. */
export const parseQuery = (text: string): Query => {
  if (text.length > MAX_QUERY_LENGTH) {
    throw new QueryError(
      `the query is longer than ${MAX_QUERY_LENGTH} characters`,
      text,
      MAX_QUERY_LENGTH,
      text.length,
    );
  }
  const lexer = new Lexer(text);
  const parser = new CommandParser(lexer);
  const commands: Command[] = [];
  if (lexer.peek().type === 'eof') throw lexer.error('the query is empty', { start: 0, end: text.length });
  for (;;) {
    commands.push(parser.parse());
    const token = lexer.next();
    if (token.type === 'eof') break;
    if (token.type !== 'pipe')
      throw lexer.error(`unexpected '${token.value}': commands are separated by |`, token);
    if (lexer.peek().type === 'eof') throw lexer.error("expected a command after '|'", lexer.peek());
  }
  const warnings = checkCommands(text, commands);
  return { text, commands, fields: outputFields(commands), warnings };
};

export type CheckResult =
  | { readonly ok: true; readonly query: Query }
  | { readonly ok: false; readonly error: QueryError };

/** `parseQuery` without the throw: for `--check` and the local StartQuery endpoint. */
export const checkQuery = (text: string): CheckResult => {
  try {
    return { ok: true, query: parseQuery(text) };
  } catch (error) {
    if (error instanceof QueryError) return { ok: false, error };
    throw error;
  }
};
