import { Match, Template } from 'aws-cdk-lib/assertions';
import { fail, first, json, props, refTo, resourcesOf, type SecurityCheck } from './infra-template';

/** The database: its storage and key, TLS, IAM authentication, generated and rotated credentials, backups, deletion protection, no internet path. */
export const DATABASE_CHECKS: SecurityCheck[] = [
  {
    name: 'RDS storage is encrypted with the stack KMS key, which rotates',
    check(t) {
      const tpl = Template.fromJSON(t);
      const [keyId] = first(t, 'AWS::KMS::Key');
      tpl.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
      for (const [id, db] of resourcesOf(t, 'AWS::RDS::DBInstance')) {
        if (props(db).StorageEncrypted !== true) fail(`${id}: StorageEncrypted is not true`);
        if (!refTo(keyId).test(json(props(db).KmsKeyId))) fail(`${id}: storage is not encrypted with the stack key`);
      }
    },
    disable(t) {
      props(first(t, 'AWS::RDS::DBInstance')[1]).StorageEncrypted = false;
    },
  },
  {
    name: 'KMS key rotation is on',
    check(t) {
      for (const [id, k] of resourcesOf(t, 'AWS::KMS::Key')) if (props(k).EnableKeyRotation !== true) fail(`${id}: key rotation off`);
    },
    disable(t) {
      props(first(t, 'AWS::KMS::Key')[1]).EnableKeyRotation = false;
    },
  },
  {
    name: 'MySQL requires TLS (parameter group require_secure_transport=ON on every instance)',
    check(t) {
      Template.fromJSON(t).hasResourceProperties('AWS::RDS::DBParameterGroup', {
        Parameters: Match.objectLike({ require_secure_transport: 'ON', tls_version: 'TLSv1.2,TLSv1.3' }),
      });
      const [pgId] = first(t, 'AWS::RDS::DBParameterGroup', (_, r) => (props(r).Parameters as Record<string, string>).require_secure_transport === 'ON');
      for (const [id, db] of resourcesOf(t, 'AWS::RDS::DBInstance'))
        if (!refTo(pgId).test(json(props(db).DBParameterGroupName))) fail(`${id} does not use the TLS parameter group`);
    },
    disable(t) {
      (props(first(t, 'AWS::RDS::DBParameterGroup')[1]).Parameters as Record<string, string>).require_secure_transport = 'OFF';
    },
  },
  {
    name: 'IAM database authentication is on for the primary and the replica',
    check(t) {
      for (const [id, db] of resourcesOf(t, 'AWS::RDS::DBInstance')) if (props(db).EnableIAMDatabaseAuthentication !== true) fail(`${id}: IAM database authentication off`);
    },
    disable(t) {
      props(first(t, 'AWS::RDS::DBInstance')[1]).EnableIAMDatabaseAuthentication = false;
    },
  },
  {
    name: 'Master credentials are generated into a KMS-encrypted Secrets Manager secret rotated every 30 days',
    check(t) {
      const [secretId, secret] = first(t, 'AWS::SecretsManager::Secret');
      if (!props(secret).GenerateSecretString) fail('the master password is not generated');
      if (!props(secret).KmsKeyId) fail('the secret is not encrypted with the stack key');
      const [, attachment] = first(t, 'AWS::SecretsManager::SecretTargetAttachment');
      if (!refTo(secretId).test(json(props(attachment).SecretId))) fail('the secret is not attached to the instance');
      Template.fromJSON(t).hasResourceProperties('AWS::SecretsManager::RotationSchedule', { RotationRules: { ScheduleExpression: 'rate(30 days)' } });
      const [, primary] = first(t, 'AWS::RDS::DBInstance', (_, r) => !props(r).SourceDBInstanceIdentifier);
      if (!json(props(primary).MasterUserPassword).includes(secretId)) fail('the instance password does not come from the secret');
    },
    disable(t) {
      const [id] = first(t, 'AWS::SecretsManager::RotationSchedule');
      delete t.Resources[id];
    },
  },
  {
    name: 'Automated backups are kept at least 7 days (14 by default)',
    check(t) {
      const [, db] = first(t, 'AWS::RDS::DBInstance', (_, r) => !props(r).SourceDBInstanceIdentifier);
      if (!(Number(props(db).BackupRetentionPeriod) >= 7)) fail(`backup retention ${String(props(db).BackupRetentionPeriod)} days`);
    },
    disable(t) {
      props(first(t, 'AWS::RDS::DBInstance')[1]).BackupRetentionPeriod = 1;
    },
  },
  {
    name: 'Deletion protection is on (and a snapshot is taken if the stack deletes the primary)',
    check(t) {
      for (const [id, db] of resourcesOf(t, 'AWS::RDS::DBInstance')) if (props(db).DeletionProtection !== true) fail(`${id}: deletion protection off`);
      const [, primary] = first(t, 'AWS::RDS::DBInstance', (_, r) => !props(r).SourceDBInstanceIdentifier);
      if (primary.DeletionPolicy !== 'Snapshot') fail('the primary is not snapshotted on delete');
    },
    disable(t) {
      props(first(t, 'AWS::RDS::DBInstance')[1]).DeletionProtection = false;
    },
  },
  {
    name: 'The database is private: not publicly accessible, in subnets with no internet path',
    check(t) {
      for (const [id, db] of resourcesOf(t, 'AWS::RDS::DBInstance')) if (props(db).PubliclyAccessible !== false) fail(`${id}: publicly accessible`);
      for (const type of ['AWS::EC2::InternetGateway', 'AWS::EC2::NatGateway', 'AWS::EC2::EIP', 'AWS::EC2::EgressOnlyInternetGateway']) {
        if (resourcesOf(t, type).length) fail(`the VPC has an internet path (${type})`);
      }
    },
    disable(t) {
      t.Resources.AddedIgw = { Type: 'AWS::EC2::InternetGateway', Properties: {} };
    },
  },
];
