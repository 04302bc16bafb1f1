import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Annotations, App, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { NoSubscriberWarning } from '../../lib/alarm-topic';
import { CreamLoggingStack } from '../../lib/cream-logging-stack';
import type { FunctionDefinition } from '../../lib/function-registry';

/** cdk.json's context (feature flags, defaults): the tests synthesize with exactly what `cdk synth` uses. */
export const cdkJsonContext = (): Record<string, unknown> =>
  (
    JSON.parse(readFileSync(join(__dirname, '..', '..', 'cdk.json'), 'utf8')) as {
      context?: Record<string, unknown>;
    }
  ).context ?? {};

export interface SynthesizedStack {
  readonly stack: CreamLoggingStack;
  readonly template: Template;
  /** The cloud assembly folder (template file, assets); removed by `cleanup`. */
  readonly outdir: string;
  readonly templatePath: string;
  readonly cleanup: () => void;
}

export interface SynthOptions {
  /** Run esbuild for the layer and functions; off by default because most tests read the template only. */
  readonly bundle?: boolean;
  readonly context?: Record<string, unknown>;
  /**
   * aws-cdk-lib's built-in CloudFormation validation (what `cdk synth` runs). Off by default: it costs 4-8 s per
   * jest process, and the nag-and-lint test runs cfn-lint on the template instead.
   */
  readonly cloudFormationValidation?: boolean;
  /** The stack's functions. @default - the registry (lib/functions.ts) */
  readonly functions?: readonly FunctionDefinition[];
  /** Keep the "alarms notify nobody" synth warning (printed to stderr) instead of acknowledging it. @default false */
  readonly keepNoSubscriberWarning?: boolean;
}

/**
 * Synthesizes the stack once, as `bin/app.ts` does (cdk-nag AwsSolutions registered), into a temp folder.
 * Synthesis itself is the nag check: cdk-nag 3 makes `app.synth()` throw on an unacknowledged finding.
 */
export const synthesize = (options: SynthOptions = {}): SynthesizedStack => {
  const outdir = mkdtempSync(join(tmpdir(), 'cream-stack-'));
  const app = new App({
    outdir,
    builtinCloudFormationValidation: options.cloudFormationValidation ?? false,
    context: {
      ...cdkJsonContext(),
      ...(options.bundle ? {} : { 'aws:cdk:bundling-stacks': [] }),
      ...options.context,
    },
  });
  const stack = new CreamLoggingStack(app, 'CreamLogging', { functions: options.functions });
  if (!options.keepNoSubscriberWarning) Annotations.of(app).acknowledgeWarning(NoSubscriberWarning, 'tests');
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  const artifact = app.synth().getStackByName(stack.stackName);
  return {
    stack,
    template: Template.fromJSON(artifact.template),
    outdir,
    templatePath: join(outdir, artifact.templateFile),
    cleanup: () => rmSync(outdir, { recursive: true, force: true }),
  };
};

/** The logical id of the only resource of a type (fails loudly when there are several). */
export const onlyLogicalId = (template: Template, type: string): string => {
  const ids = Object.keys(template.findResources(type));
  if (ids.length !== 1) throw new Error(`expected one ${type}, found ${ids.length}`);
  return ids[0];
};
