import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import puppeteer, { type Browser } from 'puppeteer-core';

const projectRoot = path.resolve(__dirname, '../../..');
const { version } = JSON.parse(
  fs.readFileSync(path.join(projectRoot, 'node_modules/@sparticuz/chromium/package.json'), 'utf8'),
) as { version: string };
/**
 * Where the browser shipped inside @sparticuz/chromium is unpacked, once per version: a cache next to the
 * package (git-ignored, gone with node_modules), not the temp dir, where the run's leftover check would see it.
 */
const unpackedDir = path.join(projectRoot, 'node_modules', '.cache', `cream-chromium-${version}`);

/**
 * The Chromium binary from the npm package, unpacked into a directory of our own. The package unpacks into
 * `$TMPDIR/chromium` and trusts whatever file is there, so two runs unpacking at once (or one killed half-way)
 * could leave a broken browser for every later run. Here a child Node process unpacks into a fresh staging
 * directory (its TMPDIR), which is then renamed into place atomically; a run that loses the race uses the
 * winner's copy. (A child process also keeps the package's ESM out of jest's CommonJS runtime.)
 */
export const chromiumPath = (): string => {
  const binary = path.join(unpackedDir, 'chromium');
  if (fs.existsSync(binary)) return binary;
  fs.mkdirSync(path.dirname(unpackedDir), { recursive: true });
  const staging = fs.mkdtempSync(`${unpackedDir}-`);
  const unpacked = execFileSync(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      "import c from '@sparticuz/chromium'; console.log(await c.executablePath())",
    ],
    { cwd: projectRoot, env: { ...process.env, TMPDIR: staging }, encoding: 'utf8' },
  ).trim();
  if (unpacked !== path.join(staging, 'chromium'))
    throw new Error(`Chromium unpacked to ${unpacked}, not ${staging}`);
  try {
    fs.renameSync(staging, unpackedDir);
  } catch (error) {
    fs.rmSync(staging, { recursive: true, force: true });
    if (!fs.existsSync(binary)) throw error;
  }
  return binary;
};

/**
 * Headless Chromium for the tests: a fresh profile, and nothing that reaches for the network on its own
 * (updates, sync, QUIC, background fetches); the machines have no network but the package registry.
 */
export const launchBrowser = async (profileDir: string): Promise<Browser> =>
  puppeteer.launch({
    executablePath: chromiumPath(),
    headless: 'shell',
    args: [
      '--no-sandbox',
      '--no-zygote',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--no-default-browser-check',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-domain-reliability',
      '--disable-features=MediaRouter,OptimizationHints',
      '--font-render-hinting=none',
      '--lang=en-US',
      `--user-data-dir=${profileDir}`,
    ],
    userDataDir: profileDir,
    // Under LANG=C Chromium reports the language `en-US@posix`, which Intl (and so uPlot) rejects.
    env: { ...process.env, LANG: 'en_US.UTF-8', LANGUAGE: 'en_US' },
    protocolTimeout: 60_000,
  });
