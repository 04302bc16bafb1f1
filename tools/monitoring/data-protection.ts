import type { MetricDatum } from './types';

/**
 * CloudWatch Logs data protection as a model: which managed data identifiers a log event would trip, so the
 * AWS/Logs LogEventsWithFindings metric of a protected group can be simulated. AWS's detectors are
 * machine-learning assisted; these patterns are the documented shapes only (an email with an unmasked local
 * part, an AWS secret key next to its name, PEM/OpenSSH/PGP/PuTTY private key headers). A masked email
 * (`j***@example.com`) is no finding. Identifiers without a pattern here are not modelled.
 */
const patterns: Readonly<Record<string, RegExp>> = {
  EmailAddress: /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/,
  AwsSecretKey:
    /(?:aws_?secret_?access_?key|secret_?access_?key)["'\s:=]+[A-Za-z0-9/+=]{40}(?![A-Za-z0-9/+=])/i,
  OpenSshPrivateKey: /-----BEGIN OPENSSH PRIVATE KEY-----/,
  PgpPrivateKey: /-----BEGIN PGP PRIVATE KEY BLOCK-----/,
  PkcsPrivateKey: /-----BEGIN (?:RSA |EC |DSA |ENCRYPTED )?PRIVATE KEY-----/,
  PuttyPrivateKey: /PuTTY-User-Key-File-\d+:/,
};

/** `arn:aws:dataprotection::aws:data-identifier/EmailAddress` → `EmailAddress`. */
export const identifierName = (arnOrName: string): string => arnOrName.slice(arnOrName.lastIndexOf('/') + 1);

/** The identifiers of a group's policy that one event trips. */
export const findingsIn = (line: string, identifiers: readonly string[]): string[] =>
  identifiers.map(identifierName).filter((name) => patterns[name]?.test(line) ?? false);

/** LogEventsWithFindings for one event of a protected group: 1 when any identifier finds something. */
export const findingsDatapoints = (
  logGroupName: string,
  line: string,
  identifiers: readonly string[],
  timestampMs: number,
): MetricDatum[] =>
  findingsIn(line, identifiers).length === 0
    ? []
    : [
        {
          namespace: 'AWS/Logs',
          metricName: 'LogEventsWithFindings',
          dimensions: { LogGroupName: logGroupName },
          timestampMs,
          value: 1,
          unit: 'Count',
          source: 'data-protection',
        },
      ];
