import type { VariantFigures } from './figures';
import type { BenchOptions } from './options';
import type { TargetCheck } from './targets';

export interface ReportInput {
  readonly options: BenchOptions;
  readonly figures: readonly VariantFigures[];
  readonly targets: readonly TargetCheck[];
  readonly layer: { readonly zipBytes?: number; readonly zipCliBytes?: number; readonly missing?: string };
  readonly environment: { readonly node: string; readonly cpus: number; readonly eventBytes: number };
  readonly elapsedS: number;
}

const f = (n: number, digits = 1): string => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a');
const row = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;

/** Renders the whole run as markdown: figures, targets, layer size, and one request's output per variant. */
export const renderReport = (input: ReportInput): string => {
  const { options, figures, targets, layer, environment } = input;
  const byId = new Map(figures.map((v) => [v.variant.id, v]));
  const pt1 = byId.get('pt1');
  const ptm = byId.get('ptm');
  const ratio = (v: VariantFigures, base: VariantFigures | undefined): string =>
    base === undefined
      ? 'n/a'
      : `${f(v.warm.file.overheadUs / base.warm.file.overheadUs, 2)} / ${f(v.warm.null.overheadUs / base.warm.null.overheadUs, 2)}`;

  const out: string[] = [];
  out.push(
    `# Cream logging benchmark${options.quick ? ' (quick smoke run: figures are indicative only)' : ''}`,
  );
  out.push('');
  out.push(
    `Node ${environment.node}, ${environment.cpus} CPUs; ${options.rounds} rounds x ${figures.length} variants x 2 sinks, ` +
      `each a fresh process: ${options.warmup.toLocaleString('en')} warm-up + ${options.calls.toLocaleString('en')} measured ` +
      `sequential calls, HTTP API v2 event of ${environment.eventBytes} B, fresh context per call. ` +
      `Cold: ${options.coldRuns} fresh processes per variant. Every handler is an esbuild bundle (minified CJS); ` +
      `the Cream variant loads @cream/logging from the built layer through NODE_PATH. Took ${f(input.elapsedS, 0)} s.`,
  );
  out.push('');
  out.push(
    "Per-call times are the median over rounds of each run's per-call median; overhead is paired with the bare " +
      'handler of the same round. Cells with two values are "stdout to a file / stdout to /dev/null".',
  );
  out.push('');
  out.push(
    row([
      'variant',
      'median us/call (file / null)',
      'overhead us (file / null)',
      'x PT 1-line overhead',
      'x PT+Metrics overhead',
      'p99 us (file)',
      'lines/req',
      'bytes/req',
      'cold import+init ms',
      'cold 1st call ms',
      'cold total ms',
    ]),
  );
  out.push(row(Array.from({ length: 11 }, () => '---')));
  for (const v of figures) {
    out.push(
      row([
        v.variant.label,
        `${f(v.warm.file.medianUs, 2)} / ${f(v.warm.null.medianUs, 2)}`,
        `${f(v.warm.file.overheadUs, 2)} / ${f(v.warm.null.overheadUs, 2)}`,
        ratio(v, pt1),
        ratio(v, ptm),
        f(v.warm.file.p99Us),
        f(v.linesPerRequest, 2),
        f(v.bytesPerRequest, 0),
        f(v.cold.importInitMs, 2),
        f(v.cold.firstInvokeMs, 2),
        f(v.cold.totalMs, 2),
      ]),
    );
  }
  out.push('');
  out.push('## Targets');
  out.push('');
  out.push(row(['target', 'threshold', 'measured', 'result']));
  out.push(row(['---', '---', '---', '---']));
  for (const t of targets) {
    out.push(
      row([t.target, t.threshold, t.measured, t.pass === undefined ? 'n/a' : t.pass ? 'PASS' : 'FAIL']),
    );
  }
  out.push('');
  out.push('## Layer');
  out.push('');
  if (layer.missing !== undefined) {
    out.push(`Layer not measured: ${layer.missing}.`);
  } else {
    out.push(
      `Zip of the built layer directory: ${f((layer.zipBytes ?? Number.NaN) / 1024, 1)} KB ` +
        '(node:zlib deflate-raw level 9 + zip headers, computed by tools/bench/zip-size.ts)' +
        (layer.zipCliBytes === undefined ? '.' : `; \`zip -r -9 -X\`: ${f(layer.zipCliBytes / 1024, 1)} KB.`),
    );
  }
  out.push('');
  out.push("## One request's output per variant (stdout to a file, last measured request)");
  for (const v of figures) {
    if (v.sample.length === 0) continue;
    out.push('');
    out.push(`${v.variant.label}:`);
    out.push('```');
    out.push(...v.sample);
    out.push('```');
  }
  out.push('');
  return out.join('\n');
};
