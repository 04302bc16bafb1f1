/**
 * A clock that can jump: Date.now, performance.now and process.hrtime read real time plus an offset that only
 * grows. A fake dependency that "takes 8.5 s" moves the offset and answers at once, so the layer measures the
 * latency a real slow call would give (its duration_ms, Lambda's Duration) without the run waiting for it.
 * Timers are left alone: a slow call never fires the layer's timeout timer, so slow calls must stay below
 * the remaining time (the scenario sizing keeps them there), as they would in Lambda.
 */
export interface VirtualClock {
  advance(ms: number): void;
  readonly offsetMs: number;
}

export const installVirtualClock = (): VirtualClock => {
  let offsetMs = 0;
  const realDateNow = Date.now.bind(Date);
  const realPerformanceNow = performance.now.bind(performance);
  const realHrtime = process.hrtime;
  const realBigint = process.hrtime.bigint.bind(process.hrtime);
  const offsetNs = () => BigInt(Math.round(offsetMs * 1e6));

  Date.now = () => realDateNow() + offsetMs;
  performance.now = () => realPerformanceNow() + offsetMs;
  const bigint = () => realBigint() + offsetNs();
  const hrtime = (previous?: [number, number]): [number, number] => {
    const now = bigint();
    const since = previous ? now - (BigInt(previous[0]) * 1_000_000_000n + BigInt(previous[1])) : now;
    return [Number(since / 1_000_000_000n), Number(since % 1_000_000_000n)];
  };
  process.hrtime = Object.assign(hrtime, { bigint }) as typeof realHrtime;
  return {
    advance: (ms) => {
      offsetMs += Math.max(0, ms);
    },
    get offsetMs() {
      return offsetMs;
    },
  };
};
