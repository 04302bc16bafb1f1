import type { OutputStats } from './output-stats';
import type { ColdResult, WarmResult } from './protocol';
import { median } from './stats';
import type { Sink, Variant, VariantId } from './variants';

/** Raw results of every run, in round order, as the orchestrator collected them. */
export interface RawRuns {
  readonly warm: Map<`${VariantId}/${Sink}`, WarmResult[]>;
  readonly cold: Map<VariantId, ColdResult[]>;
  readonly output: Map<VariantId, OutputStats[]>;
}

export interface SinkFigures {
  /** The least disturbed run's per-call median: on a shared machine, other load only ever adds time. */
  readonly medianUs: number;
  /** That figure less the bare handler's, measured the same way on the same runtime. */
  readonly overheadUs: number;
  readonly p99Us: number;
}

export interface VariantFigures {
  readonly variant: Variant;
  readonly warm: Readonly<Record<Sink, SinkFigures>>;
  readonly linesPerRequest: number;
  readonly bytesPerRequest: number;
  readonly invalidLines: number;
  readonly sample: readonly string[];
  readonly cold: { readonly importInitMs: number; readonly firstInvokeMs: number; readonly totalMs: number };
}

export const newRawRuns = (): RawRuns => ({ warm: new Map(), cold: new Map(), output: new Map() });

const fastest = (runs: readonly WarmResult[]): number =>
  runs.length === 0 ? Number.NaN : Math.min(...runs.map((r) => r.medianUs));

const sinkFigures = (runs: readonly WarmResult[], bare: readonly WarmResult[]): SinkFigures => ({
  medianUs: fastest(runs),
  overheadUs: fastest(runs) - fastest(bare),
  p99Us: median(runs.map((r) => r.p99Us)),
});

/** Reduces the raw runs of one variant to the figures the report shows. */
export const variantFigures = (variant: Variant, raw: RawRuns): VariantFigures => {
  const warm = (sink: Sink) =>
    sinkFigures(raw.warm.get(`${variant.id}/${sink}`) ?? [], raw.warm.get(`bare/${sink}`) ?? []);
  const output = raw.output.get(variant.id) ?? [];
  const cold = raw.cold.get(variant.id) ?? [];
  return {
    variant,
    warm: { file: warm('file'), null: warm('null') },
    linesPerRequest: median(output.map((o) => o.linesPerRequest)),
    bytesPerRequest: median(output.map((o) => o.bytesPerRequest)),
    invalidLines: output.reduce((sum, o) => sum + o.invalidLines, 0),
    sample: output.at(-1)?.lastRequest ?? [],
    cold: {
      importInitMs: median(cold.map((c) => c.importInitMs)),
      firstInvokeMs: median(cold.map((c) => c.firstInvokeMs)),
      totalMs: median(cold.map((c) => c.importInitMs + c.firstInvokeMs)),
    },
  };
};
