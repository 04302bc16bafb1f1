/** How much to run. The full run is sized for 2 to 4 minutes on 2 cores; `--quick` is a smoke run of ~20 s. */
export interface BenchOptions {
  readonly quick: boolean;
  /** Rounds of warm runs; each round runs every variant once per sink, in a rotated order. */
  readonly rounds: number;
  /** Calls before measuring, so the JIT has settled and lazy init is done. */
  readonly warmup: number;
  /** Measured sequential calls per run. */
  readonly calls: number;
  /** Fresh processes per variant for the cold figures. */
  readonly coldRuns: number;
}

export const parseOptions = (argv: readonly string[]): BenchOptions =>
  argv.includes('--quick')
    ? { quick: true, rounds: 2, warmup: 2_000, calls: 10_000, coldRuns: 5 }
    : { quick: false, rounds: 5, warmup: 5_000, calls: 30_000, coldRuns: 11 };
