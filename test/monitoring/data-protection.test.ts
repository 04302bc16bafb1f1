import fc from 'fast-check';
import { maskEmail } from '../../layer/src/redaction';
import { findingsDatapoints, findingsIn, MetricStore, RecordIngestor } from '../../tools/monitoring';

const all = [
  'EmailAddress',
  'AwsSecretKey',
  'OpenSshPrivateKey',
  'PgpPrivateKey',
  'PkcsPrivateKey',
  'PuttyPrivateKey',
];
const emails = fc
  .emailAddress()
  .filter((email) => /^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$/.test(email));

describe('the data protection model', () => {
  it('finds a raw email in any record, and none once the layer masked it', () => {
    fc.assert(
      fc.property(emails, (email) => {
        expect(findingsIn(JSON.stringify({ user: email }), all)).toEqual(['EmailAddress']);
        expect(findingsIn(JSON.stringify({ user: maskEmail(email) }), all)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it.each([
    [
      'an AWS secret key next to its name',
      "{ secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' }",
      'AwsSecretKey',
    ],
    ['a PEM private key', '-----BEGIN RSA PRIVATE KEY-----\\nMIIEow', 'PkcsPrivateKey'],
    ['an OpenSSH private key', '-----BEGIN OPENSSH PRIVATE KEY-----', 'OpenSshPrivateKey'],
  ])('finds %s', (_label, line, identifier) => {
    expect(findingsIn(line, all)).toEqual([identifier]);
  });

  it('finds only what the group’s policy names, and counts an event once', () => {
    const line = 'ada@example.com -----BEGIN OPENSSH PRIVATE KEY-----';
    expect(findingsIn(line, ['arn:aws:dataprotection::aws:data-identifier/EmailAddress'])).toEqual([
      'EmailAddress',
    ]);
    expect(findingsDatapoints('/g', line, all, 5)).toEqual([
      expect.objectContaining({
        namespace: 'AWS/Logs',
        metricName: 'LogEventsWithFindings',
        dimensions: { LogGroupName: '/g' },
        value: 1,
      }),
    ]);
    expect(
      findingsIn('a 40-character token without its name: wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', all),
    ).toEqual([]);
  });

  it('counts findings at ingestion in protected groups only', () => {
    const store = new MetricStore();
    const ingestor = new RecordIngestor([], store, [
      { name: '/protected', dataIdentifiers: ['EmailAddress'] },
      { name: '/open' },
    ]);
    expect(ingestor.ingestRecord('/protected', 'mail ada@example.com', 0)).toHaveLength(1);
    expect(ingestor.ingestRecord('/open', 'mail ada@example.com', 0)).toEqual([]);
  });
});
