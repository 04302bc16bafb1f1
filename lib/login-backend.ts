import { RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import type { LoggedFunction } from './logged-function';

export interface LoginBackendProps {
  /** Users are not recreatable from anything else, so the table outlives the stack. @default RemovalPolicy.RETAIN */
  readonly removalPolicy?: RemovalPolicy;
}

export interface LoginSettings {
  readonly tokenIssuer: string;
  readonly tokenTtlSeconds: number;
}

/** What the login function reads: the users table and the JWT signing key. */
export class LoginBackend extends Construct {
  public readonly table: dynamodb.TableV2;
  public readonly signingKey: secretsmanager.Secret;

  constructor(scope: Construct, id: string, props: LoginBackendProps = {}) {
    super(scope, id);
    const removalPolicy = props.removalPolicy ?? RemovalPolicy.RETAIN;
    this.table = new dynamodb.TableV2(this, 'Users', {
      partitionKey: { name: 'email', type: dynamodb.AttributeType.STRING },
      billing: dynamodb.Billing.onDemand(),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: removalPolicy === RemovalPolicy.RETAIN,
      removalPolicy,
    });

    // The SecretString is the raw HS256 key: 64 alphanumerics, about 380 bits of entropy.
    this.signingKey = new secretsmanager.Secret(this, 'JwtSigningKey', {
      description: 'HS256 signing key of the tokens POST /login issues',
      generateSecretString: { passwordLength: 64, excludePunctuation: true, includeSpace: false },
      removalPolicy,
    });
    Validations.of(this.signingKey).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'Rotating an HS256 key invalidates every live token at once; the login function caches the key and ' +
        'tokens live one hour, so rotation is a planned operation (put a new value, wait one TTL) rather than ' +
        'a rotation Lambda.',
    });
  }

  /** Gives the login function exactly what it calls, and the settings it reads. */
  grantLogin(login: LoggedFunction, settings: LoginSettings): void {
    login.function.addEnvironment('USERS_TABLE_NAME', this.table.tableName);
    login.function.addEnvironment('JWT_SECRET_ARN', this.signingKey.secretArn);
    login.function.addEnvironment('TOKEN_TTL_SECONDS', String(settings.tokenTtlSeconds));
    login.function.addEnvironment('TOKEN_ISSUER', settings.tokenIssuer);
    login.role.addToPrincipalPolicy(
      new iam.PolicyStatement({ actions: ['dynamodb:GetItem'], resources: [this.table.tableArn] }),
    );
    // GetSecretValue only: the function never calls DescribeSecret, so grantRead would be broader than needed.
    login.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['secretsmanager:GetSecretValue'],
        resources: [this.signingKey.secretArn],
      }),
    );
  }
}
