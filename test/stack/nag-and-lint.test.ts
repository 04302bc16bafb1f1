import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Stack, Validations } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { type SharedStack, sharedStack, sharedSynthTimeoutMs } from '../support/shared-synth';
import { type SynthesizedStack, synthesize } from './synth';

/**
 * cfn-lint is a Python tool, preinstalled on these machines but not installable from the registries here. A
 * local run skips it with one line on stderr; CI (`.ci/run`) sets CREAM_REQUIRE_CFN_LINT=1, so there a missing
 * cfn-lint fails this suite instead of passing it unchecked.
 */
const cfnLint = (() => {
  const found = spawnSync('sh', ['-c', 'command -v cfn-lint'], { encoding: 'utf8' });
  return found.status === 0 ? found.stdout.trim() : undefined;
})();
const cfnLintRequired = process.env.CREAM_REQUIRE_CFN_LINT === '1';

interface Finding {
  readonly ruleId: string;
  readonly path: string;
}
interface Acknowledgement extends Finding {
  readonly reason: string;
}

/** What the AwsSolutions pack reports on a scope when acknowledgements count for nothing. */
const findingsIgnoringAcknowledgements = (scope: IConstruct): Finding[] => {
  const pack = new AwsSolutionsChecks();
  // cdk-nag 3 cannot list the findings it let through; its one seam is this method (cdk-nag is pinned exactly).
  Object.assign(pack, { isAcknowledged: () => false });
  return pack.validateScope(scope).violations.flatMap((violation) =>
    violation.violatingResources.map((resource) => ({
      ruleId: violation.ruleName,
      path: resource.constructPath ?? '',
    })),
  );
};

/** Every `Validations.of(construct).acknowledge(...)` of the AwsSolutions pack in the tree. */
const acknowledgements = (scope: IConstruct): Acknowledgement[] =>
  scope.node.findAll().flatMap((construct) =>
    construct.node.metadata
      .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((entry) => Object.entries(entry.data as Record<string, string>))
      .map(([key, reason]) => ({
        ruleId: key.replace(/^annotation::/i, ''),
        path: construct.node.path,
        reason,
      }))
      .filter((ack) => ack.ruleId.startsWith('AwsSolutions-')),
  );

/** An acknowledgement covers a finding on its own construct or any construct below it (cdk-nag's rule). */
const covers = (ack: Acknowledgement, finding: Finding): boolean =>
  ack.ruleId === finding.ruleId && (finding.path === ack.path || finding.path.startsWith(`${ack.path}/`));

let synth: SynthesizedStack;
let shared: SharedStack;
beforeAll(async () => {
  // In-process (the construct tree carries the acknowledgements; a cold aws-cdk-lib load and a synth take
  // seconds in jest), then the run's shared `cdk synth` output for cfn-lint (test/support/shared-synth.ts).
  synth = synthesize();
  if (cfnLint) shared = await sharedStack();
}, sharedSynthTimeoutMs);
afterAll(() => synth.cleanup());

describe('cdk-nag AwsSolutions', () => {
  it('reports nothing unacknowledged on the stack', () => {
    expect(new AwsSolutionsChecks().validateScope(synth.stack).violations).toEqual([]);
  });

  it('finds exactly these rules when acknowledgements are ignored, each acknowledged with a reason', () => {
    const findings = findingsIgnoringAcknowledgements(synth.stack);
    const acks = acknowledgements(synth.stack);
    expect([...new Set(findings.map((finding) => finding.ruleId))].sort()).toEqual([
      'AwsSolutions-APIG4',
      'AwsSolutions-IAM5[Resource::*]',
      expect.stringMatching(/^AwsSolutions-IAM5\[Resource::<SecurityArchiveBucket\w+\.Arn>\/errors\/\*\]$/),
      expect.stringMatching(/^AwsSolutions-IAM5\[Resource::<SecurityArchiveBucket\w+\.Arn>\/security\/\*\]$/),
      'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:logs:<AWS::Region>:<AWS::AccountId>:log-group:*]',
      'AwsSolutions-S1',
      'AwsSolutions-SMG4',
    ]);
    for (const finding of findings) {
      const ack = acks.find((candidate) => covers(candidate, finding));
      expect({ ...finding, reason: ack?.reason }).toEqual({
        ...finding,
        reason: expect.stringMatching(/.{40,}/),
      });
    }
  });

  it('acknowledges nothing the pack does not find', () => {
    const findings = findingsIgnoringAcknowledgements(synth.stack);
    const unused = acknowledgements(synth.stack).filter(
      (ack) => !findings.some((finding) => covers(ack, finding)),
    );
    expect(unused.map((ack) => `${ack.ruleId} ${ack.path}`)).toEqual([]);
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
  const run = cfnLint || cfnLintRequired ? it : it.skip;
  if (!cfnLint && !cfnLintRequired) {
    process.stderr.write('cfn-lint is not on PATH: the template lint is skipped (CI requires it)\n');
  }

  run(
    'reports no errors on the template `cdk synth` writes, and only the known warnings',
    () => {
      if (!cfnLint) throw new Error('cfn-lint is not on PATH, and CREAM_REQUIRE_CFN_LINT=1 requires it');
      // Exit codes are a bit mask: 2 = errors, 4 = warnings, 8 = informational. Only errors fail.
      const result = spawnSync(cfnLint, ['--format', 'parseable', shared.templatePath], { encoding: 'utf8' });
      const findings = result.stdout.split('\n').filter((line) => line.trim() !== '');
      const ids = (kind: string) =>
        findings.map((line) => /:([EWI]\d{4}):/.exec(line)?.[1] ?? line).filter((id) => id.startsWith(kind));
      expect(ids('E')).toEqual([]);
      expect(result.status === null ? -1 : result.status & 2).toBe(0);
      // W3005: CDK adds a DependsOn on each function's role next to the GetAtt that already implies it.
      // W7001: a CIDR mapping the Firehose L2 adds whether or not it is used.
      expect([...new Set(ids('W'))].sort()).toEqual(['W3005', 'W7001']);
    },
    60_000,
  ); // cfn-lint is a Python program: 3-8 s to start and lint on a loaded machine
});
