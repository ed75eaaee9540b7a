import { fail, first, isReportsBucket, json, props, refTo, type Resource, resourcesOf, type SecurityCheck } from './infra-template';

/** The reports bucket: no public access, TLS only, versioned, encrypted with the stack key, lifecycle rules, access logged. */
export const STORAGE_CHECKS: SecurityCheck[] = [
  {
    name: 'Reports bucket blocks all public access',
    check(t) {
      for (const [id, b] of resourcesOf(t, 'AWS::S3::Bucket')) {
        const c = props(b).PublicAccessBlockConfiguration as Record<string, boolean> | undefined;
        if (!c || !c.BlockPublicAcls || !c.BlockPublicPolicy || !c.IgnorePublicAcls || !c.RestrictPublicBuckets) fail(`${id}: public access not fully blocked`);
      }
    },
    disable(t) {
      (props(first(t, 'AWS::S3::Bucket', isReportsBucket)[1]).PublicAccessBlockConfiguration as Record<string, boolean>).BlockPublicPolicy = false;
    },
  },
  {
    name: 'Reports bucket policy refuses requests without TLS',
    check(t) {
      for (const [bucketId] of resourcesOf(t, 'AWS::S3::Bucket')) {
        const policy = resourcesOf(t, 'AWS::S3::BucketPolicy').find(([, p]) => refTo(bucketId).test(json(props(p).Bucket)));
        const statements =
          (props(policy?.[1] ?? ({} as Resource)).PolicyDocument as { Statement: { Effect: string; Condition?: { Bool?: Record<string, string> } }[] } | undefined)?.Statement ??
          [];
        if (!statements.some((s) => s.Effect === 'Deny' && s.Condition?.Bool?.['aws:SecureTransport'] === 'false')) fail(`${bucketId} accepts plain HTTP`);
      }
    },
    disable(t) {
      const [, p] = first(t, 'AWS::S3::BucketPolicy', (_, r) => json(props(r).Bucket).includes('StorageReports'));
      const doc = props(p).PolicyDocument as { Statement: { Condition?: unknown }[] };
      doc.Statement = doc.Statement.filter((s) => !json(s.Condition).includes('aws:SecureTransport'));
    },
  },
  {
    name: 'Reports bucket is versioned',
    check(t) {
      for (const [id, b] of resourcesOf(t, 'AWS::S3::Bucket')) if (json(props(b).VersioningConfiguration) !== json({ Status: 'Enabled' })) fail(`${id} is not versioned`);
    },
    disable(t) {
      props(first(t, 'AWS::S3::Bucket', isReportsBucket)[1]).VersioningConfiguration = { Status: 'Suspended' };
    },
  },
  {
    name: 'Reports bucket encrypts with the stack KMS key',
    check(t) {
      const [keyId] = first(t, 'AWS::KMS::Key');
      const [, b] = first(t, 'AWS::S3::Bucket', isReportsBucket);
      const rule = (props(b).BucketEncryption as { ServerSideEncryptionConfiguration: { ServerSideEncryptionByDefault: { SSEAlgorithm: string; KMSMasterKeyID?: unknown } }[] })
        .ServerSideEncryptionConfiguration[0];
      if (rule?.ServerSideEncryptionByDefault.SSEAlgorithm !== 'aws:kms' || !refTo(keyId).test(json(rule.ServerSideEncryptionByDefault.KMSMasterKeyID)))
        fail('reports are not encrypted with the stack key');
    },
    disable(t) {
      props(first(t, 'AWS::S3::Bucket', isReportsBucket)[1]).BucketEncryption = {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      };
    },
  },
  {
    name: 'Reports bucket has lifecycle rules (reports age to cheaper classes and expire; incomplete uploads are aborted)',
    check(t) {
      const [, b] = first(t, 'AWS::S3::Bucket', isReportsBucket);
      const rules = (props(b).LifecycleConfiguration as { Rules?: Record<string, unknown>[] } | undefined)?.Rules ?? [];
      if (!rules.some((r) => r.Prefix === 'reports/' && Array.isArray(r.Transitions) && r.ExpirationInDays && r.NoncurrentVersionExpiration)) fail('no lifecycle for reports/');
      if (!rules.some((r) => r.AbortIncompleteMultipartUpload)) fail('incomplete uploads are kept');
    },
    disable(t) {
      delete props(first(t, 'AWS::S3::Bucket', isReportsBucket)[1]).LifecycleConfiguration;
    },
  },
  {
    name: 'Reports bucket access is logged to the access-log bucket',
    check(t) {
      const [logsId] = first(t, 'AWS::S3::Bucket', (id) => id.startsWith('StorageAccessLogs'));
      const [, b] = first(t, 'AWS::S3::Bucket', isReportsBucket);
      if (!refTo(logsId).test(json((props(b).LoggingConfiguration as { DestinationBucketName?: unknown } | undefined)?.DestinationBucketName)))
        fail('reports bucket access is not logged');
    },
    disable(t) {
      delete props(first(t, 'AWS::S3::Bucket', isReportsBucket)[1]).LoggingConfiguration;
    },
  },
];
