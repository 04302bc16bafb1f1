import type { StackModel } from '../../cloud-assembly';
import type { DashboardView, WidgetView } from './api-types';

/** CloudWatch's default period for a metric widget without one. */
export const DefaultWidgetPeriodSeconds = 300;
/** Widget sizes CloudWatch uses when the body leaves them out. */
const defaultWidth = 6;
const defaultHeight = 6;

/** A widget as the body holds it, with its properties kept for the metric engine. */
export interface DashboardWidget extends WidgetView {
  readonly properties: Readonly<Record<string, unknown>>;
}

export interface Dashboard extends DashboardView {
  readonly widgets: readonly DashboardWidget[];
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const numberOr = (value: unknown, fallback: number): number =>
  typeof value === 'number' && Number.isFinite(value) ? value : fallback;

/** `SOURCE 'a' | SOURCE 'b' | filter ...` → the groups and the query after them (Logs Insights' widget form). */
export const splitSources = (query: string): { logGroups: string[]; query: string } => {
  const logGroups: string[] = [];
  let rest = query.trimStart();
  for (;;) {
    const match = /^SOURCE\s+'((?:[^'\\]|\\.)*)'\s*(?:\|\s*)?/i.exec(rest);
    if (!match) break;
    logGroups.push(match[1].replace(/\\(.)/g, '$1'));
    rest = rest.slice(match[0].length);
  }
  return { logGroups, query: rest };
};

/** `arn:aws:cloudwatch:region:account:alarm:Name` → `Name`. */
const alarmNameOf = (arn: unknown): string =>
  String(arn).replace(/^arn:[^:]*:cloudwatch:[^:]*:[^:]*:alarm:/, '');

/**
 * Auto-placement as CloudWatch does for widgets without x/y: left to right in rows of 24 columns, a new row
 * when the next widget does not fit.
 */
const place = (raw: Record<string, unknown>[]): { x: number; y: number; width: number; height: number }[] => {
  let cursorX = 0;
  let cursorY = 0;
  let rowHeight = 0;
  return raw.map((widget) => {
    const width = Math.min(24, Math.max(1, numberOr(widget.width, defaultWidth)));
    const height = Math.max(1, numberOr(widget.height, defaultHeight));
    if (typeof widget.x === 'number' && typeof widget.y === 'number')
      return { x: widget.x, y: widget.y, width, height };
    if (cursorX + width > 24) {
      cursorX = 0;
      cursorY += rowHeight;
      rowHeight = 0;
    }
    const spot = { x: cursorX, y: cursorY, width, height };
    cursorX += width;
    rowHeight = Math.max(rowHeight, height);
    return spot;
  });
};

const widgetOf = (
  raw: Record<string, unknown>,
  index: number,
  spot: ReturnType<typeof place>[number],
): DashboardWidget => {
  const properties = isRecord(raw.properties) ? raw.properties : {};
  const type = String(raw.type ?? 'metric');
  const title = typeof properties.title === 'string' ? properties.title : `${type} widget ${index + 1}`;
  const base = { index, type, ...spot, title, properties };
  switch (type) {
    case 'alarm':
      return {
        ...base,
        alarms: (Array.isArray(properties.alarms) ? properties.alarms : []).map(alarmNameOf),
      };
    case 'log': {
      const { logGroups, query } = splitSources(String(properties.query ?? ''));
      return { ...base, view: String(properties.view ?? 'table'), query, logGroups };
    }
    case 'text':
      return { ...base, markdown: String(properties.markdown ?? '') };
    default:
      return {
        ...base,
        view: String(properties.view ?? 'timeSeries'),
        stacked: properties.stacked === true,
        periodSeconds: numberOr(properties.period, DefaultWidgetPeriodSeconds),
      };
  }
};

/** One dashboard body (the JSON text CloudFormation gets), parsed into placed widgets. */
export const parseDashboardBody = (name: string, body: string): Dashboard => {
  const parsed: unknown = JSON.parse(body);
  if (!isRecord(parsed)) throw new Error(`Dashboard ${name}: the body is not a JSON object`);
  const raw = (Array.isArray(parsed.widgets) ? parsed.widgets : []).filter(isRecord);
  const spots = place(raw);
  return {
    name,
    start: typeof parsed.start === 'string' ? parsed.start : undefined,
    widgets: raw.map((widget, index) => widgetOf(widget, index, spots[index])),
  };
};

/**
 * Every `AWS::CloudWatch::Dashboard` of the stack, its `DashboardBody` (a `Fn::Join` of text and references)
 * resolved with the model's local physical names, so the alarm ARNs and log group names in it are the ones the
 * local runtime uses.
 */
export const stackDashboards = (model: StackModel): Dashboard[] =>
  Object.entries(model.template.Resources)
    .filter(([, resource]) => resource.Type === 'AWS::CloudWatch::Dashboard')
    .map(([logicalId, resource]) => {
      const props = resource.Properties ?? {};
      const name = props.DashboardName === undefined ? logicalId : String(model.resolve(props.DashboardName));
      return parseDashboardBody(name, String(model.resolve(props.DashboardBody)));
    });
