import fs from 'node:fs';
import path from 'node:path';
import { isAlive } from './home-lock';

/** What another command needs to reach the running local stack (`users:add --local`). */
export interface LocalStackState {
  readonly pid: number;
  readonly url: string;
  readonly stackName: string;
  readonly region: string;
  readonly dynamoDbEndpoint: string;
  /** CloudWatch Logs (Logs Insights included), CloudWatch and Secrets Manager. */
  readonly awsEndpoint?: string;
  /** The table the login function reads users from, when the stack has one. */
  readonly usersTable?: string;
}

export const stateFileOf = (home: string): string => path.join(home, 'local-stack.json');

/**
 * Publishes the running stack's endpoints in `<home>/local-stack.json` (written atomically) and returns the
 * function that removes it again; it removes only a file this process wrote.
 */
export const writeStateFile = (home: string, state: LocalStackState): (() => void) => {
  const file = stateFileOf(home);
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
  fs.renameSync(temporary, file);
  return () => {
    const current = readRaw(file);
    if (current?.pid === state.pid) fs.rmSync(file, { force: true });
  };
};

const readRaw = (file: string): LocalStackState | undefined => {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as LocalStackState;
  } catch {
    return undefined;
  }
};

/** The running stack's state, or why there is none (not started, or a file left by a process now gone). */
export const readStateFile = (home: string): LocalStackState | string => {
  const file = stateFileOf(home);
  const state = readRaw(file);
  if (!state) return `no local stack is running for ${home} (start one with: npm start)`;
  if (!Number.isInteger(state.pid) || !isAlive(state.pid)) {
    return `the local stack recorded in ${file} (pid ${state.pid}) is not running any more; start it with: npm start`;
  }
  return state;
};
