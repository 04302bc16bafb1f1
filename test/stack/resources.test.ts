import { Match } from 'aws-cdk-lib/assertions';
import { functions } from '../../lib/functions';
import { onlyLogicalId, type SynthesizedStack, synthesize } from './synth';

let synth: SynthesizedStack;
beforeAll(() => {
  synth = synthesize();
});
afterAll(() => synth.cleanup());

const ref = (construct: { node: { defaultChild?: unknown } }) => ({
  Ref: synth.stack.getLogicalId(construct.node.defaultChild as never),
});

describe('layer', () => {
  it('targets Node 22 and 24 on both architectures and is retained when replaced', () => {
    synth.template.hasResource('AWS::Lambda::LayerVersion', {
      Properties: {
        CompatibleRuntimes: ['nodejs22.x', 'nodejs24.x'],
        CompatibleArchitectures: ['arm64', 'x86_64'],
        Description: Match.stringLikeRegexp('@cream/logging'),
        Content: Match.anyValue(),
      },
      DeletionPolicy: 'Retain',
    });
  });

  it('publishes its ARN as an output and in an SSM parameter named after the stack', () => {
    const layer = { Ref: onlyLogicalId(synth.template, 'AWS::Lambda::LayerVersion') };
    synth.template.hasOutput('LayerVersionArn', { Value: layer });
    synth.template.hasResourceProperties('AWS::SSM::Parameter', {
      Name: '/cream-logging/CreamLogging/layer-version-arn',
      Type: 'String',
      Value: layer,
    });
  });
});

describe('HTTP API', () => {
  it('routes every route of the registry, POST /login and GET /health/logs among them, and nothing else', () => {
    const routeKeys = functions.flatMap((definition) => definition.routes);
    expect(routeKeys).toEqual(expect.arrayContaining(['POST /login', 'GET /health/logs']));
    const routes = Object.values(synth.template.findResources('AWS::ApiGatewayV2::Route'));
    expect(routes.map((route) => route.Properties.RouteKey).sort()).toEqual([...routeKeys].sort());
  });

  it('writes JSON access logs with status, latency, the integration status, the gateway error and Lambda’s request id', () => {
    const stage = Object.values(synth.template.findResources('AWS::ApiGatewayV2::Stage'))[0];
    const settings = stage.Properties.AccessLogSettings;
    expect(settings.DestinationArn['Fn::GetAtt'][0]).toBe(ref(synth.stack.http.accessLogGroup).Ref);
    const format = settings.Format.replace(/\$context\.[a-zA-Z.]+/g, '0');
    expect(Object.keys(JSON.parse(format))).toEqual(
      expect.arrayContaining(['requestId', 'ip', 'routeKey', 'status', 'responseLatency', 'userAgent']),
    );
    for (const variable of [
      '$context.integrationStatus',
      '$context.error.message',
      '$context.awsEndpointRequestId',
    ])
      expect(settings.Format).toContain(variable);
    expect(stage.Properties.DefaultRouteSettings).toEqual({
      ThrottlingRateLimit: 50,
      ThrottlingBurstLimit: 100,
    });
    // the public health route gets its own, far lower throttle, and the stage waits for the route to exist
    expect(stage.Properties.RouteSettings).toEqual({
      'GET /health/logs': { ThrottlingRateLimit: 1, ThrottlingBurstLimit: 5 },
    });
    const healthRoute = Object.entries(synth.template.findResources('AWS::ApiGatewayV2::Route')).find(
      ([, route]) => route.Properties.RouteKey === 'GET /health/logs',
    )?.[0];
    expect(stage.DependsOn).toContain(healthRoute);
    // one group per function, the access log and Firehose's delivery errors: no group without a retention
    const groups = [
      ...Object.values(synth.stack.functions).map((fn) => fn.logGroup),
      synth.stack.http.accessLogGroup,
      synth.stack.archive.deliveryErrorLogGroup,
    ];
    expect(Object.keys(synth.template.findResources('AWS::Logs::LogGroup')).sort()).toEqual(
      groups.map((group) => ref(group).Ref).sort(),
    );
    for (const group of Object.values(synth.template.findResources('AWS::Logs::LogGroup'))) {
      expect(group.Properties.RetentionInDays).toBe(30);
    }
  });
});

describe('saved queries', () => {
  const query = (name: string) =>
    Object.values(synth.template.findResources('AWS::Logs::QueryDefinition')).find(
      (q) => q.Properties.Name === `Cream/CreamLogging/${name}`,
    )?.Properties;

  it.each([
    ['Recent errors with stack', ['functions'], ['category = "error"', 'error.stack']],
    ['Slowest requests', ['functions'], ['message = "request_completed"', 'sort duration_ms desc']],
    [
      'Failed logins by source IP',
      ['login'],
      ['outcome = "failure"', 'count_distinct(user_hash)', 'by source_ip'],
    ],
    ['Latency percentiles by route', ['functions'], ['pct(duration_ms, 99)', 'by route']],
    ['Cold starts', ['functions'], ['cold_start = 1', 'by service']],
    [
      'One request by correlation id',
      ['functions', 'access'],
      ['correlation_id = "', 'api_request_id = "', 'function_request_id = "', 'lambdaRequestId = "'],
    ],
  ] as const)('"%s" reads the right log groups', (name, groups, fragments) => {
    const props = query(name);
    const byName = {
      // every function of the registry, in registry order
      functions: Object.values(synth.stack.functions).map((fn) => ref(fn.logGroup)),
      login: [ref(synth.stack.login.logGroup)],
      access: [ref(synth.stack.http.accessLogGroup)],
    };
    expect(props?.LogGroupNames).toEqual(groups.flatMap((g) => byName[g]));
    for (const fragment of fragments) expect(props?.QueryString).toContain(fragment);
  });

  it('saves exactly the queries the construct lists', () =>
    synth.template.resourceCountIs(
      'AWS::Logs::QueryDefinition',
      Object.keys(synth.stack.queries.queries).length,
    ));
});

describe('security log archive', () => {
  it('subscribes every function group with the security-category pattern to Firehose', () => {
    const stream = onlyLogicalId(synth.template, 'AWS::KinesisFirehose::DeliveryStream');
    const fns = Object.values(synth.stack.functions);
    synth.template.resourceCountIs('AWS::Logs::SubscriptionFilter', fns.length);
    for (const fn of fns) {
      synth.template.hasResourceProperties('AWS::Logs::SubscriptionFilter', {
        LogGroupName: ref(fn.logGroup),
        FilterPattern: '{ $.category = "security" }',
        DestinationArn: { 'Fn::GetAtt': [stream, 'Arn'] },
      });
    }
  });

  it('stores into an encrypted, SSL-only, private bucket that moves to Glacier Instant Retrieval (Athena reads it) at 90 days and expires at 400', () => {
    synth.template.hasResource('AWS::S3::Bucket', {
      Properties: Match.objectLike({
        BucketEncryption: {
          ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
        },
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          BlockPublicPolicy: true,
          IgnorePublicAcls: true,
          RestrictPublicBuckets: true,
        },
        LifecycleConfiguration: {
          Rules: [
            Match.objectLike({
              Status: 'Enabled',
              ExpirationInDays: 400,
              Transitions: [{ StorageClass: 'GLACIER_IR', TransitionInDays: 90 }],
            }),
          ],
        },
      }),
      DeletionPolicy: 'Retain',
    });
    synth.template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });

  it('encrypts the stream and extracts the log messages before writing', () => {
    synth.template.hasResourceProperties('AWS::KinesisFirehose::DeliveryStream', {
      DeliveryStreamEncryptionConfigurationInput: { KeyType: 'AWS_OWNED_CMK' },
      ExtendedS3DestinationConfiguration: Match.objectLike({
        CompressionFormat: 'GZIP',
        ProcessingConfiguration: {
          Enabled: true,
          Processors: [
            Match.objectLike({ Type: 'Decompression' }),
            Match.objectLike({ Type: 'CloudWatchLogProcessing' }),
            Match.objectLike({ Type: 'AppendDelimiterToRecord' }),
          ],
        },
      }),
    });
  });

  it('lets Logs put records into the stream only', () => {
    const stream = onlyLogicalId(synth.template, 'AWS::KinesisFirehose::DeliveryStream');
    synth.template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: [
          {
            Effect: 'Allow',
            Action: ['firehose:PutRecord', 'firehose:PutRecordBatch'],
            Resource: { 'Fn::GetAtt': [stream, 'Arn'] },
          },
        ],
      },
    });
  });
});

describe('archive integrity and search', () => {
  const policyOfRole = (roleId: string) =>
    Object.values(synth.template.findResources('AWS::IAM::Policy')).filter((policy) =>
      JSON.stringify(policy.Properties.Roles).includes(roleId),
    );

  it('denies deleting any archived object, to everyone', () => {
    synth.template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Sid: 'DenyObjectDeletion',
            Effect: 'Deny',
            Principal: { AWS: '*' },
            Action: ['s3:DeleteObject', 's3:DeleteObjectVersion'],
          }),
        ]),
      },
    });
  });

  it('gives Firehose exactly its documented S3 actions, on its own prefixes, and nothing that deletes or changes retention', () => {
    const roleId = synth.stack.getLogicalId(synth.stack.archive.deliveryRole.node.defaultChild as never);
    const statements = policyOfRole(roleId).flatMap((policy) => policy.Properties.PolicyDocument.Statement);
    const actions = statements
      .flatMap((statement: { Action: string | string[] }) => [statement.Action].flat())
      .sort();
    expect(actions).toEqual([
      'logs:PutLogEvents',
      's3:AbortMultipartUpload',
      's3:GetBucketLocation',
      's3:GetObject',
      's3:ListBucket',
      's3:ListBucketMultipartUploads',
      's3:PutObject',
    ]);
    const objectStatement = statements.find((statement: { Action: string[] }) =>
      statement.Action.includes('s3:PutObject'),
    );
    expect(JSON.stringify(objectStatement.Resource)).toMatch(/\/security\/\*.*|\/errors\/\*/);
    expect(JSON.stringify(objectStatement.Resource)).not.toMatch(/"\/\*"/);
    synth.template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [
          Match.objectLike({
            Principal: { Service: 'firehose.amazonaws.com' },
            Condition: { StringEquals: { 'sts:ExternalId': { Ref: 'AWS::AccountId' } } },
          }),
        ],
      },
    });
  });

  it('writes Hive-style hourly partitions, errors apart by type', () => {
    synth.template.hasResourceProperties('AWS::KinesisFirehose::DeliveryStream', {
      ExtendedS3DestinationConfiguration: Match.objectLike({
        Prefix:
          'security/year=!{timestamp:yyyy}/month=!{timestamp:MM}/day=!{timestamp:dd}/hour=!{timestamp:HH}/',
        ErrorOutputPrefix:
          'errors/!{firehose:error-output-type}/year=!{timestamp:yyyy}/month=!{timestamp:MM}/day=!{timestamp:dd}/',
      }),
    });
  });

  it('makes the archive searchable: a projected Glue table over the partitions and a saved Athena query', () => {
    const table = Object.values(synth.template.findResources('AWS::Glue::Table'))[0].Properties.TableInput;
    expect(table.Name).toBe('security_events');
    expect(table.PartitionKeys.map((key: { Name: string }) => key.Name)).toEqual([
      'year',
      'month',
      'day',
      'hour',
    ]);
    expect(table.Parameters).toMatchObject({ 'projection.enabled': 'true', 'projection.month.digits': '2' });
    // the projection's own placeholders: year=${year}/month=${month}/...
    const partitions = ['year', 'month', 'day', 'hour'].map((key) => `${key}=\${${key}}/`).join('');
    expect(JSON.stringify(table.Parameters['storage.location.template'])).toContain(
      `/security/${partitions}`,
    );
    const columns = table.StorageDescriptor.Columns.map((column: { Name: string }) => column.Name);
    expect(columns).toEqual(
      expect.arrayContaining(['timestamp', 'message', 'outcome', 'reason', 'source_ip', 'user']),
    );
    expect(table.StorageDescriptor.SerdeInfo.SerializationLibrary).toBe('org.openx.data.jsonserde.JsonSerDe');
    synth.template.hasResourceProperties('AWS::Glue::Database', {
      DatabaseInput: Match.objectLike({ Name: 'creamlogging_archive' }),
    });
    synth.template.hasResourceProperties('AWS::Athena::NamedQuery', {
      Database: 'creamlogging_archive',
      Name: Match.stringLikeRegexp('^CreamLogging: failed logins by source IP'),
      QueryString: Match.stringLikeRegexp(
        'count\\(DISTINCT user_hash\\)[\\s\\S]*FROM "creamlogging_archive"."security_events"',
      ),
    });
  });
});

describe('what destroy leaves behind', () => {
  it('retains only the audit trail, the users, the signing key and layer versions, and names each in an output', () => {
    const retained = Object.entries(synth.template.toJSON().Resources).filter(
      ([, resource]) => (resource as { DeletionPolicy?: string }).DeletionPolicy === 'Retain',
    ) as [string, { Type: string }][];
    expect(retained.map(([, resource]) => resource.Type).sort()).toEqual([
      'AWS::DynamoDB::GlobalTable',
      'AWS::Lambda::LayerVersion',
      'AWS::S3::Bucket',
      'AWS::SecretsManager::Secret',
    ]);
    const outputs = JSON.stringify(synth.template.toJSON().Outputs);
    // the layer's current version is in the LayerVersionArn output; older versions stay for stacks that pin them
    for (const [logicalId] of retained) expect(outputs).toContain(`"${logicalId}"`);
  });
});

describe('dashboard', () => {
  /** The dashboard body with every CloudFormation reference replaced by a placeholder, parsed. */
  const body = () => {
    const dashboard = Object.values(synth.template.findResources('AWS::CloudWatch::Dashboard'))[0];
    const parts = dashboard.Properties.DashboardBody['Fn::Join'][1] as unknown[];
    return JSON.parse(parts.map((part) => (typeof part === 'string' ? part : 'REF')).join('')) as {
      widgets: { type: string; properties: { title: string; metrics?: unknown[][] } }[];
    };
  };

  it('shows requests, latency by route, errors by category, login outcomes and reasons, platform and alarm states', () => {
    const titles = body().widgets.map((widget) => widget.properties.title);
    for (const title of [
      'Requests per function',
      'Latency by route',
      'Warnings and errors by category',
      'Login outcomes',
      'Failed logins by reason',
      'Lambda: errors and throttles',
      'API: requests and 5xx',
      'Alarms',
    ]) {
      expect(titles).toContainEqual(expect.stringContaining(title));
    }
    expect(JSON.stringify(body())).toContain('MetricName=\\"RouteLatency\\"');
  });

  it('labels every line of a graph distinctly (routes by their dimension, services and reasons by name)', () => {
    for (const widget of body().widgets.filter((candidate) => candidate.type === 'metric')) {
      const labels = (widget.properties.metrics ?? []).map((line) => {
        const options = line.at(-1) as { label?: string };
        return options.label;
      });
      expect(labels.every((label) => typeof label === 'string' && label !== '')).toBe(true);
      expect(new Set(labels).size).toBe(labels.length);
    }
    const latency = body().widgets.find((widget) => widget.properties.title.startsWith('Latency by route'))!;
    // CloudWatch's dynamic label: the route each SEARCH line belongs to
    const dynamicRoute = `\${PROP('Dim.route')}`;
    expect(latency.properties.metrics?.map((line) => (line.at(-1) as { label: string }).label)).toEqual(
      ['p50', 'p90', 'p99'].map((stat) => `${dynamicRoute} ${stat}`),
    );
  });
});
