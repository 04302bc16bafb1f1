/** One benchmarked handler: a file under `handlers/` exporting `handler`, bundled on its own. */
export interface Variant {
  /** Short id, used in file names and as the report's row key. */
  readonly id: VariantId;
  /** Label shown in the report. */
  readonly label: string;
  /** Entry file, relative to `tools/bench/handlers`. */
  readonly entry: string;
  /** True when the variant needs the built layer (the bundle keeps `@cream/logging` external). */
  readonly usesLayer: boolean;
}

export type VariantId = 'bare' | 'middy' | 'floor' | 'pt1' | 'ptm' | 'cream';

export const variants: readonly Variant[] = [
  { id: 'bare', label: 'bare handler', entry: 'bare.ts', usesLayer: false },
  { id: 'middy', label: 'Middy, no middleware', entry: 'middy-noop.ts', usesLayer: false },
  { id: 'floor', label: 'hand-written JSON.stringify line (floor)', entry: 'floor.ts', usesLayer: false },
  { id: 'pt1', label: 'Powertools Logger, 1 line', entry: 'powertools-logger.ts', usesLayer: false },
  { id: 'ptm', label: 'Powertools Logger + Metrics', entry: 'powertools-metrics.ts', usesLayer: false },
  { id: 'cream', label: '@cream/logging requestLogging (layer)', entry: 'cream.ts', usesLayer: true },
];

/** Where the children's stdout goes: both are reported, since write cost differs between them. */
export type Sink = 'file' | 'null';
export const sinks: readonly Sink[] = ['file', 'null'];
