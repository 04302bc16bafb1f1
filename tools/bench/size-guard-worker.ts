/**
 * The size guard's benchmark child: for each oversized shape, the median time of `guardSize` alone (on the record
 * as the layer builds it: walked, plain JSON data) and of `logger.info(shape, object)` end to end through the
 * built layer (walk, redaction, guard, one line written to a counting sink). Result on fd 3.
 */
import { writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import { guardSize } from '../../layer/src/size-guard';
import { RESULT_FD, type SizeGuardJob, type SizeGuardShapeResult } from './protocol';
import { sizeGuardShapes } from './size-guard-shapes';
import { median } from './stats';

interface LayerApi {
  logger: { info(message: string, fields: object): void };
  setLogSink(sink: (line: string) => void): void;
}

const layer = createRequire(__filename)('@cream/logging') as LayerApi;
const pinned = new Set(['timestamp', 'level', 'service', 'message']);

const timed = (run: () => void): number => {
  const started = performance.now();
  run();
  return performance.now() - started;
};

const measure = (shape: string, make: () => object, repeats: number): SizeGuardShapeResult => {
  const object = make();
  const record = {
    timestamp: new Date().toISOString(),
    level: 'INFO',
    service: 'bench',
    message: shape,
    ...object,
  };
  const walked = JSON.parse(JSON.stringify(record)) as Parameters<typeof guardSize>[0];
  const guardMs = median(
    Array.from({ length: repeats }, () => timed(() => guardSize(walked, 256 * 1024, pinned))),
  );
  let line = '';
  layer.setLogSink((written) => {
    line = written;
  });
  const endToEndMs = median(
    Array.from({ length: repeats }, () => timed(() => layer.logger.info(shape, object))),
  );
  let valid = false;
  try {
    const parsed = JSON.parse(line) as { truncated?: unknown };
    valid = parsed.truncated === true && Buffer.byteLength(line) <= 256 * 1024;
  } catch {
    valid = false;
  }
  return {
    shape,
    inputBytes: Buffer.byteLength(JSON.stringify(object)),
    guardMs,
    endToEndMs,
    lineBytes: Buffer.byteLength(line),
    valid,
  };
};

const job = JSON.parse(process.argv[2] ?? '{}') as SizeGuardJob;
const shapes = Object.entries(sizeGuardShapes).map(([shape, make]) => measure(shape, make, job.repeats));
writeSync(RESULT_FD, JSON.stringify({ mode: 'size-guard', shapes }));
