import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { loadStackModel, type StackModel } from '../../tools/cloud-assembly';
import { LogStore } from '../../tools/local/log-store';
import { main } from '../../tools/logs-cli';
import { sharedCdkOut } from '../support/shared-synth';

export interface CliRun {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** `npm run --silent logs -- <args>` in-process: the same dispatch and parsing, output captured. */
export const runCli = async (args: readonly string[], stdin = ''): Promise<CliRun> => {
  let stdout = '';
  let stderr = '';
  const status = await main(args, {
    stdin: Readable.from([stdin]),
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
  });
  return { status, stdout, stderr };
};

/** The run's shared assembly of the project's stack (read only), and a home of the workspace's own. */
export interface Workspace {
  readonly cdkOut: string;
  readonly home: string;
  readonly model: StackModel;
  readonly store: LogStore;
  /** Local names of the stack's groups. */
  readonly groups: { readonly login: string; readonly health: string; readonly access: string };
  readonly cleanup: () => void;
}

export const createWorkspace = async (): Promise<Workspace> => {
  const cdkOut = await sharedCdkOut();
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'cream-logs-cli-'));
  const model = loadStackModel(cdkOut);
  const groupOf = (service: string) =>
    model.functions.find((fn) => fn.environment.POWERTOOLS_SERVICE_NAME === service)!.logGroupName;
  const access = model.logGroups.find((group) => group.name.includes('Access'))!.name;
  return {
    cdkOut,
    home,
    model,
    store: new LogStore(path.join(home, 'logs')),
    groups: { login: groupOf('login'), health: groupOf('health'), access },
    cleanup: () => {
      fs.rmSync(home, { recursive: true, force: true });
    },
  };
};

/** A record as the layer writes it: catalog keys in order, then the event's fields. */
export const layerRecord = (time: number, fields: Record<string, unknown>): string =>
  JSON.stringify({ timestamp: new Date(time).toISOString(), level: 'INFO', service: 'login', ...fields });
