import path from 'node:path';
import type { StackModel } from '../cloud-assembly';
import { formatBanner } from './banner';
import type { ConsoleOutput } from './console-output';
import { HotReload } from './hot-reload';
import { type RunningStack, startLocalStack } from './local-stack';
import { writeStateFile } from './local-state-file';
import type { StartOptions } from './options';
import { stopSyntheses, synthesize } from './prepare-stack';
import { type SourceWatch, watchSources } from './source-watch';

/** Display names for records: a function's service (POWERTOOLS_SERVICE_NAME), an API's name. */
const serviceNamesOf = (model: StackModel): Map<string, string> => {
  const names = new Map<string, string>();
  for (const fn of model.functions) {
    const service = fn.environment.POWERTOOLS_SERVICE_NAME;
    if (service) names.set(fn.functionName, service);
  }
  for (const [logicalId, resource] of Object.entries(model.template.Resources)) {
    const name = resource.Properties?.Name;
    if (resource.Type === 'AWS::ApiGatewayV2::Api' && typeof name === 'string') names.set(logicalId, name);
  }
  return names;
};

const seconds = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} s`;

/**
 * One `npm start` from start to stop: the running stack, the state file other commands find it by, the
 * watcher and its reloads. Every step runs on one queue, so a reload never overlaps a start or a stop; a
 * change to the CDK app re-synthesizes while the old stack keeps serving, then swaps the stacks.
 */
export class LocalSession {
  private running?: RunningStack;
  private reload?: HotReload;
  private watch?: SourceWatch;
  private removeState?: () => void;
  private queue: Promise<void> = Promise.resolve();
  private readonly changed = new Set<string>();
  private stopping = false;
  /** The last restart failed, so nothing runs: the next change tries a full start again. */
  private down = false;
  /** The port the first start bound (also when asked for 0, any free port): every restart reuses it. */
  private port?: number;

  constructor(
    private readonly options: StartOptions,
    private readonly output: ConsoleOutput,
  ) {
    // A forced exit skips stop(): the state file must not outlive the process either.
    process.on('exit', () => this.removeState?.());
  }

  /** Starts the stack (and the watcher); rejects when it cannot start, unless a stop was asked meanwhile. */
  start(): Promise<void> {
    return this.enqueue(async () => {
      this.running = await startLocalStack(this.options, this.output);
      if (this.stopping) return;
      this.publish(this.running);
      if (!this.running.user) this.output.onStep('no users table in the stack: no demo user');
      // Watching before the banner: an edit made the moment the banner appears is not missed.
      if (this.options.watch) await this.startWatching(this.running);
      this.output.message(this.banner(this.running));
    });
  }

  /** Ends everything this session started; a synth in progress is killed rather than awaited. */
  async stop(): Promise<void> {
    this.stopping = true;
    stopSyntheses();
    await this.queue;
    this.watch?.close();
    await this.running?.stop();
    this.running = undefined;
    this.removeState?.();
    this.output.flush();
  }

  private enqueue(step: () => Promise<void>): Promise<void> {
    const next = this.queue.then(() => (this.stopping ? undefined : step()));
    this.queue = next.catch(() => undefined);
    return next;
  }

  private publish(running: RunningStack): void {
    this.port ??= Number(new URL(running.url).port);
    this.removeState?.();
    this.removeState = writeStateFile(this.options.home, {
      pid: process.pid,
      url: running.url,
      stackName: running.stackName,
      region: running.model.pseudo.region,
      dynamoDbEndpoint: running.dynamoDbEndpoint,
      awsEndpoint: running.awsEndpoint,
      usersTable: running.usersTable,
    });
    this.output.setServiceNames(serviceNamesOf(running.model));
  }

  private banner(running: RunningStack): string {
    const defaultHome = path.join(this.options.projectRoot, '.cream');
    return formatBanner({
      url: running.url,
      stackName: running.stackName,
      routes: running.routeKeys,
      user: running.user ?? { email: '(none)', password: '(none)', created: false },
      home: this.options.home,
      customHome: this.options.home !== defaultHome,
      alarmCount: running.alarmCount,
      filterCount: running.filterCount,
      dynamoDbEndpoint: running.dynamoDbEndpoint,
      awsEndpoint: running.awsEndpoint,
      usersTable: running.usersTable,
      region: running.model.pseudo.region,
      watching: this.options.watch,
    });
  }

  private async startWatching(running: RunningStack): Promise<void> {
    const { projectRoot, home } = this.options;
    const say = (text: string) => this.output.onStep(text);
    const target = { functions: running.model.functions, replaceFunction: running.replaceFunction };
    this.reload = await HotReload.create({ projectRoot, home, target, say });
    this.watch ??= watchSources(
      this.reload.watchedDirs,
      (files) => this.onChange(files),
      (error) => say(`watching stopped (${error.message}); restart to pick up changes`),
    );
  }

  private onChange(files: readonly string[]): void {
    for (const file of files) this.changed.add(file);
    void this.enqueue(async () => {
      const batch = [...this.changed];
      this.changed.clear();
      if (batch.length === 0 || !this.reload) return;
      if (this.down || (await this.reload.apply(batch)) === 'resynthesize') await this.resynthesize(batch);
    });
  }

  private async resynthesize(files: readonly string[]): Promise<void> {
    const { projectRoot, cdkOutDir } = this.options;
    const causes = files.filter((file) => this.reload?.isSynthInput(file));
    const shown = (causes.length > 0 ? causes : files)
      .map((file) => path.relative(projectRoot, file))
      .join(', ');
    const started = performance.now();
    this.output.onStep(`${shown} changed: re-synthesizing the stack`);
    try {
      await synthesize(projectRoot, cdkOutDir);
    } catch (error) {
      if (!this.stopping) this.output.onStep(`still running the previous stack: ${(error as Error).message}`);
      return;
    }
    if (this.stopping) return;
    await this.running?.stop();
    this.running = undefined;
    this.removeState?.();
    try {
      const port = this.port ?? this.options.port;
      this.running = await startLocalStack({ ...this.options, port, synth: false }, this.output);
    } catch (error) {
      // The old stack is gone; the watcher stays, so the next fix starts the stack again.
      this.output.onStep(`the new stack could not start: ${(error as Error).message}`);
      this.down = true;
      return;
    }
    this.down = false;
    this.publish(this.running);
    await this.startWatching(this.running);
    this.output.onStep(`stack reloaded (${this.running.routeKeys.join(', ')}) in ${seconds(started)}`);
  }
}
