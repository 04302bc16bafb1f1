import fs from 'node:fs';
import path from 'node:path';
import { layerPackageDir } from '../../layer/build';
import type { FunctionModel, LayerModel } from '../cloud-assembly';
import { bundleFunction, bundleSources, findEntry, programInputs } from './function-bundle';

/** What a reload acts on: the running stack's functions and the hook that swaps one's code. */
export interface ReloadTarget {
  readonly functions: readonly FunctionModel[];
  replaceFunction(fn: FunctionModel): Promise<void>;
}

export interface ReloadContext {
  readonly projectRoot: string;
  readonly home: string;
  readonly target: ReloadTarget;
  readonly say: (text: string) => void;
}

/** What a batch of changes needs: nothing, new function bundles and layer in place, or a new synth. */
export type ReloadOutcome = 'unchanged' | 'reloaded' | 'failed' | 'resynthesize';

interface Tracked {
  model: FunctionModel;
  /** Found from the sources' import graph; unknown while one of them does not build (found on the next change). */
  entry?: string;
  inputs: Set<string>;
}

const LayerSourceFile = /\.(ts|js|mjs|cjs|json)$/;
/** Builds kept per function: the current one, and the previous one that stack traces of old instances map to. */
const KeptBuilds = 2;

/** The file the CDK app command runs (`tsx bin/app.ts` → `bin/app.ts`), from cdk.json. */
const cdkAppEntry = (projectRoot: string): string | undefined => {
  try {
    const { app } = JSON.parse(fs.readFileSync(path.join(projectRoot, 'cdk.json'), 'utf8')) as {
      app?: string;
    };
    const file = app?.split(/\s+/).find((token) => /\.(ts|js|mjs|cjs)$/.test(token));
    return file ? path.resolve(projectRoot, file) : undefined;
  } catch {
    return undefined;
  }
};

const isProjectLayer = (layer: LayerModel): boolean =>
  layer.assetPath !== undefined && fs.existsSync(path.join(layerPackageDir(layer.assetPath), 'package.json'));

/**
 * Hot reload for `npm start`. It learns what each function's bundle was built from (its source map, the
 * import graph's root as entry) and what the CDK app reads (its import graph), then maps each batch of
 * changed files to the least work that makes the running stack match the sources: a changed function input
 * rebuilds that function with the stack's own esbuild options and replaces its instances; a changed layer
 * source rebuilds the layer (the project's `layer/build.ts`) and restarts the functions using it; a file the
 * CDK app reads asks for a new synth, since routes, alarms or environment may have changed.
 */
export class HotReload {
  private readonly tracked = new Map<string, Tracked>();
  private readonly reloadDir: string;
  private synthInputs = new Set<string>();
  private builds = 0;

  private constructor(private readonly context: ReloadContext) {
    this.reloadDir = path.join(context.home, 'reload');
  }

  static async create(context: ReloadContext): Promise<HotReload> {
    const reload = new HotReload(context);
    fs.rmSync(reload.reloadDir, { recursive: true, force: true });
    const app = cdkAppEntry(context.projectRoot);
    // An app that does not build right now falls back to "anything under lib/ or bin/".
    const synthInputs = app && (await safely(() => programInputs(app, context.projectRoot)));
    if (synthInputs) reload.synthInputs = synthInputs;
    for (const fn of context.target.functions) {
      const sources = fn.codeAssetPath ? await safely(() => bundleSources(fn.codeAssetPath!)) : undefined;
      if (!sources) {
        context.say(`watch: ${fn.functionName}'s bundle has no source map; its changes need a restart`);
        continue;
      }
      const entry = await findEntry(sources, context.projectRoot);
      reload.tracked.set(fn.functionName, { model: fn, entry, inputs: new Set(sources) });
    }
    return reload;
  }

  /** The directories worth watching: wherever the functions, the layer and the CDK app come from. */
  get watchedDirs(): string[] {
    const root = this.context.projectRoot;
    return ['functions', 'layer', 'lib', 'bin'].map((dir) => path.join(root, dir));
  }

  /** A file the CDK app reads; without cdk.json to tell, anything under lib/ or bin/. */
  isSynthInput(file: string): boolean {
    if (this.synthInputs.size > 0) return this.synthInputs.has(file);
    const relative = path.relative(this.context.projectRoot, file);
    return /^(lib|bin)[\\/]/.test(relative);
  }

  async apply(files: readonly string[]): Promise<ReloadOutcome> {
    const { projectRoot, say } = this.context;
    if (files.some((file) => this.isSynthInput(file))) return 'resynthesize';
    const layerRoot = path.join(projectRoot, 'layer') + path.sep;
    const isLayerSource = (file: string) => file.startsWith(layerRoot) && LayerSourceFile.test(file);
    const layerChanged = files.some(isLayerSource);
    const changed = [...this.tracked.values()].filter(({ inputs }) => files.some((file) => inputs.has(file)));
    if (!layerChanged && changed.length === 0) return 'unchanged';
    // Only the files that caused the reload, not an editor's or sed's scratch files next to them.
    const causes = files.filter(
      (file) => isLayerSource(file) || changed.some(({ inputs }) => inputs.has(file)),
    );
    const shown = causes.map((file) => path.relative(projectRoot, file)).join(', ');
    const started = performance.now();
    let updates: { fn: Tracked; model: FunctionModel }[];
    try {
      updates = await this.rebuild(changed, layerChanged);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      say(`reload failed (${shown}); still running the previous code:\n${message}`);
      return 'failed';
    }
    // Everything built: only now do instances change, so a failed build never leaves a half-reloaded stack.
    for (const { fn, model } of updates) {
      await this.context.target.replaceFunction(model);
      fn.model = model;
    }
    const names = updates.map(({ model }) => model.environment.POWERTOOLS_SERVICE_NAME ?? model.functionName);
    const what = [...(layerChanged ? ['layer'] : []), ...names].join(', ');
    say(`reloaded ${what} (${shown}) in ${Math.round(performance.now() - started)} ms`);
    return 'reloaded';
  }

  /** New bundles for the changed functions, a new layer for every function using it when it changed. */
  private async rebuild(changed: readonly Tracked[], layerChanged: boolean) {
    const generation = ++this.builds;
    const layerDir = layerChanged ? this.buildLayer(generation) : undefined;
    const updates: { fn: Tracked; model: FunctionModel }[] = [];
    for (const fn of this.tracked.values()) {
      const usesLayer = layerDir !== undefined && fn.model.layers.some(isProjectLayer);
      if (!usesLayer && !changed.includes(fn)) continue;
      let model = fn.model;
      if (changed.includes(fn)) model = { ...model, codeAssetPath: await this.bundle(fn, generation) };
      if (usesLayer) {
        const layers = model.layers.map((layer) =>
          isProjectLayer(layer) ? { ...layer, assetPath: layerDir } : layer,
        );
        model = { ...model, layers };
      }
      updates.push({ fn, model });
    }
    for (const name of [...(layerDir ? ['layer'] : []), ...changed.map(({ model }) => model.functionName)]) {
      this.prune(name);
    }
    return updates;
  }

  private async bundle(fn: Tracked, generation: number): Promise<string> {
    const outDir = path.join(this.reloadDir, fn.model.functionName, String(generation));
    fn.entry ??= await findEntry([...fn.inputs], this.context.projectRoot);
    if (!fn.entry)
      throw new Error(`cannot tell the entry point of ${fn.model.functionName} from its sources`);
    fn.inputs = await bundleFunction({
      entry: fn.entry,
      outDir,
      runtime: fn.model.runtime,
      projectRoot: this.context.projectRoot,
    });
    return outDir;
  }

  /** The project's own layer build (not this tool's copy), so `--project-root` reloads that project's layer. */
  private buildLayer(generation: number): string {
    const script = path.join(this.context.projectRoot, 'layer', 'build.ts');
    // A TypeScript module loaded at run time by tsx's loader; its shape is layer/build.ts's export.
    const { buildLayer } = require(script) as { buildLayer: (outputDir: string) => void };
    const outDir = path.join(this.reloadDir, 'layer', String(generation));
    buildLayer(outDir);
    return outDir;
  }

  /** Keeps the newest builds of one function (or the layer) and deletes the older ones. */
  private prune(name: string): void {
    const dir = path.join(this.reloadDir, name);
    const builds = fs.readdirSync(dir).sort((a, b) => Number(b) - Number(a));
    for (const old of builds.slice(KeptBuilds))
      fs.rmSync(path.join(dir, old), { recursive: true, force: true });
  }
}

const safely = async <T>(read: () => T | Promise<T>): Promise<T | undefined> => {
  try {
    return await read();
  } catch {
    return undefined;
  }
};
