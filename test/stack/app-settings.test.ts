import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cdkJsonContext, type SynthesizedStack, synthesize, synthTimeoutMs } from './synth';

let synth: SynthesizedStack;
beforeAll(() => {
  synth = synthesize();
}, synthTimeoutMs);
afterAll(() => synth.cleanup());

/** What the installed aws-cdk-lib recommends for new projects (`cdk flags` reads the same file). */
const recommended = JSON.parse(
  readFileSync(
    join(__dirname, '..', '..', 'node_modules', 'aws-cdk-lib', 'recommended-feature-flags.json'),
    'utf8',
  ),
) as Record<string, unknown>;

describe('CDK feature flags', () => {
  it.each(Object.entries(recommended))('cdk.json sets %s to its recommended value', (flag, value) => {
    expect(cdkJsonContext()[flag]).toEqual(value);
  });

  it('synthesizes the tests with the context cdk.json gives `cdk synth`', () => {
    for (const [key, value] of Object.entries(cdkJsonContext())) {
      expect(synth.stack.node.tryGetContext(key)).toEqual(value);
    }
  });
});

describe('bootstrap', () => {
  it('refuses to deploy into an environment bootstrapped below version 6', () => {
    const template = synth.template.toJSON();
    expect(template.Parameters.BootstrapVersion).toMatchObject({
      Type: 'AWS::SSM::Parameter::Value<String>',
      Default: '/cdk-bootstrap/hnb659fds/version',
    });
    const [assertion] = template.Rules.CheckBootstrapVersion.Assertions;
    expect(assertion.Assert).toEqual({
      'Fn::Not': [{ 'Fn::Contains': [['1', '2', '3', '4', '5'], { Ref: 'BootstrapVersion' }] }],
    });
  });
});
