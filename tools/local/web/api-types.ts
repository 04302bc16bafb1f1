/**
 * The JSON the web console's server answers and its page reads (no Node or DOM types here: both sides
 * import this file). Times are epoch milliseconds.
 */

export type AlarmStateName = 'OK' | 'ALARM' | 'INSUFFICIENT_DATA';

/** One widget of the stack's dashboard, placed on CloudWatch's 24-column grid. */
export interface WidgetView {
  readonly index: number;
  readonly type: string;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly title: string;
  /** Metric widgets: `timeSeries`, `singleValue`, ...; log widgets: `table`, `timeSeries`, ... */
  readonly view?: string;
  readonly stacked?: boolean;
  /** Metric widgets: their own period (CloudWatch's 300 s when the body has none). */
  readonly periodSeconds?: number;
  /** Alarm widgets: the alarm names it shows. */
  readonly alarms?: readonly string[];
  /** Log widgets: the query and the log groups it reads. */
  readonly query?: string;
  readonly logGroups?: readonly string[];
  /** Text widgets: their markdown, shown as text. */
  readonly markdown?: string;
}

export interface DashboardView {
  readonly name: string;
  /** The dashboard's default range, as an ISO 8601 duration (`-PT3H`) or absent. */
  readonly start?: string;
  readonly widgets: readonly WidgetView[];
}

export interface SeriesView {
  readonly label: string;
  /** One value per timestamp of the answer; null where the period has no data. */
  readonly values: readonly (number | null)[];
  readonly color?: string;
}

/** A metric widget's data for one time range, as GetMetricData would return it. */
export interface MetricDataView {
  readonly timestamps: readonly number[];
  readonly periodSeconds: number;
  readonly series: readonly SeriesView[];
  /** Rows the local engine could not compute (an unsupported expression), with the reason. */
  readonly errors: readonly string[];
}

export interface EvaluatedPeriodView {
  readonly startMs: number;
  readonly value: number | null;
  readonly breaching: boolean | null;
}

export interface AlarmChangeView {
  readonly timestampMs: number;
  readonly previous: AlarmStateName;
  readonly state: AlarmStateName;
  readonly reason: string;
}

export interface AlarmView {
  readonly name: string;
  readonly description?: string;
  readonly state: AlarmStateName;
  readonly reason: string;
  readonly since?: number;
  /** `FailedLogins (Sum)`, or the expression's label for metric math. */
  readonly metric: string;
  /** `>= 10`. */
  readonly condition: string;
  readonly periodSeconds: number;
  readonly evaluationPeriods: number;
  readonly datapointsToAlarm: number;
  readonly treatMissingData: string;
  /** The periods of the last evaluation: the datapoints that decided the state. */
  readonly periods: readonly EvaluatedPeriodView[];
  readonly history: readonly AlarmChangeView[];
}

/** One stored log event as the live tail and the request view show it. */
export interface TailRecord {
  readonly id: number;
  readonly time: number;
  readonly logGroup: string;
  readonly logStream: string;
  /** The function that wrote it, or the API for its access log. */
  readonly source: string;
  readonly line: string;
  readonly record?: Readonly<Record<string, unknown>>;
}

export interface SavedQueryView {
  readonly name: string;
  readonly queryString: string;
  readonly logGroups: readonly string[];
}

export interface LogGroupView {
  readonly name: string;
  readonly source: string;
}

export interface ConsoleConfig {
  readonly stackName: string;
  readonly logGroups: readonly LogGroupView[];
  readonly savedQueries: readonly SavedQueryView[];
  readonly dashboards: readonly DashboardView[];
}

export interface QueryRequest {
  readonly query: string;
  readonly logGroups: readonly string[];
  readonly start: number;
  readonly end: number;
}

/** `stats ... by bin(...)`: the result as series over the bins, for a chart. */
export interface QueryChart {
  readonly timestamps: readonly number[];
  readonly series: readonly SeriesView[];
}

export interface QueryResultView {
  readonly fields: readonly string[];
  readonly rows: readonly Readonly<Record<string, string>>[];
  readonly recordsScanned: number;
  readonly recordsMatched: number;
  readonly chart?: QueryChart;
}

/** An error answer: what went wrong, in words for the page. */
export interface ErrorView {
  readonly error: string;
}
