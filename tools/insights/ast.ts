import type { Period } from './time-periods';

interface Span {
  readonly start: number;
  readonly end: number;
}

export type Expr =
  | (Span & { readonly kind: 'literal'; readonly value: string | number | boolean })
  | (Span & { readonly kind: 'field'; readonly name: string })
  | (Span & { readonly kind: 'period'; readonly period: Period })
  | (Span & { readonly kind: 'star' })
  | (Span & { readonly kind: 'call'; readonly name: string; readonly args: readonly Expr[] })
  | (Span & { readonly kind: 'unary'; readonly op: '-' | 'not'; readonly operand: Expr })
  | (Span & { readonly kind: 'binary'; readonly op: BinaryOp; readonly left: Expr; readonly right: Expr })
  | (Span & {
      readonly kind: 'match';
      readonly negated: boolean;
      readonly target: Expr;
      /** A string matches as a substring, a regex anywhere in the value. */
      readonly pattern: { readonly regex: boolean; readonly source: string };
    })
  | (Span & {
      readonly kind: 'in';
      readonly negated: boolean;
      readonly target: Expr;
      readonly values: readonly (string | number | boolean)[];
    });

export type BinaryOp =
  | 'and'
  | 'or'
  | '='
  | '!='
  | '<'
  | '<='
  | '>'
  | '>='
  | '+'
  | '-'
  | '*'
  | '/'
  | '%'
  | '^';

/** An expression with the name its column gets: the alias, or the expression as written. */
export interface NamedExpr {
  readonly expr: Expr;
  readonly name: string;
  readonly alias: boolean;
}

export interface SortKey {
  readonly expr: Expr;
  readonly descending: boolean;
}

export type ParseMode =
  | { readonly kind: 'glob'; readonly pattern: string; readonly names: readonly string[] }
  | {
      readonly kind: 'regex';
      readonly source: string;
      readonly names: readonly string[];
      /** Names are the regex's named groups (else the `as` names, given to groups in order). */
      readonly byGroupName: boolean;
      readonly multi: boolean;
    }
  | { readonly kind: 'logfmt'; readonly alias: string }
  | { readonly kind: 'csv'; readonly names: readonly string[] };

export type CommandBody =
  | { readonly kind: 'fields'; readonly items: readonly NamedExpr[] }
  | { readonly kind: 'display'; readonly items: readonly NamedExpr[] }
  | { readonly kind: 'filter'; readonly expr: Expr }
  | { readonly kind: 'stats'; readonly items: readonly NamedExpr[]; readonly by: readonly NamedExpr[] }
  | { readonly kind: 'sort'; readonly keys: readonly SortKey[] }
  | { readonly kind: 'limit'; readonly count: number }
  | { readonly kind: 'parse'; readonly source: Expr; readonly mode: ParseMode }
  | { readonly kind: 'dedup'; readonly fields: readonly Expr[] }
  | { readonly kind: 'unmask' };

export type Command = Span & CommandBody;

/** Children of an expression, for the checks that walk the tree. */
export const children = (expr: Expr): readonly Expr[] => {
  switch (expr.kind) {
    case 'call':
      return expr.args;
    case 'unary':
      return [expr.operand];
    case 'binary':
      return [expr.left, expr.right];
    case 'match':
    case 'in':
      return [expr.target];
    default:
      return [];
  }
};

/** Every node of the tree, depth first. */
export function* walk(expr: Expr): Generator<Expr> {
  yield expr;
  for (const child of children(expr)) yield* walk(child);
}

/** How a column is matched when a later command names it again: `sort count(*) desc` after `stats count(*)`. */
export const columnKey = (text: string): string => text.replace(/\s+/g, '').toLowerCase();
