import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Stack, Validations } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { AwsSolutionsChecks } from 'cdk-nag';
import { type SynthesizedStack, synthesize } from './synth';

/** cfn-lint is a Python tool preinstalled on some machines only; the test says so when it is absent. */
const cfnLint = (() => {
  const found = spawnSync('which', ['cfn-lint'], { encoding: 'utf8' });
  return found.status === 0 ? found.stdout.trim() : undefined;
})();

let synth: SynthesizedStack;
beforeAll(() => {
  // aws-cdk-lib's built-in CloudFormation validation (run by `npm run synth`) stays off here: it costs ~8 s in
  // jest, and cfn-lint below checks the same template more thoroughly.
  synth = synthesize();
});
afterAll(() => synth.cleanup());

describe('cdk-nag AwsSolutions', () => {
  it('passes with every finding acknowledged (synthesis would have thrown otherwise)', () => {
    expect(synth.template.toJSON().Resources).toBeDefined();
  });

  it('fails synthesis on an unacknowledged finding', () => {
    const outdir = mkdtempSync(join(tmpdir(), 'cream-nagged-'));
    try {
      const app = new App({ outdir, builtinCloudFormationValidation: false });
      const stack = new Stack(app, 'Nagged');
      new s3.Bucket(stack, 'NoSslBucket');
      Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
      expect(() => app.synth()).toThrow(/AwsSolutions-S10/);
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  });
});

describe('cfn-lint', () => {
  const run = cfnLint ? it : it.skip;
  if (!cfnLint) {
    process.stderr.write(
      'cfn-lint is not on PATH: skipping the template lint (install it with pip to run it)\n',
    );
  }

  run('reports no errors on the synthesized template (warnings allowed)', () => {
    // Exit codes are a bit mask: 2 = errors, 4 = warnings, 8 = informational. Only errors fail.
    const result = spawnSync(cfnLint as string, ['--format', 'parseable', synth.templatePath], {
      encoding: 'utf8',
    });
    const errors = result.stdout.split('\n').filter((line) => /:E\d{4}:/.test(line));
    expect(errors).toEqual([]);
    expect(result.status === null ? -1 : result.status & 2).toBe(0);
  });
});
