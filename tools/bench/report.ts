import type { VariantFigures } from './figures';
import type { BenchOptions } from './options';
import type { SizeGuardResult } from './protocol';
import type { Runtime } from './runtimes';
import type { TargetCheck } from './targets';

/** One runtime's figures, targets and size-guard timings. */
export interface RuntimeSection {
  readonly runtime: Runtime;
  readonly figures: readonly VariantFigures[];
  readonly targets: readonly TargetCheck[];
  readonly sizeGuard?: SizeGuardResult;
}

export interface ReportInput {
  readonly options: BenchOptions;
  readonly sections: readonly RuntimeSection[];
  readonly layer: { readonly zipBytes?: number; readonly zipCliBytes?: number; readonly missing?: string };
  readonly environment: {
    readonly cpus: number;
    readonly eventBytes: number;
    readonly runtimeMissing?: string;
  };
  readonly elapsedS: number;
}

const f = (n: number, digits = 1): string => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a');
const row = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;
const separator = (count: number): string => row(Array.from({ length: count }, () => '---'));

const variantTable = (figures: readonly VariantFigures[]): string[] => {
  const byId = new Map(figures.map((v) => [v.variant.id, v]));
  const ratio = (v: VariantFigures, base: VariantFigures | undefined): string =>
    base === undefined
      ? 'n/a'
      : `${f(v.warm.file.overheadUs / base.warm.file.overheadUs, 2)} / ${f(v.warm.null.overheadUs / base.warm.null.overheadUs, 2)}`;
  const out = [
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
    separator(11),
  ];
  for (const v of figures) {
    out.push(
      row([
        v.variant.label,
        `${f(v.warm.file.medianUs, 2)} / ${f(v.warm.null.medianUs, 2)}`,
        `${f(v.warm.file.overheadUs, 2)} / ${f(v.warm.null.overheadUs, 2)}`,
        ratio(v, byId.get('pt1')),
        ratio(v, byId.get('ptm')),
        f(v.warm.file.p99Us),
        f(v.linesPerRequest, 2),
        f(v.bytesPerRequest, 0),
        f(v.cold.importInitMs, 2),
        f(v.cold.firstInvokeMs, 2),
        f(v.cold.totalMs, 2),
      ]),
    );
  }
  return out;
};

/** Targets side by side: one column per runtime. */
const targetTable = (sections: readonly RuntimeSection[]): string[] => {
  const first = sections[0];
  if (!first) return [];
  const out = [
    row(['target', 'threshold', ...sections.map((s) => s.runtime.label)]),
    separator(2 + sections.length),
  ];
  first.targets.forEach((target, i) => {
    const cells = sections.map((s) => {
      const t = s.targets[i];
      return t === undefined
        ? 'n/a'
        : `${t.measured}: ${t.pass === undefined ? 'n/a' : t.pass ? 'PASS' : 'FAIL'}`;
    });
    out.push(row([target.target, target.threshold, ...cells]));
  });
  return out;
};

const sizeGuardTable = (sections: readonly RuntimeSection[]): string[] => {
  const measured = sections.filter((s) => s.sizeGuard !== undefined);
  const first = measured[0]?.sizeGuard;
  if (!first) return ['Not measured (the layer was not built).'];
  const out = [
    row([
      'logged object',
      'JSON MB',
      ...measured.flatMap((s) => [`${s.runtime.label}: guard ms`, `${s.runtime.label}: logger.info ms`]),
      'line bytes',
      'valid and truncated',
    ]),
    separator(4 + 2 * measured.length),
  ];
  first.shapes.forEach((shape, i) => {
    const cells = measured.flatMap((s) => {
      const r = s.sizeGuard?.shapes[i];
      return [f(r?.guardMs ?? Number.NaN), f(r?.endToEndMs ?? Number.NaN)];
    });
    const valid = measured.every((s) => s.sizeGuard?.shapes[i]?.valid === true);
    out.push(
      row([
        shape.shape,
        f(shape.inputBytes / 1024 / 1024, 1),
        ...cells,
        String(shape.lineBytes),
        valid ? 'yes' : 'NO',
      ]),
    );
  });
  return out;
};

/** Renders the whole run as markdown: figures per runtime, targets, size guard, layer size, sample output. */
export const renderReport = (input: ReportInput): string => {
  const { options, sections, layer, environment } = input;
  const out: string[] = [];
  out.push(
    `# Cream logging benchmark${options.quick ? ' (quick smoke run: figures are indicative only)' : ''}`,
  );
  out.push('');
  out.push(
    `${sections.map((s) => s.runtime.label).join(' and ')}, ${environment.cpus} CPUs; ${options.rounds} rounds x ` +
      `${sections.length} runtimes x ${sections[0]?.figures.length ?? 0} variants x 2 sinks, each a fresh process: ` +
      `${options.warmup.toLocaleString('en')} warm-up + ${options.calls.toLocaleString('en')} measured sequential calls, ` +
      `HTTP API v2 event of ${environment.eventBytes} B, fresh context and X-Ray trace id per call. ` +
      `Cold: ${options.coldRuns} fresh processes per variant and runtime. Every handler is an esbuild bundle ` +
      '(minified CJS); the Cream variant loads @cream/logging from the built layer through NODE_PATH. ' +
      `Took ${f(input.elapsedS, 0)} s.` +
      (environment.runtimeMissing ? ` Node 22 not measured: ${environment.runtimeMissing}.` : ''),
  );
  out.push('');
  out.push(
    "Per-call times are the lowest over rounds of each run's per-call median (the least disturbed run: on a " +
      "shared machine other load only adds time); overhead is that less the bare handler's, on the same runtime. " +
      'Cold figures are medians. Cells with two values are "stdout to a file / stdout to /dev/null".',
  );
  for (const section of sections) {
    out.push('', `## ${section.runtime.label}`, '', ...variantTable(section.figures));
  }
  out.push('', '## Targets', '', ...targetTable(sections));
  out.push('', '## Size guard: one logger.info of a ~6 MB object', '');
  out.push(
    'Median of repeated runs in one process per runtime: `guardSize` alone on the walked record, and ' +
      '`logger.info(name, object)` end to end through the built layer (JSON-safe walk and redaction, then the guard).',
    '',
    ...sizeGuardTable(sections),
  );
  out.push('', '## Layer', '');
  if (layer.missing !== undefined) out.push(`Layer not measured: ${layer.missing}.`);
  else {
    out.push(
      `Zip of the built layer directory: ${f((layer.zipBytes ?? Number.NaN) / 1024, 1)} KB ` +
        '(node:zlib deflate-raw level 9 + zip headers, computed by tools/bench/zip-size.ts)' +
        (layer.zipCliBytes === undefined ? '.' : `; \`zip -r -9 -X\`: ${f(layer.zipCliBytes / 1024, 1)} KB.`),
    );
  }
  out.push(
    '',
    `## One request's output per variant (${sections[0]?.runtime.label}, stdout to a file, last measured request)`,
  );
  for (const v of sections[0]?.figures ?? []) {
    if (v.sample.length === 0) continue;
    out.push('', `${v.variant.label}:`, '```', ...v.sample, '```');
  }
  out.push('');
  return out.join('\n');
};
