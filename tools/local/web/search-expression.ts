import type { MetricIdentity } from '../../monitoring';

/** `SEARCH('{Namespace,route} MetricName="RouteLatency"', 'p99', 300)`, parsed. */
export interface SearchCall {
  readonly search: string;
  readonly stat: string;
  readonly periodSeconds?: number;
}

type Matcher = (metric: MetricIdentity) => boolean;

const callPattern = /^\s*SEARCH\s*\(\s*'((?:[^'\\]|\\.)*)'\s*,\s*'([^']+)'\s*(?:,\s*(\d+)\s*)?\)\s*$/i;

/** The arguments of an expression that is one SEARCH call; undefined for any other expression. */
export const parseSearchCall = (expression: string): SearchCall | undefined => {
  const match = callPattern.exec(expression);
  if (!match) return undefined;
  return {
    search: match[1].replace(/\\(.)/g, '$1'),
    stat: match[2],
    periodSeconds: match[3] === undefined ? undefined : Number(match[3]),
  };
};

const unquote = (text: string): { text: string; quoted: boolean } =>
  text.startsWith('"') && text.endsWith('"') && text.length >= 2
    ? { text: text.slice(1, -1).replace(/\\(.)/g, '$1'), quoted: true }
    : { text, quoted: false };

/** Quoted values match exactly; unquoted ones match part of the value, ignoring case. */
const matchesValue = (actual: string, wanted: { text: string; quoted: boolean }): boolean =>
  wanted.quoted ? actual === wanted.text : actual.toLowerCase().includes(wanted.text.toLowerCase());

const termMatcher = (token: string): Matcher => {
  const equals = /^("(?:[^"\\]|\\.)*"|[^=\s"]+)=(.+)$/.exec(token);
  if (equals) {
    const key = unquote(equals[1]).text;
    const wanted = unquote(equals[2]);
    if (key === 'MetricName') return (metric) => matchesValue(metric.metricName, wanted);
    if (key === 'Namespace') return (metric) => matchesValue(metric.namespace, wanted);
    return (metric) => key in metric.dimensions && matchesValue(metric.dimensions[key], wanted);
  }
  const wanted = unquote(token);
  return (metric) =>
    [metric.namespace, metric.metricName, ...Object.entries(metric.dimensions).flat()].some((part) =>
      matchesValue(part, wanted),
    );
};

const tokenPattern =
  /\(|\)|(?:"(?:[^"\\]|\\.)*"|[^\s()"=]+)=(?:"(?:[^"\\]|\\.)*"|[^\s()"]+)|"(?:[^"\\]|\\.)*"|[^\s()]+/g;

/** Terms joined by spaces (AND), OR, AND, NOT and parentheses, as CloudWatch's search syntax has them. */
const parseTerms = (text: string): Matcher => {
  const tokens = text.match(tokenPattern) ?? [];
  let index = 0;
  const peek = () => tokens[index];
  const either = (): Matcher => {
    const parts = [both()];
    while (peek()?.toUpperCase() === 'OR') {
      index++;
      parts.push(both());
    }
    return (metric) => parts.some((part) => part(metric));
  };
  const both = (): Matcher => {
    const parts = [unary()];
    while (index < tokens.length && peek() !== ')' && peek()?.toUpperCase() !== 'OR') {
      if (peek()?.toUpperCase() === 'AND') index++;
      parts.push(unary());
    }
    return (metric) => parts.every((part) => part(metric));
  };
  const unary = (): Matcher => {
    const token = tokens[index++];
    if (token === undefined) throw new Error(`Incomplete search expression "${text}"`);
    if (token.toUpperCase() === 'NOT') {
      const inner = unary();
      return (metric) => !inner(metric);
    }
    if (token === '(') {
      const inner = either();
      if (tokens[index++] !== ')') throw new Error(`Missing ) in search expression "${text}"`);
      return inner;
    }
    return termMatcher(token);
  };
  if (tokens.length === 0) return () => true;
  const matcher = either();
  if (index !== tokens.length) throw new Error(`Unexpected ${tokens[index]} in search expression "${text}"`);
  return matcher;
};

/**
 * A search expression as a predicate over metrics: an optional schema `{Namespace,Dim1,Dim2}` (the namespace,
 * and exactly that set of dimension names) followed by search terms.
 */
export const compileSearch = (search: string): Matcher => {
  const schema = /^\s*\{([^}]*)\}/.exec(search);
  const terms = parseTerms(schema ? search.slice(schema[0].length) : search);
  if (!schema) return terms;
  const [namespace, ...dimensions] = schema[1].split(',').map((part) => unquote(part.trim()).text);
  const wanted = [...dimensions].sort().join('\u0000');
  return (metric) =>
    metric.namespace === namespace &&
    Object.keys(metric.dimensions).sort().join('\u0000') === wanted &&
    terms(metric);
};
