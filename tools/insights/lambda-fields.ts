/** The fields Logs Insights discovers in Lambda's platform lines (Supported logs and discovered fields: Lambda). */
export interface LambdaFields {
  readonly '@type'?: string;
  readonly '@requestId'?: string;
  readonly '@duration'?: number;
  readonly '@billedDuration'?: number;
  readonly '@memorySize'?: number;
  readonly '@maxMemoryUsed'?: number;
  readonly '@initDuration'?: number;
  readonly '@xrayTraceId'?: string;
  readonly '@xraySegmentId'?: string;
}

export const LAMBDA_FIELD_NAMES = [
  '@type',
  '@requestId',
  '@duration',
  '@billedDuration',
  '@memorySize',
  '@maxMemoryUsed',
  '@initDuration',
  '@xrayTraceId',
  '@xraySegmentId',
] as const;

export type LambdaFieldName = (typeof LAMBDA_FIELD_NAMES)[number];

/**
 * Memory is reported in bytes: the documented sample query reads `@memorySize / 1000 / 1000` as megabytes, so
 * a line's "Memory Size: 128 MB" is 128,000,000.
 */
const MB = 1_000_000;

const NONE: LambdaFields = Object.freeze({});

const number = (text: string | undefined): number | undefined => {
  const n = text === undefined ? Number.NaN : Number(text);
  return Number.isFinite(n) ? n : undefined;
};

const reportMetric = (line: string, label: string): string | undefined =>
  new RegExp(`(?:^|\\t)${label}: ([0-9.]+)`).exec(line)?.[1];

/** `REPORT RequestId: ... Duration: 102.25 ms ...`, `START RequestId: ...`, `END RequestId: ...`. */
const fromText = (message: string): LambdaFields => {
  const platform = /^(START|END|REPORT) RequestId: ([\w-]+)/.exec(message);
  if (platform) {
    const [, type, requestId] = platform;
    if (type !== 'REPORT') return { '@type': type, '@requestId': requestId };
    const memory = number(reportMetric(message, 'Memory Size'));
    const maxMemory = number(reportMetric(message, 'Max Memory Used'));
    return {
      '@type': type,
      '@requestId': requestId,
      '@duration': number(reportMetric(message, 'Duration')),
      '@billedDuration': number(reportMetric(message, 'Billed Duration')),
      '@memorySize': memory === undefined ? undefined : memory * MB,
      '@maxMemoryUsed': maxMemory === undefined ? undefined : maxMemory * MB,
      '@initDuration': number(reportMetric(message, 'Init Duration')),
      '@xrayTraceId': /XRAY TraceId: (\S+)/.exec(message)?.[1],
      '@xraySegmentId': /SegmentId: (\S+)/.exec(message)?.[1],
    };
  }
  // A function's own line in the text format: "<ISO time>\t<request id>\t<LEVEL>\t<message>".
  const prefixed = /^\d{4}-\d\d-\d\dT[\d:.]+Z\t([\w-]+)\t/.exec(message);
  return prefixed ? { '@requestId': prefixed[1] } : NONE;
};

const PLATFORM_TYPES: Record<string, string> = {
  'platform.start': 'START',
  'platform.end': 'END',
  'platform.runtimeDone': 'END',
  'platform.report': 'REPORT',
};

/**
 * Lambda's JSON log format writes the same platform events as objects (`{"type":"platform.report","record":
 * {"requestId", "metrics": {"durationMs", ...}}}`); we give them the fields of the text lines they replace, so
 * `filter @type = "REPORT"` reads both formats. Function records in JSON carry a top-level `requestId`.
 */
const fromJson = (json: Record<string, unknown>): LambdaFields => {
  const type = typeof json.type === 'string' ? PLATFORM_TYPES[json.type] : undefined;
  const record = json.record as Record<string, unknown> | undefined;
  if (type && typeof record === 'object' && record !== null) {
    const metrics = (record.metrics ?? {}) as Record<string, unknown>;
    const metric = (key: string, scale = 1): number | undefined =>
      typeof metrics[key] === 'number' ? (metrics[key] as number) * scale : undefined;
    return {
      '@type': type,
      '@requestId': typeof record.requestId === 'string' ? record.requestId : undefined,
      '@duration': metric('durationMs'),
      '@billedDuration': metric('billedDurationMs'),
      '@memorySize': metric('memorySizeMB', MB),
      '@maxMemoryUsed': metric('maxMemoryUsedMB', MB),
      '@initDuration': metric('initDurationMs'),
    };
  }
  return typeof json.requestId === 'string' ? { '@requestId': json.requestId } : NONE;
};

/** The Lambda fields of one message, given its discovered JSON object when it has one. */
export const lambdaFields = (message: string, json: Record<string, unknown> | undefined): LambdaFields =>
  json !== undefined && message.trimStart().startsWith('{') ? fromJson(json) : fromText(message);
