import { extractFunctions, extractLayers, extractRoutes } from './compute-resources';
import type { ModelContext } from './context';
import { extractSecrets, extractTables } from './data-resources';
import { createResolver } from './intrinsics';
import {
  extractAlarms,
  extractDeliveryStreams,
  extractLogGroups,
  extractMetricFilters,
  extractSubscriptionFilters,
} from './monitoring-resources';
import { createNaming, type Naming } from './physical-names';
import { readCdkOut } from './read-cdk-out';
import { extractSchedules } from './schedule-resources';
import type { CfnTemplate, PseudoParameters, StackModel } from './types';

export interface LoadStackModelOptions {
  /** Which stack, when a cloud assembly has several; the stack's name when given a template. */
  readonly stackName?: string;
  readonly region?: string;
  readonly accountId?: string;
  /** Base for asset paths when given a template object. */
  readonly cdkOutDir?: string;
}

/** Local pseudo-parameter values: recognisable as fake, stable across runs. */
export const localDefaults = { region: 'us-east-1', accountId: '000000000000', partition: 'aws' } as const;

/** `aws://123456789012/eu-west-1` → its parts, ignoring CDK's `unknown-account` placeholders. */
const parseEnvironment = (environment: string | undefined): { accountId?: string; region?: string } => {
  const match = environment?.match(/^aws:\/\/([^/]+)\/(.+)$/);
  if (!match) return {};
  return {
    accountId: /^\d{12}$/.test(match[1]) ? match[1] : undefined,
    region: match[2].startsWith('unknown-') ? undefined : match[2],
  };
};

/**
 * Builds the typed model of one synthesized stack, from a cdk.out directory (through its manifest) or from a
 * template object already in memory (tests, or a template read some other way).
 */
export const loadStackModel = (
  source: string | CfnTemplate,
  options: LoadStackModelOptions = {},
): StackModel => {
  const assembly = typeof source === 'string' ? readCdkOut(source, options.stackName) : undefined;
  const template = assembly?.template ?? (source as CfnTemplate);
  const fromManifest = parseEnvironment(assembly?.environment);
  const pseudo: PseudoParameters = {
    stackName: assembly?.stackName ?? options.stackName ?? 'Stack',
    region: options.region ?? fromManifest.region ?? localDefaults.region,
    accountId: options.accountId ?? fromManifest.accountId ?? localDefaults.accountId,
    partition: localDefaults.partition,
  };
  // The resolver needs names for `Ref`, and explicit names may need the resolver: bind late.
  let naming: Naming | undefined;
  const resolve = createResolver(template, pseudo, {
    ref: (id) => naming!.ref(id),
    getAtt: (id, attribute) => naming!.getAtt(id, attribute),
  });
  naming = createNaming(template, pseudo, resolve);
  const context: ModelContext = {
    template,
    resolve,
    naming,
    cdkOutDir: assembly?.cdkOutDir ?? options.cdkOutDir,
  };
  const layers = extractLayers(context);
  return {
    stackName: pseudo.stackName,
    pseudo,
    cdkOutDir: context.cdkOutDir,
    template,
    functions: extractFunctions(context, layers),
    routes: extractRoutes(context),
    logGroups: extractLogGroups(context),
    metricFilters: extractMetricFilters(context),
    subscriptionFilters: extractSubscriptionFilters(context),
    deliveryStreams: extractDeliveryStreams(context),
    alarms: extractAlarms(context),
    tables: extractTables(context),
    secrets: extractSecrets(context),
    schedules: extractSchedules(context),
    layers,
    resolve,
  };
};
