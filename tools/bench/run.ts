/**
 * `npm run bench`: measures the per-request cost of the Cream layer against hand-assembled Powertools stacks, on
 * every Node version the layer declares, side by side in one run. Every (runtime, variant, sink, round) is a fresh
 * child process, runtimes and variants are interleaved with a rotating order, and the report gives each variant's
 * least disturbed run and ratios between variants: this machine is shared and noisy. A last section times the
 * size guard.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleAll } from './bundle';
import { newRawRuns, type RawRuns, variantFigures } from './figures';
import { benchEventBytes } from './http-api-event';
import { buildLayerInto } from './layer-build';
import { parseOptions } from './options';
import { outputStats } from './output-stats';
import type { ColdResult, SizeGuardResult, WarmJob, WarmResult } from './protocol';
import { renderReport } from './report';
import { benchRuntimes, type Runtime } from './runtimes';
import { runWorker } from './spawn-worker';
import { checkTargets } from './targets';
import { sinks, type Variant, variants } from './variants';
import { zipCliSize } from './zip-cli-size';
import { zipSize } from './zip-size';

const repoRoot = join(__dirname, '..', '..');

/** The same Lambda-like environment for every child; nothing inherited (a stray LOG_LEVEL would skew a variant). */
const lambdaEnv = (nodePath: string, runtime: Runtime): NodeJS.ProcessEnv => ({
  PATH: process.env.PATH,
  TZ: 'UTC',
  NODE_PATH: nodePath,
  AWS_REGION: 'eu-west-1',
  AWS_LAMBDA_FUNCTION_NAME: 'bench-function',
  AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '1024',
  AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
  AWS_EXECUTION_ENV: `AWS_Lambda_nodejs${runtime.id.slice(4)}.x`,
  POWERTOOLS_SERVICE_NAME: 'bench',
  POWERTOOLS_METRICS_NAMESPACE: 'Bench',
  // the worker sets a fresh _X_AMZN_TRACE_ID per invocation, as the Lambda runtime does
});

const rotate = <T>(list: readonly T[], by: number): T[] =>
  list.map((_, i) => list[(i + by) % list.length] as T);

const progress = (message: string): void => {
  process.stderr.write(`${message}\n`);
};

const append = <K, V>(map: Map<K, V[]>, key: K, value: V): void => {
  map.set(key, [...(map.get(key) ?? []), value]);
};

const main = async (): Promise<void> => {
  const started = performance.now();
  const options = parseOptions(process.argv.slice(2));
  const scratch = mkdtempSync(join(tmpdir(), 'cream-bench-'));
  try {
    const layer = await buildLayerInto(join(scratch, 'layer'));
    const layerMissing = 'missing' in layer ? layer.missing : undefined;
    if (layerMissing !== undefined) progress(`layer skipped: ${layerMissing}`);
    const { runtimes, missing: runtimeMissing } = benchRuntimes();
    if (runtimeMissing !== undefined) progress(`Node 22 skipped: ${runtimeMissing}`);
    const selected = variants.filter((v) => !v.usesLayer || layerMissing === undefined);
    const bundles = await bundleAll(join(scratch, 'bundles'), selected);
    const nodePath = 'nodePath' in layer ? layer.nodePath : '';
    const raw = new Map<Runtime['id'], RawRuns>(runtimes.map((r) => [r.id, newRawRuns()]));
    const handlerOf = (v: Variant): string => bundles.handlers.get(v.id) ?? '';

    for (let round = 0; round < options.rounds; round++) {
      progress(`round ${round + 1}/${options.rounds}`);
      for (const runtime of rotate(runtimes, round)) {
        const runs = raw.get(runtime.id) as RawRuns;
        for (const variant of rotate(selected, round)) {
          for (const sink of rotate(sinks, round)) {
            const stdoutPath =
              sink === 'file' ? join(scratch, `${runtime.id}-${variant.id}-${round}.out`) : '/dev/null';
            const job: WarmJob = {
              mode: 'warm',
              handlerPath: handlerOf(variant),
              warmup: options.warmup,
              calls: options.calls,
            };
            const env = lambdaEnv(nodePath, runtime);
            const result = (await runWorker(
              runtime.execPath,
              bundles.worker,
              job,
              stdoutPath,
              env,
            )) as WarmResult;
            append(runs.warm, `${variant.id}/${sink}` as const, result);
            if (sink === 'file') {
              append(
                runs.output,
                variant.id,
                outputStats(stdoutPath, result.measuredFromByte, options.calls),
              );
              rmSync(stdoutPath);
            }
          }
        }
      }
    }

    progress(`cold starts: ${options.coldRuns} per variant and runtime`);
    for (let i = 0; i < options.coldRuns; i++) {
      for (const runtime of rotate(runtimes, i)) {
        for (const variant of rotate(selected, i)) {
          const job = { mode: 'cold', handlerPath: handlerOf(variant) } as const;
          const env = lambdaEnv(nodePath, runtime);
          const result = (await runWorker(
            runtime.execPath,
            bundles.worker,
            job,
            '/dev/null',
            env,
          )) as ColdResult;
          append((raw.get(runtime.id) as RawRuns).cold, variant.id, result);
        }
      }
    }

    const sizeGuard = new Map<Runtime['id'], SizeGuardResult>();
    if (layerMissing === undefined) {
      progress('size guard: oversized logged objects');
      for (const runtime of runtimes) {
        const job = { mode: 'size-guard', repeats: options.quick ? 3 : 7 } as const;
        const env = lambdaEnv(nodePath, runtime);
        const result = await runWorker(runtime.execPath, bundles.sizeGuardWorker, job, '/dev/null', env);
        sizeGuard.set(runtime.id, result as SizeGuardResult);
      }
    }

    const zipBytes = 'dir' in layer ? zipSize(layer.dir) : undefined;
    const zipCliBytes = 'dir' in layer ? zipCliSize(layer.dir) : undefined;
    const sections = runtimes.map((runtime) => {
      const figures = selected.map((v) => variantFigures(v, raw.get(runtime.id) as RawRuns));
      const byId = new Map(figures.map((v) => [v.variant.id, v]));
      const pt1 = byId.get('pt1');
      const ptm = byId.get('ptm');
      if (pt1 === undefined || ptm === undefined) throw new Error('the Powertools baselines did not run');
      const targets = checkTargets(byId.get('cream'), pt1, ptm, zipBytes);
      return { runtime, figures, targets, sizeGuard: sizeGuard.get(runtime.id) };
    });
    const markdown = renderReport({
      options,
      sections,
      layer: { zipBytes, zipCliBytes, missing: layerMissing },
      environment: { cpus: availableParallelism(), eventBytes: benchEventBytes, runtimeMissing },
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
