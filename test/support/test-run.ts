import path from 'node:path';

/**
 * What global-setup.ts hands every test of one jest run, through the environment (jest workers inherit it):
 * - `CREAM_TEST_RUN_DIR`: a temp folder of the run's own, removed by global-teardown.ts;
 * - `TMPDIR` points inside it, so whatever a test (or a child process it starts) leaves in the temp dir is
 *   seen by the teardown, without mistaking another run's files on the same machine for ours;
 * - `CREAM_TEST_CDK_OUT`: where the stack is synthesized once for the run (see shared-synth.ts).
 */
export const runDirVariable = 'CREAM_TEST_RUN_DIR';
export const cdkOutVariable = 'CREAM_TEST_CDK_OUT';

export const projectRoot = path.resolve(__dirname, '..', '..');

export interface RunPaths {
  readonly root: string;
  /** The run's TMPDIR. */
  readonly tmp: string;
  readonly cdkOut: string;
  /** Taken (created exclusively) by the one test process that synthesizes. */
  readonly synthLock: string;
  /** Written once the synthesis ended: `{ ok: true }` or `{ ok: false, error }`. */
  readonly synthStatus: string;
}

export const runPaths = (root: string): RunPaths => ({
  root,
  tmp: path.join(root, 'tmp'),
  cdkOut: path.join(root, 'cdk.out'),
  synthLock: path.join(root, 'synth.lock'),
  synthStatus: path.join(root, 'synth-status.json'),
});

/**
 * Caches tools keep in the temp dir (tsx's transforms and IPC sockets in `tsx-<uid>`, Node's compile cache,
 * which the CDK CLI turns on, and the cache of a jest a test runs in a child process, e.g. on a scaffolded
 * function): linked from the run's TMPDIR to the real ones, so child processes start warm, and not counted as
 * leftovers. Not `tsx`: that is tsx's old cache folder, which every tsx process deletes when it starts, so a
 * link to it can dangle at any moment (a nested run's setup then failed on it).
 */
export const toolCaches = (): string[] => {
  const uid = process.getuid?.() ?? 0;
  return [`tsx-${uid}`, 'node-compile-cache', `jest_${uid.toString(36)}`];
};
