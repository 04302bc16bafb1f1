import type { AlarmStateChange } from '../monitoring';
import { LiveMonitoring } from '../monitoring';
import type { AlarmStatus } from './cloudwatch-api';
import type { LogRecord } from './log-records';

/**
 * The stack's metric filters and alarms running on the live records: every stored record is ingested, alarms
 * are evaluated on a timer and after each request (a local user wants to see the alarm the moment the burst
 * ends, not a minute later), and each state change goes to `onChange`.
 */
export class MonitoringLoop {
  readonly monitoring: LiveMonitoring;
  private timer?: NodeJS.Timeout;
  private readonly startedAt = Date.now();

  constructor(
    private readonly model: ConstructorParameters<typeof LiveMonitoring>[0],
    private readonly onChange: (change: AlarmStateChange) => void,
  ) {
    this.monitoring = new LiveMonitoring(model);
  }

  ingest(entry: LogRecord): void {
    this.monitoring.ingest(entry.logGroupName, entry.line, entry.time);
  }

  evaluate(now = Date.now()): void {
    for (const change of this.monitoring.evaluate(now)) this.onChange(change);
  }

  /**
   * The first evaluation moves every alarm out of INSUFFICIENT_DATA; that is not news, so it is summarized
   * (`7 OK`) instead of reported as changes. Then the timer runs.
   */
  start(everySeconds: number): string {
    this.monitoring.evaluate(Date.now());
    const counts = new Map<string, number>();
    for (const { state } of this.monitoring.snapshot().alarms)
      counts.set(state, (counts.get(state) ?? 0) + 1);
    this.timer = setInterval(() => this.evaluate(), everySeconds * 1000);
    // The timer alone must not keep the process alive on shutdown.
    this.timer.unref();
    return [...counts].map(([state, count]) => `${count} ${state}`).join(', ') || 'no state yet';
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** Alarm states joined with their definitions, for DescribeAlarms. */
  alarmStatuses(): AlarmStatus[] {
    const snapshots = new Map(this.monitoring.snapshot().alarms.map((alarm) => [alarm.name, alarm]));
    return this.model.alarms.map((alarm) => {
      const snapshot = snapshots.get(alarm.name);
      return {
        alarm,
        state: snapshot?.state ?? 'INSUFFICIENT_DATA',
        reason: snapshot?.reason ?? 'not evaluated yet',
        updatedAt: snapshot?.since ? Date.parse(snapshot.since) : this.startedAt,
      };
    });
  }
}
