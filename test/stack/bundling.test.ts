import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { functions } from '../../lib/functions';
import { type SharedStack, sharedStack, sharedSynthTimeoutMs } from '../support/shared-synth';

let synth: SharedStack;
beforeAll(async () => {
  // The run's one bundled synthesis (`cdk synth`, as `npm start` runs it): the assembly must hold runnable
  // bundles for the local runtime. Waits for it (test/support/shared-synth.ts).
  synth = await sharedStack();
}, sharedSynthTimeoutMs);

type Resource = { Type: string; Properties?: Record<string, unknown>; Metadata?: Record<string, string> };
const resources = (type: string): Resource[] =>
  Object.values(synth.template.Resources as Record<string, Resource>).filter((r) => r.Type === type);

/** The asset folder of a Lambda resource's code, from the template's asset metadata. */
const assetDir = (resource: Resource): string => {
  const asset = resource.Metadata?.['aws:asset:path'];
  if (!asset) throw new Error(`no asset metadata on ${resource.Type}`);
  return join(synth.cdkOut, asset);
};
const functionOf = (service: string): Resource => {
  const found = resources('AWS::Lambda::Function').filter(
    (fn) =>
      (fn.Properties?.Environment as { Variables?: Record<string, string> } | undefined)?.Variables
        ?.POWERTOOLS_SERVICE_NAME === service,
  );
  if (found.length !== 1) throw new Error(`expected one ${service} function, found ${found.length}`);
  return found[0];
};

describe('bundled assets', () => {
  it('builds the layer into nodejs/node_modules/@cream/logging', () => {
    const layers = resources('AWS::Lambda::LayerVersion');
    expect(layers).toHaveLength(1);
    const dir = join(assetDir(layers[0]), 'nodejs', 'node_modules', '@cream', 'logging');
    expect(existsSync(join(dir, 'index.js'))).toBe(true);
    expect(JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'))).toMatchObject({
      name: '@cream/logging',
      main: 'index.js',
    });
  });

  it.each(functions.map((definition) => definition.name))(
    'bundles the %s handler with the layer package and the SDK external',
    (name) => {
      const dir = assetDir(functionOf(name));
      const code = readFileSync(join(dir, 'index.js'), 'utf8');
      expect(code).toContain('require("@cream/logging")');
      expect(code).not.toMatch(/node_modules\/@aws-sdk\/client-/);
      expect(existsSync(join(dir, 'index.js.map'))).toBe(true);
    },
  );
});
