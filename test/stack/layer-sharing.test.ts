import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { CreamLoggingLayer, type CreamLoggingLayerProps } from '../../lib/cream-logging-layer';

/** Every app gets an outdir in here: without one CDK leaves a cdk.out* folder in the temp dir per synth. */
const outdirs = mkdtempSync(join(tmpdir(), 'cream-layer-sharing-'));
afterAll(() => rmSync(outdirs, { recursive: true, force: true }));

/** A stack holding only the layer, bundling skipped: these tests read the permissions, not the code. */
const layerTemplate = (props: CreamLoggingLayerProps, context: Record<string, unknown> = {}): Template => {
  const app = new App({
    outdir: mkdtempSync(join(outdirs, 'app-')),
    context: { 'aws:cdk:bundling-stacks': [], ...context },
  });
  const stack = new Stack(app, 'Shared');
  new CreamLoggingLayer(stack, 'Layer', props);
  return Template.fromStack(stack);
};

describe('sharing the layer with other accounts', () => {
  it('is private to its own account by default', () => {
    layerTemplate({}).resourceCountIs('AWS::Lambda::LayerVersionPermission', 0);
  });

  it('lets each listed account, and every account of an organization, attach it', () => {
    const template = layerTemplate({
      shareWithAccounts: ['111111111111', '222222222222'],
      shareWithOrganization: 'o-abc123def4',
    });

    template.resourceCountIs('AWS::Lambda::LayerVersionPermission', 3);
    for (const principal of ['111111111111', '222222222222']) {
      template.hasResourceProperties('AWS::Lambda::LayerVersionPermission', {
        Action: 'lambda:GetLayerVersion',
        Principal: principal,
        OrganizationId: Match.absent(),
      });
    }
    template.hasResourceProperties('AWS::Lambda::LayerVersionPermission', {
      Action: 'lambda:GetLayerVersion',
      Principal: '*',
      OrganizationId: 'o-abc123def4',
    });
  });

  it('reads the accounts from the layerShareAccounts context', () => {
    const template = layerTemplate({}, { layerShareAccounts: '333333333333, 444444444444' });

    template.resourceCountIs('AWS::Lambda::LayerVersionPermission', 2);
    template.hasResourceProperties('AWS::Lambda::LayerVersionPermission', { Principal: '444444444444' });
  });

  it('rejects an account id that is not 12 digits at synth', () => {
    expect(() => layerTemplate({ shareWithAccounts: ['1234'] })).toThrow(/12-digit account ids, got: 1234/);
  });
});
