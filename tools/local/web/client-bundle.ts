import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

export interface ClientAsset {
  readonly contentType: string;
  readonly body: Buffer;
  /** Gzipped once at start: every browser asks for it. */
  readonly gzipped: Buffer;
}

const entry = path.join(__dirname, 'client', 'main.ts');

/**
 * The page's script and styles, bundled by esbuild from `client/` and `node_modules` (uPlot) when the runtime
 * starts: nothing comes from a CDN, and nothing is committed that the source does not say.
 */
export const bundleClient = async (): Promise<Record<string, ClientAsset>> => {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    format: 'iife',
    target: ['es2022'],
    platform: 'browser',
    write: false,
    outdir: path.join(__dirname, 'out'),
    logLevel: 'silent',
    legalComments: 'none',
  });
  const assets: Record<string, ClientAsset> = {};
  for (const file of result.outputFiles) {
    const extension = path.extname(file.path);
    const body = Buffer.from(file.contents);
    assets[`console${extension}`] = {
      contentType: extension === '.css' ? 'text/css; charset=utf-8' : 'text/javascript; charset=utf-8',
      body,
      gzipped: gzipSync(body),
    };
  }
  return assets;
};
