/** Where a command reads and writes; injected so tests and other tools can run commands in-process. */
export interface CommandIo {
  readonly stdin: AsyncIterable<string | Buffer>;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

/** A `logs` CLI command: receives the arguments after its name and resolves to the exit code. */
export type Command = (args: readonly string[], io: CommandIo) => Promise<number>;
