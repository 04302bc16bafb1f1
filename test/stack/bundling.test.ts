import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { functions } from '../../lib/functions';
import { type SynthesizedStack, synthesize } from './synth';

let synth: SynthesizedStack;
beforeAll(() => {
  // The one synthesis with esbuild: the cloud assembly must hold runnable bundles for the local runtime.
  synth = synthesize({ bundle: true, context: { 'aws:cdk:enable-asset-metadata': true } });
});
afterAll(() => synth.cleanup());

/** The asset folder of a Lambda resource's code, from the template's asset metadata. */
const assetDir = (logicalId: string): string => {
  const resource = synth.template.toJSON().Resources[logicalId];
  return join(synth.outdir, resource.Metadata['aws:asset:path']);
};
const idOf = (construct: { node: { defaultChild?: unknown } }) =>
  synth.stack.getLogicalId(construct.node.defaultChild as never);

describe('bundled assets', () => {
  it('builds the layer into nodejs/node_modules/@cream/logging', () => {
    const dir = join(
      assetDir(idOf(synth.stack.layer.layerVersion)),
      'nodejs',
      'node_modules',
      '@cream',
      'logging',
    );
    expect(existsSync(join(dir, 'index.js'))).toBe(true);
    expect(JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'))).toMatchObject({
      name: '@cream/logging',
      main: 'index.js',
    });
  });

  it.each(functions.map((definition) => definition.name))(
    'bundles the %s handler with the layer package and the SDK external',
    (name) => {
      const dir = assetDir(idOf(synth.stack.fn(name).function));
      const code = readFileSync(join(dir, 'index.js'), 'utf8');
      expect(code).toContain('require("@cream/logging")');
      expect(code).not.toMatch(/node_modules\/@aws-sdk\/client-/);
      expect(existsSync(join(dir, 'index.js.map'))).toBe(true);
    },
  );
});
