import { Stack, Token } from 'aws-cdk-lib';
import * as athena from 'aws-cdk-lib/aws-athena';
import * as glue from 'aws-cdk-lib/aws-glue';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import {
  catalog,
  type EventName,
  eventsOfCategory,
  type FieldName,
  recordKeys,
} from '../layer/src/event-catalog';

/** The record keys that are not strings (everything else in a record is a string or a nested object). */
const recordKeyTypes: Readonly<Record<string, string>> = {
  [recordKeys.coldStart]: 'boolean',
  [recordKeys.truncated]: 'boolean',
};
const hiveType = { string: 'string', number: 'double', boolean: 'boolean', object: 'string' } as const;

/**
 * The archive's columns, from the catalog: every record key, then every field of a security event (the only
 * records archived). Nested objects (`checks`, `error`) stay JSON text: the OpenX SerDe hands them over as is.
 */
export const archiveColumns = (): glue.CfnTable.ColumnProperty[] => {
  const columns = new Map<string, string>(
    Object.values(recordKeys).map((key) => [key, recordKeyTypes[key] ?? 'string']),
  );
  for (const event of eventsOfCategory('security')) {
    const fields: Readonly<Record<string, { readonly type: keyof typeof hiveType }>> = catalog[event].fields;
    for (const [field, spec] of Object.entries(fields)) {
      if (!columns.has(field)) columns.set(field, hiveType[spec.type]);
    }
  }
  return [...columns].map(([name, type]) => ({ name, type }));
};

export interface ArchiveSearchProps {
  readonly bucket: s3.IBucket;
  /** The prefix the partitions live under (`security/`). */
  readonly prefix: string;
}

const loginAttempt: EventName = 'login_attempt';
const outcome: FieldName<'login_attempt'> = 'outcome';
const sourceIp: FieldName<'login_attempt'> = 'source_ip';
const userHash: FieldName<'login_attempt'> = 'user_hash';
const reason: FieldName<'login_attempt'> = 'reason';

/**
 * Makes the archive searchable: a Glue database and table over the Hive-style partitions (partition
 * projection, so no crawler and no MSCK REPAIR), and a saved Athena query. Names derive from the stack name,
 * as Glue requires a database name and two deployments must not share one.
 */
export class ArchiveSearch extends Construct {
  public readonly databaseName: string;
  public readonly tableName = 'security_events';
  public readonly table: glue.CfnTable;
  public readonly failedLoginsQuery: athena.CfnNamedQuery;

  constructor(scope: Construct, id: string, props: ArchiveSearchProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const stackName = Token.isUnresolved(stack.stackName) ? 'cream_logging' : stack.stackName;
    this.databaseName = `${stackName.toLowerCase().replace(/[^a-z0-9_]/g, '_')}_archive`;
    const database = new glue.CfnDatabase(this, 'Database', {
      catalogId: stack.account,
      databaseInput: { name: this.databaseName, description: 'Security records archived by Cream logging' },
    });
    const location = `s3://${props.bucket.bucketName}/${props.prefix}`;
    const twoDigits = (range: string) => ({ type: 'integer', range, digits: '2' });
    const projection = {
      year: { type: 'integer', range: '2025,2100' },
      month: twoDigits('1,12'),
      day: twoDigits('1,31'),
      hour: twoDigits('0,23'),
    };
    this.table = new glue.CfnTable(this, 'Table', {
      catalogId: stack.account,
      databaseName: this.databaseName,
      tableInput: {
        name: this.tableName,
        tableType: 'EXTERNAL_TABLE',
        description: 'One row per archived security record (gzipped JSON lines written by Firehose)',
        parameters: {
          classification: 'json',
          compressionType: 'gzip',
          'projection.enabled': 'true',
          ...Object.fromEntries(
            Object.entries(projection).flatMap(([key, settings]) =>
              Object.entries(settings).map(([setting, value]) => [`projection.${key}.${setting}`, value]),
            ),
          ),
          'storage.location.template': `${location}year=\${year}/month=\${month}/day=\${day}/hour=\${hour}/`,
        },
        partitionKeys: Object.keys(projection).map((name) => ({ name, type: 'string' })),
        storageDescriptor: {
          location,
          columns: archiveColumns(),
          inputFormat: 'org.apache.hadoop.mapred.TextInputFormat',
          outputFormat: 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat',
          serdeInfo: {
            serializationLibrary: 'org.openx.data.jsonserde.JsonSerDe',
            // a record the layer cut short stays readable; a broken line is skipped, not fatal
            parameters: { 'ignore.malformed.json': 'true' },
          },
        },
      },
    });
    this.table.addResourceDependency(database);

    this.failedLoginsQuery = new athena.CfnNamedQuery(this, 'FailedLoginsQuery', {
      name: `${stackName}: failed logins by source IP, last 7 days (archive)`,
      description: 'Password guesses per address from the archive, beyond the log groups retention',
      database: this.databaseName,
      queryString: [
        `SELECT ${sourceIp}, count(*) AS failures, count(DISTINCT ${userHash}) AS users,`,
        `  array_agg(DISTINCT ${reason}) AS reasons, max(${recordKeys.timestamp}) AS last_seen`,
        `FROM "${this.databaseName}"."${this.tableName}"`,
        `WHERE ${recordKeys.message} = '${loginAttempt}' AND ${outcome} = 'failure'`,
        `  AND concat(year, '-', month, '-', day) >= date_format(current_date - interval '7' day, '%Y-%m-%d')`,
        `GROUP BY ${sourceIp}`,
        'ORDER BY failures DESC',
        'LIMIT 50',
      ].join('\n'),
    });
    this.failedLoginsQuery.addResourceDependency(this.table);
  }
}
