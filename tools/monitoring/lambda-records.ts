/**
 * The records Lambda itself writes into a function's log group with the JSON log format: `platform.start` and
 * `platform.report` (system logs, written when the system log level is INFO or DEBUG) and the runtime's record
 * of an error that escaped the handler (an application log at ERROR). Shapes follow Lambda's JSON format.
 */

export interface InvocationReport {
  readonly requestId: string;
  readonly timeMs: number;
  readonly durationMs: number;
  readonly memorySizeMB: number;
  readonly initDurationMs?: number;
  readonly status: 'success' | 'error' | 'timeout';
}

const iso = (ms: number) => new Date(ms).toISOString();

export const platformStart = (requestId: string, timeMs: number) => ({
  time: iso(timeMs),
  type: 'platform.start',
  record: { requestId, version: '$LATEST' },
});

export const platformReport = (report: InvocationReport) => ({
  time: iso(report.timeMs),
  type: 'platform.report',
  record: {
    requestId: report.requestId,
    metrics: {
      durationMs: report.durationMs,
      // Lambda bills in whole milliseconds
      billedDurationMs: Math.ceil(report.durationMs),
      memorySizeMB: report.memorySizeMB,
      ...(report.initDurationMs === undefined ? {} : { initDurationMs: report.initDurationMs }),
    },
    status: report.status,
  },
});

/** What the Node.js runtime logs when the handler's promise rejects (the same shape the local runtime writes). */
export const invokeErrorRecord = (
  requestId: string,
  timeMs: number,
  errorType: string,
  errorMessage: string,
) => ({
  timestamp: iso(timeMs),
  level: 'ERROR',
  requestId,
  message: 'Invoke Error',
  errorType,
  errorMessage,
  stackTrace: [],
});

/**
 * Whether Lambda writes its platform records: with the JSON format at a system log level of INFO or DEBUG
 * (INFO when unset); the Text format writes its own START/REPORT lines, not modelled here.
 */
export const writesPlatformRecords = (fn: {
  readonly logFormat?: string;
  readonly systemLogLevel?: string;
}) => fn.logFormat === 'JSON' && ['INFO', 'DEBUG', undefined].includes(fn.systemLogLevel?.toUpperCase());
