import type { CfnTemplate, PseudoParameters } from './types';

/** What `Ref` and `Fn::GetAtt` resolve to for the template's own resources (see physical-names.ts). */
export interface ReferenceTargets {
  ref(logicalId: string): unknown;
  getAtt(logicalId: string, attribute: string): unknown;
}

export type Resolve = (value: unknown) => unknown;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const asString = (value: unknown): string => (typeof value === 'string' ? value : JSON.stringify(value));

/**
 * A small resolver for the intrinsics CDK emits: `Ref`, `Fn::GetAtt`, `Fn::Join`, `Fn::Sub`, `Fn::Select`,
 * `Fn::Split`, `Fn::FindInMap`, `Fn::If` and the condition functions. Pseudo parameters get local values, so a
 * resolved template reads like the deployed one without any account behind it.
 */
export const createResolver = (
  template: CfnTemplate,
  pseudo: PseudoParameters,
  targets: ReferenceTargets,
): Resolve => {
  const pseudoValues: Record<string, string> = {
    'AWS::StackName': pseudo.stackName,
    'AWS::StackId': `arn:${pseudo.partition}:cloudformation:${pseudo.region}:${pseudo.accountId}:stack/${pseudo.stackName}/local`,
    'AWS::Region': pseudo.region,
    'AWS::AccountId': pseudo.accountId,
    'AWS::Partition': pseudo.partition,
    'AWS::URLSuffix': 'amazonaws.com',
    'AWS::NoValue': '',
  };

  const ref = (name: string): unknown => {
    if (name in pseudoValues) return pseudoValues[name];
    const parameter = template.Parameters?.[name];
    if (parameter) return resolve(parameter.Default ?? '');
    if (template.Resources[name]) return targets.ref(name);
    throw new Error(`Ref to unknown name ${name}`);
  };

  const sub = (text: string, variables: Record<string, unknown>): string =>
    text.replace(/\$\{(!?)([^}]+)\}/g, (_whole, literal: string, name: string) => {
      // `${!Literal}` is CloudFormation's escape for a literal `${Literal}`.
      if (literal) return `\${${name}}`;
      if (name in variables) return asString(resolve(variables[name]));
      const dot = name.indexOf('.');
      if (dot > 0 && !name.startsWith('AWS::'))
        return asString(targets.getAtt(name.slice(0, dot), name.slice(dot + 1)));
      return asString(ref(name));
    });

  const condition = (name: string): boolean => Boolean(resolve(template.Conditions?.[name]));

  const functions: Record<string, (argument: unknown) => unknown> = {
    Ref: (argument) => ref(String(argument)),
    'Fn::GetAtt': (argument) => {
      const [id, attribute] = Array.isArray(argument) ? argument : String(argument).split('.', 2);
      return targets.getAtt(String(id), String(resolve(attribute)));
    },
    'Fn::Join': (argument) => {
      const [separator, parts] = argument as [string, unknown];
      return (resolve(parts) as unknown[]).map(asString).join(separator);
    },
    'Fn::Sub': (argument) =>
      Array.isArray(argument)
        ? sub(String(argument[0]), (argument[1] ?? {}) as Record<string, unknown>)
        : sub(String(argument), {}),
    'Fn::Select': (argument) => {
      const [index, list] = argument as [unknown, unknown];
      return (resolve(list) as unknown[])[Number(resolve(index))];
    },
    'Fn::Split': (argument) => {
      const [separator, text] = argument as [string, unknown];
      return String(resolve(text)).split(separator);
    },
    'Fn::FindInMap': (argument) => {
      const [map, top, second] = (argument as unknown[]).map((part) => String(resolve(part)));
      return resolve(template.Mappings?.[map]?.[top]?.[second]);
    },
    'Fn::If': (argument) => {
      const [name, whenTrue, whenFalse] = argument as [string, unknown, unknown];
      return resolve(condition(name) ? whenTrue : whenFalse);
    },
    'Fn::Equals': (argument) => {
      const [left, right] = (argument as unknown[]).map(resolve);
      return JSON.stringify(left) === JSON.stringify(right);
    },
    'Fn::Not': (argument) => !resolve((argument as unknown[])[0]),
    'Fn::And': (argument) => (argument as unknown[]).every((item) => Boolean(resolve(item))),
    'Fn::Or': (argument) => (argument as unknown[]).some((item) => Boolean(resolve(item))),
    Condition: (argument) => condition(String(argument)),
    'Fn::Base64': (argument) => Buffer.from(asString(resolve(argument))).toString('base64'),
    'Fn::GetAZs': () => [`${pseudo.region}a`, `${pseudo.region}b`, `${pseudo.region}c`],
    'Fn::ImportValue': (argument) => `imported:${asString(resolve(argument))}`,
  };

  const resolve: Resolve = (value) => {
    if (Array.isArray(value)) return value.map(resolve);
    if (!isRecord(value)) return value;
    const keys = Object.keys(value);
    if (keys.length === 1 && keys[0] in functions) return functions[keys[0]](value[keys[0]]);
    return Object.fromEntries(keys.map((key) => [key, resolve(value[key])]));
  };
  return resolve;
};

/** Logical ids a raw (unresolved) value points at through `Ref`, `Fn::GetAtt` or `${Id}` in `Fn::Sub`. */
export const referencedLogicalIds = (value: unknown): string[] => {
  if (Array.isArray(value)) return value.flatMap(referencedLogicalIds);
  if (typeof value === 'string')
    return [...value.matchAll(/\$\{([A-Za-z0-9]+)[.}]/g)].map((match) => match[1]);
  if (!isRecord(value)) return [];
  const ids: string[] = [];
  for (const [key, inner] of Object.entries(value)) {
    if (key === 'Ref' && typeof inner === 'string') ids.push(inner);
    else if (key === 'Fn::GetAtt')
      ids.push(String(Array.isArray(inner) ? inner[0] : String(inner).split('.')[0]));
    else ids.push(...referencedLogicalIds(inner));
  }
  return ids;
};
