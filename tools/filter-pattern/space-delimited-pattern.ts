import { type Predicate, parseBooleanExpression } from './boolean-expression';
import { FilterPatternError } from './errors';
import { TokenStream, tokenize, unexpected } from './lexer';
import { MAX_REGEX_PER_PATTERN } from './limits';
import { restOfLine, splitFields } from './space-delimited-fields';
import type { CompiledFilterPattern, MatchResult } from './types';
import { compileValueTest, isValueToken, parseNumber, type ScalarValue } from './value-condition';

type Fields = Record<string, string>;

type Slot =
  | { readonly kind: 'ellipsis' }
  | { readonly kind: 'field'; readonly name?: string; readonly predicate?: Predicate<Fields> };

const FIELD_NAME = /^[A-Za-z0-9_-]+$/;
const ELLIPSIS = '...';

const scalarOf = (text: string): ScalarValue => ({ text, number: parseNumber(text) });

/**
 * One comma-separated entry: empty (an unnamed field), `...`, a bare name, or conditions such as
 * `status_code = 404 || status_code = 410`. The entry's field is the first name it mentions; conditions
 * may also test fields named elsewhere in the pattern (`status_code = 4* && bytes > 1000`).
 */
function parseSlot(stream: TokenStream): Slot {
  const first = stream.peek();
  if (first.type === 'comma' || first.type === 'rbracket') return { kind: 'field' };
  if (first.type === 'word' && first.value === ELLIPSIS) {
    stream.next();
    return { kind: 'ellipsis' };
  }
  let name: string | undefined;
  const predicate = parseBooleanExpression<Fields>(stream, () => {
    const token = stream.next();
    if (token.type !== 'word' || !FIELD_NAME.test(token.value)) throw unexpected(token, 'a field name');
    name ??= token.value;
    if (stream.peek().type !== 'operator') return () => true;
    const operator = stream.next();
    const value = stream.next();
    if (!isValueToken(value)) throw unexpected(value, `a value after '${operator.text}'`);
    const test = compileValueTest(operator, value);
    const field = token.value;
    // A condition on a field the pattern does not bind cannot hold.
    return (fields) => fields[field] !== undefined && test(scalarOf(fields[field]));
  });
  return { kind: 'field', name, predicate };
}

function parseSlots(pattern: string): Slot[] {
  const tokens = tokenize(pattern, false);
  const stream = new TokenStream(tokens);
  stream.expect('lbracket', "'['");
  const slots: Slot[] = [];
  for (;;) {
    const position = stream.peek().position;
    const slot = parseSlot(stream);
    if (slot.kind === 'ellipsis' && slots.some((other) => other.kind === 'ellipsis')) {
      throw new FilterPatternError("only one '...' is supported", position);
    }
    slots.push(slot);
    if (stream.accept('comma')) continue;
    stream.expect('rbracket', "',' or ']'");
    break;
  }
  stream.expect('eof', "end of pattern after ']'");
  const regexes = tokens.filter((token) => token.type === 'regex');
  if (regexes.length > MAX_REGEX_PER_PATTERN) {
    throw new FilterPatternError(
      `a space-delimited pattern can contain at most ${MAX_REGEX_PER_PATTERN} regular expressions`,
      regexes[MAX_REGEX_PER_PATTERN].position,
    );
  }
  if (slots.length === 1 && slots[0].kind === 'field' && slots[0].name === undefined) {
    throw new FilterPatternError('expected at least one field', tokens[1].position);
  }
  return slots;
}

/** `[ip, user, ..., status_code = 4*, bytes > 1000]` */
export function compileSpaceDelimitedPattern(pattern: string): CompiledFilterPattern {
  const slots = parseSlots(pattern);
  const ellipsisAt = slots.findIndex((slot) => slot.kind === 'ellipsis');
  const before = ellipsisAt < 0 ? slots.length : ellipsisAt;
  const after = ellipsisAt < 0 ? 0 : slots.length - ellipsisAt - 1;
  const predicates = slots.flatMap((slot) =>
    slot.kind === 'field' && slot.predicate ? [slot.predicate] : [],
  );

  return {
    kind: 'space-delimited',
    source: pattern,
    match(message: string): MatchResult | undefined {
      const line = splitFields(message);
      if (line.length < before + after) return undefined;
      const extractedValues: Record<string, string> = {};
      const fields: Fields = {};
      const bind = (slot: Slot, index: number, text: string): void => {
        const name = slot.kind === 'field' ? slot.name : undefined;
        if (name === undefined) extractedValues[`$${index + 1}`] = text;
        else {
          extractedValues[`$${name}`] = text;
          fields[name] = text;
        }
      };
      if (ellipsisAt < 0) {
        for (let index = 0; index < slots.length; index++) {
          const last = index === slots.length - 1;
          bind(slots[index], index, last ? restOfLine(message, line, index) : line[index].text);
        }
      } else {
        for (let index = 0; index < before; index++) bind(slots[index], index, line[index].text);
        const tail = line.length - after;
        for (let index = before; index < tail; index++) extractedValues[`$${index + 1}`] = line[index].text;
        for (let offset = 0; offset < after; offset++) {
          bind(slots[ellipsisAt + 1 + offset], tail + offset, line[tail + offset].text);
        }
      }
      return predicates.every((predicate) => predicate(fields)) ? { extractedValues } : undefined;
    },
  };
}
