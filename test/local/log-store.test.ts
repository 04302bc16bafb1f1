import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LogStore, logGroupDirName, PreviousRunStream } from '../../tools/local/log-store';

const day = 24 * 60 * 60 * 1000;
const now = Date.UTC(2026, 10, 26, 12);

describe('the local log store', () => {
  let root: string;
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'cream-logs-'));
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('writes one line per record into the day file of the group', () => {
    const store = new LogStore(root);

    store.append('/aws/lambda/Login', 'stream', '{"message":"a"}', now, now);
    store.append('/aws/lambda/Login', 'stream', '{"message":"b"}', now, now);

    expect(logGroupDirName('/aws/lambda/Login')).toBe('aws_lambda_Login');
    expect(fs.readFileSync(path.join(root, 'aws_lambda_Login', '2026-11-26.jsonl'), 'utf8')).toBe(
      '{"message":"a"}\n{"message":"b"}\n',
    );
  });

  it('applies retention to old day files and recovers the last ingestion time from the newest one', () => {
    const dir = path.join(root, 'aws_lambda_Login');
    fs.mkdirSync(dir);
    for (const age of [0, 2, 3]) {
      const file = path.join(dir, `${new Date(now - age * day).toISOString().slice(0, 10)}.jsonl`);
      fs.writeFileSync(file, '{}\n');
      fs.utimesSync(file, (now - age * day) / 1000, (now - age * day) / 1000);
    }
    const store = new LogStore(root);

    const deleted = store.open('/aws/lambda/Login', 3, now);

    expect(deleted.map((file) => path.basename(file))).toEqual(['2026-11-23.jsonl']);
    expect(fs.readdirSync(dir).sort()).toEqual(['2026-11-24.jsonl', '2026-11-26.jsonl']);
    expect(store.describeStreams('/aws/lambda/Login')).toEqual([
      expect.objectContaining({ logStreamName: PreviousRunStream, lastIngestionTime: now }),
    ]);
  });
});
