import type { HealthReport } from './health-checks';

/**
 * The last report of this instance, for HTTP callers within `cacheSeconds`: the route is public, and every
 * fresh report costs about seven control-plane calls (throttled per account, billed per call for metrics).
 */
export interface CachedReport {
  /** Epoch ms when the checks ran. */
  readonly at: number;
  readonly report: HealthReport;
}

export class HealthCache {
  private last?: CachedReport;

  get(now: number, cacheSeconds: number): CachedReport | undefined {
    if (!this.last || now - this.last.at >= cacheSeconds * 1000 || now < this.last.at) return undefined;
    return this.last;
  }

  set(entry: CachedReport): void {
    this.last = entry;
  }
}
