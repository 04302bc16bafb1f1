/** Where a problem sits in the query text: 1-based line and column, 0-based character offsets. */
export interface QueryLocation {
  readonly line: number;
  readonly column: number;
  readonly startCharOffset: number;
  readonly endCharOffset: number;
}

const locate = (text: string, start: number, end: number): QueryLocation => {
  const before = text.slice(0, start);
  const lineStart = before.lastIndexOf('\n') + 1;
  return {
    line: before.split('\n').length,
    column: start - lineStart + 1,
    startCharOffset: start,
    endCharOffset: Math.max(start, end),
  };
};

/**
 * A query Logs Insights would refuse: StartQuery answers MalformedQueryException with a
 * `queryCompileError { location: { startCharOffset, endCharOffset }, message }`; this error carries the same
 * location plus line and column, so a terminal can point at the problem.
 */
export class QueryError extends Error {
  readonly problem: string;
  readonly location: QueryLocation;

  constructor(problem: string, text: string, start: number, end = start + 1) {
    const location = locate(text, start, end);
    super(`${problem} (line ${location.line}, column ${location.column})`);
    this.name = 'QueryError';
    this.problem = problem;
    this.location = location;
  }

  /** The shape of the service's `QueryCompileError`, for the local StartQuery endpoint. */
  get queryCompileError(): {
    location: { startCharOffset: number; endCharOffset: number };
    message: string;
  } {
    const { startCharOffset, endCharOffset } = this.location;
    return { location: { startCharOffset, endCharOffset }, message: this.problem };
  }
}
