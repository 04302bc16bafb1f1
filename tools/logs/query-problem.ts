import { terminalSafe } from '../local/terminal-text';

/** Where the service's `queryCompileError` points: character offsets into the query text. */
export interface CompileErrorLocation {
  readonly startCharOffset?: number;
  readonly endCharOffset?: number;
}

/**
 * A malformed query as the AWS CLI reports it (`An error occurred (MalformedQueryException) when calling the
 * StartQuery operation: ...`), then the line and column, and the query line with the problem underlined.
 */
export const describeMalformedQuery = (
  text: string,
  message: string,
  location?: CompileErrorLocation,
): string => {
  const lines = [
    `An error occurred (MalformedQueryException) when calling the StartQuery operation: ${terminalSafe(message)}`,
  ];
  const start = location?.startCharOffset;
  if (start !== undefined && start >= 0 && start <= text.length) {
    const lineStart = text.lastIndexOf('\n', start - 1) + 1;
    const lineEnd = text.indexOf('\n', start) < 0 ? text.length : text.indexOf('\n', start);
    const line = text.slice(0, start).split('\n').length;
    const column = start - lineStart + 1;
    const width = Math.max(1, Math.min((location?.endCharOffset ?? start + 1) - start, lineEnd - start));
    // The underline must stay under its characters: the line is shown with escapes, so measure the escaped prefix.
    const prefix = terminalSafe(text.slice(lineStart, start));
    lines.push(
      `  at line ${line}, column ${column}:`,
      `    ${terminalSafe(text.slice(lineStart, lineEnd))}`,
      `    ${' '.repeat(prefix.length)}${'^'.repeat(width)}`,
    );
  }
  return `${lines.join('\n')}\n`;
};
