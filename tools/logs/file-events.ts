import fs from 'node:fs';
import type { InsightsEvent } from '../insights';
import { eventTimeOf } from '../local/event-time';
import { forEachLine, forEachLineOf } from '../local/line-reader';

/**
 * The log events of a file the user names (`--file F`, `-` for stdin), one per line, streamed. A line's time
 * is its own (a JSON record's `timestamp`, else `time`; an access log's `requestTime`; a text line's leading
 * ISO time), else that of the line before it (a `REPORT` line follows its request's lines), else the file's
 * modification time. `@log` is the file name as given; empty lines are skipped.
 */
export const forEachFileEvent = async (
  file: string,
  stdin: AsyncIterable<string | Buffer>,
  visit: (event: InsightsEvent) => void,
): Promise<void> => {
  let previous = file === '-' ? Date.now() : Math.floor(fs.statSync(file).mtimeMs);
  const onLine = (line: string) => {
    if (line.trim() === '') return;
    const timestamp = eventTimeOf(line) ?? previous;
    previous = timestamp;
    visit({ timestamp, message: line, logGroup: file, logStream: file });
  };
  const options = { partialLast: true };
  if (file === '-') await forEachLineOf(stdin, onLine, options);
  else await forEachLine(file, onLine, options);
};
