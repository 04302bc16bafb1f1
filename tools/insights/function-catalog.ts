import { IP_FUNCTIONS } from './ip-functions';
import { SCALAR_FUNCTIONS } from './scalar-functions';

export interface FunctionArity {
  readonly min: number;
  readonly max: number;
  /** Argument positions that take a time period literal (`5m`). */
  readonly periods?: readonly number[];
}

/** Aggregation functions: only inside `stats`. */
export const AGGREGATES: Record<string, FunctionArity> = {
  count: { min: 0, max: 1 },
  count_distinct: { min: 1, max: 1 },
  sum: { min: 1, max: 1 },
  avg: { min: 1, max: 1 },
  min: { min: 1, max: 1 },
  max: { min: 1, max: 1 },
  pct: { min: 2, max: 2 },
  stddev: { min: 1, max: 1 },
  earliest: { min: 1, max: 1 },
  latest: { min: 1, max: 1 },
  sortsfirst: { min: 1, max: 1 },
  sortslast: { min: 1, max: 1 },
};

export const DATETIME_FUNCTIONS: Record<string, FunctionArity> = {
  bin: { min: 1, max: 1, periods: [0] },
  datefloor: { min: 2, max: 2, periods: [1] },
  dateceil: { min: 2, max: 2, periods: [1] },
  frommillis: { min: 1, max: 1 },
  tomillis: { min: 1, max: 1 },
};

/** Documented functions this engine does not implement: named, so the error says so instead of "unknown". */
const SERVICE_ONLY_FUNCTIONS = [
  'round',
  'tonumber',
  'toint',
  'tolong',
  'todouble',
  'haversine',
  'now',
  'parsedate',
  'formatdate',
  'strftime',
  'case',
  'if',
  'isnumeric',
  'messagesize',
  'querystarttime',
  'queryendtime',
  'querytimerange',
  'jsonparse',
  'jsonstringify',
  'jsonarraysize',
  'jsonarraycontains',
  'ipv4tonumber',
  'isprivateip',
  'ispublicip',
  'isreservedip',
  'regexreplace',
  'startswith',
  'endswith',
  'urlencode',
  'urldecode',
  'base64encode',
  'base64decode',
  'split',
  'hextoascii',
  'hextodec',
  'dectohex',
  'percentile',
];

export type FunctionKind = 'aggregate' | 'datetime' | 'scalar';

export const functionKind = (name: string): FunctionKind | undefined => {
  if (Object.hasOwn(AGGREGATES, name)) return 'aggregate';
  if (Object.hasOwn(DATETIME_FUNCTIONS, name)) return 'datetime';
  if (Object.hasOwn(SCALAR_FUNCTIONS, name) || Object.hasOwn(IP_FUNCTIONS, name)) return 'scalar';
  return undefined;
};

export const arityOf = (name: string): FunctionArity =>
  AGGREGATES[name] ?? DATETIME_FUNCTIONS[name] ?? SCALAR_FUNCTIONS[name] ?? IP_FUNCTIONS[name];

/** Why a name is not a function here, with the closest known name when there is one. */
export const unknownFunctionProblem = (name: string): string => {
  if (name === 'percentile') return 'percentile() is not a Logs Insights function: use pct(field, 95)';
  if (SERVICE_ONLY_FUNCTIONS.includes(name)) return `${name}() is not supported locally (the service has it)`;
  const known = [
    ...Object.keys(AGGREGATES),
    ...Object.keys(DATETIME_FUNCTIONS),
    ...Object.keys(SCALAR_FUNCTIONS),
    ...Object.keys(IP_FUNCTIONS),
  ];
  const close = known.find((candidate) => candidate.startsWith(name.slice(0, 4)) && name.length > 2);
  return `unknown function ${name}()${close ? `: did you mean ${close}()?` : ''}`;
};
