import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { CfnTemplate } from './types';

interface ManifestArtifact {
  readonly type: string;
  readonly displayName?: string;
  readonly environment?: string;
  readonly properties?: { readonly templateFile?: string; readonly stackName?: string };
}

export interface StackTemplate {
  readonly stackName: string;
  readonly template: CfnTemplate;
  readonly cdkOutDir: string;
  /** `aws://<account>/<region>` from the manifest; `unknown-*` for environment-agnostic stacks. */
  readonly environment?: string;
}

/**
 * Reads the stack template out of a cloud assembly: `manifest.json` lists artifacts, the stack is the one
 * `aws:cloudformation:stack` (or the one named `stackName` when the app has several).
 */
export const readCdkOut = (cdkOutDir: string, stackName?: string): StackTemplate => {
  const dir = path.resolve(cdkOutDir);
  const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as {
    artifacts?: Record<string, ManifestArtifact>;
  };
  const stacks = Object.entries(manifest.artifacts ?? {}).filter(
    ([, artifact]) => artifact.type === 'aws:cloudformation:stack',
  );
  const named = (id: string, artifact: ManifestArtifact) => artifact.properties?.stackName ?? id;
  const chosen = stackName ? stacks.filter(([id, artifact]) => named(id, artifact) === stackName) : stacks;
  if (chosen.length !== 1) {
    const found = stacks.map(([id, artifact]) => named(id, artifact)).join(', ') || 'none';
    throw new Error(`Expected one stack in ${dir}${stackName ? ` named ${stackName}` : ''}; found: ${found}`);
  }
  const [id, artifact] = chosen[0];
  const templateFile = artifact.properties?.templateFile ?? `${id}.template.json`;
  return {
    stackName: named(id, artifact),
    template: JSON.parse(readFileSync(path.join(dir, templateFile), 'utf8')) as CfnTemplate,
    cdkOutDir: dir,
    environment: artifact.environment,
  };
};
