/**
 * `npm run bench`: measures the per-request cost of the Cream layer against hand-assembled Powertools stacks.
 * Every (variant, sink, round) is a fresh child process, variants are interleaved with a rotating order, and the
 * report gives medians and ratios, never a single absolute time: this machine is shared and noisy.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleAll } from './bundle';
import { newRawRuns, variantFigures } from './figures';
import { benchEventBytes } from './http-api-event';
import { buildLayerInto } from './layer-build';
import { parseOptions } from './options';
import { outputStats } from './output-stats';
import type { ColdResult, WarmJob, WarmResult } from './protocol';
import { renderReport } from './report';
import { runWorker } from './spawn-worker';
import { checkTargets } from './targets';
import { sinks, type Variant, variants } from './variants';
import { zipCliSize } from './zip-cli-size';
import { zipSize } from './zip-size';

const repoRoot = join(__dirname, '..', '..');

/** The same Lambda-like environment for every child; nothing inherited (a stray LOG_LEVEL would skew a variant). */
const lambdaEnv = (nodePath: string): NodeJS.ProcessEnv => ({
  PATH: process.env.PATH,
  TZ: 'UTC',
  NODE_PATH: nodePath,
  AWS_REGION: 'eu-west-1',
  AWS_LAMBDA_FUNCTION_NAME: 'bench-function',
  AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '1024',
  AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
  AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs24.x',
  POWERTOOLS_SERVICE_NAME: 'bench',
  POWERTOOLS_METRICS_NAMESPACE: 'Bench',
  _X_AMZN_TRACE_ID: 'Root=1-66705bc7-2b4257df30cbee696ef2cf28;Parent=53995c3f42cd8ad8;Sampled=0',
});

const rotate = <T>(list: readonly T[], by: number): T[] => list.map((_, i) => list[(i + by) % list.length]);

const progress = (message: string): void => {
  process.stderr.write(`${message}\n`);
};

const main = async (): Promise<void> => {
  const started = performance.now();
  const options = parseOptions(process.argv.slice(2));
  const scratch = mkdtempSync(join(tmpdir(), 'cream-bench-'));
  try {
    const layer = await buildLayerInto(join(scratch, 'layer'));
    const layerMissing = 'missing' in layer ? layer.missing : undefined;
    if (layerMissing !== undefined) progress(`layer skipped: ${layerMissing}`);
    const selected = variants.filter((v) => !v.usesLayer || layerMissing === undefined);
    const bundles = await bundleAll(join(scratch, 'bundles'), selected);
    const env = lambdaEnv('nodePath' in layer ? layer.nodePath : '');
    const raw = newRawRuns();
    const handlerOf = (v: Variant): string => bundles.handlers.get(v.id) ?? '';

    for (let round = 0; round < options.rounds; round++) {
      progress(`round ${round + 1}/${options.rounds}`);
      for (const variant of rotate(selected, round)) {
        for (const sink of rotate(sinks, round)) {
          const stdoutPath = sink === 'file' ? join(scratch, `${variant.id}-${round}.out`) : '/dev/null';
          const job: WarmJob = {
            mode: 'warm',
            handlerPath: handlerOf(variant),
            warmup: options.warmup,
            calls: options.calls,
          };
          const result = (await runWorker(bundles.worker, job, stdoutPath, env)) as WarmResult;
          const key = `${variant.id}/${sink}` as const;
          raw.warm.set(key, [...(raw.warm.get(key) ?? []), result]);
          if (sink === 'file') {
            const stats = outputStats(stdoutPath, result.measuredFromByte, options.calls);
            raw.output.set(variant.id, [...(raw.output.get(variant.id) ?? []), stats]);
            rmSync(stdoutPath);
          }
        }
      }
    }

    progress(`cold starts: ${options.coldRuns} per variant`);
    for (let i = 0; i < options.coldRuns; i++) {
      for (const variant of rotate(selected, i)) {
        const job = { mode: 'cold', handlerPath: handlerOf(variant) } as const;
        const result = (await runWorker(bundles.worker, job, '/dev/null', env)) as ColdResult;
        raw.cold.set(variant.id, [...(raw.cold.get(variant.id) ?? []), result]);
      }
    }

    const figures = selected.map((v) => variantFigures(v, raw));
    const byId = new Map(figures.map((v) => [v.variant.id, v]));
    const zipBytes = 'dir' in layer ? zipSize(layer.dir) : undefined;
    const zipCliBytes = 'dir' in layer ? zipCliSize(layer.dir) : undefined;
    const pt1 = byId.get('pt1');
    const ptm = byId.get('ptm');
    if (pt1 === undefined || ptm === undefined) throw new Error('the Powertools baselines did not run');
    const markdown = renderReport({
      options,
      figures,
      targets: checkTargets(byId.get('cream'), pt1, ptm, zipBytes),
      layer: { zipBytes, zipCliBytes, missing: layerMissing },
      environment: { node: process.version, cpus: availableParallelism(), eventBytes: benchEventBytes },
      elapsedS: (performance.now() - started) / 1000,
    });
    const resultsDir = join(repoRoot, 'bench-results');
    mkdirSync(resultsDir, { recursive: true });
    writeFileSync(join(resultsDir, 'latest.md'), markdown);
    process.stdout.write(markdown);
    progress('written to bench-results/latest.md');
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
};

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
