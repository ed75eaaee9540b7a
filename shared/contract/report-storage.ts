import { z } from 'zod';
import { method } from './define';

/**
 * Where generated reports are kept in Amazon S3: bucket, prefix, region and server-side encryption
 * (SSE-S3 or a KMS key). An administrator sets it under Settings → Report storage; every change is
 * audited with who made it and the settings before and after. There is no place for credentials:
 * the object is strict, so an access key or secret sent along is refused, and the AWS SDK finds its
 * credentials through the standard chain (profile, SSO, environment, instance role).
 */

/** Rules of https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html (general purpose buckets). */
export function bucketNameIssue(name: string): string | null {
  if (name.length < 3 || name.length > 63) return 'A bucket name is 3 to 63 characters long.';
  if (!/^[a-z0-9.-]+$/.test(name)) return 'A bucket name has only lower-case letters, digits, dots and hyphens.';
  if (!/^[a-z0-9]/.test(name) || !/[a-z0-9]$/.test(name)) return 'A bucket name starts and ends with a letter or a digit.';
  if (name.includes('..')) return 'A bucket name has no two dots in a row.';
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(name)) return 'A bucket name is not an IP address.';
  if (/^(xn--|sthree-|amzn-s3-demo-)/.test(name)) return 'A bucket name does not start with xn--, sthree- or amzn-s3-demo-.';
  if (/(-s3alias|--ol-s3|\.mrap|--x-s3|--table-s3)$/.test(name)) return 'A bucket name does not end with -s3alias, --ol-s3, .mrap, --x-s3 or --table-s3 (reserved).';
  return null;
}

/** eu-central-1, us-east-2, ap-southeast-3, us-gov-west-1, cn-north-1, il-central-1… */
export const AWS_REGION_PATTERN = /^[a-z]{2}(-gov|-iso[a-z]?)?-(north|south|east|west|central|northeast|northwest|southeast|southwest)-\d{1,2}$/;

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const MRK = 'mrk-[0-9a-f]{32}';
const ALIAS = 'alias/[A-Za-z0-9/_-]{1,250}';
const KMS_ARN = new RegExp(`^arn:aws(-cn|-us-gov|-iso|-iso-b)?:kms:([a-z0-9-]+):(\\d{12}):(key/(${UUID}|${MRK})|${ALIAS})$`);
const KMS_ID = new RegExp(`^(${UUID}|${MRK}|${ALIAS})$`);

/** What is wrong with a KMS key reference for a bucket in `region` (null when it is usable). */
export function kmsKeyIssue(key: string, region: string): string | null {
  const arn = KMS_ARN.exec(key);
  if (arn) return arn[2] === region ? null : `The KMS key is in ${arn[2] ?? '?'}; S3 needs a key in the bucket’s region (${region}).`;
  if (KMS_ID.test(key)) return null;
  return 'Enter a KMS key id (1234abcd-12ab-34cd-56ef-1234567890ab or mrk-…), an alias (alias/reports) or a key or alias ARN (arn:aws:kms:eu-central-1:111122223333:key/…).';
}

/** An S3-compatible endpoint (MinIO, the tests' server): http(s), no user name or password in it. */
function endpointIssue(url: string): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return 'An endpoint is a URL such as https://minio.bank.internal:9000.';
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return 'An endpoint starts with https:// (or http:// for a local server).';
  if (u.username || u.password) return 'No credentials in the endpoint: the AWS credential chain provides them.';
  if (u.search || u.hash) return 'An endpoint has no query or fragment.';
  return null;
}

export const S3_ENCRYPTIONS = ['AES256', 'aws:kms'] as const;

export const s3SettingsSchema = z
  .strictObject({
    bucket: z
      .string()
      .trim()
      .superRefine((v, ctx) => {
        const issue = bucketNameIssue(v);
        if (issue) ctx.addIssue({ code: 'custom', message: issue });
      }),
    prefix: z
      .string()
      .trim()
      .max(200)
      .regex(/^([A-Za-z0-9!_.*'()-]+\/)*$/, 'A prefix is folder names ending in "/", e.g. board-packs/, or empty.')
      .default(''),
    region: z.string().trim().regex(AWS_REGION_PATTERN, 'A region like eu-central-1.'),
    /** AES256: SSE-S3, keys managed by S3; aws:kms: SSE-KMS with `kmsKeyId`. */
    encryption: z.enum(S3_ENCRYPTIONS).default('AES256'),
    kmsKeyId: z.string().trim().max(2048).nullable().default(null),
    /** Only for S3-compatible servers (tests, MinIO); AWS needs none. */
    endpoint: z.string().trim().max(500).nullable().default(null),
  })
  .superRefine((s, ctx) => {
    if (s.encryption === 'aws:kms') {
      const issue = s.kmsKeyId ? kmsKeyIssue(s.kmsKeyId, s.region) : 'Enter the KMS key id or ARN to encrypt with, or choose SSE-S3.';
      if (issue) ctx.addIssue({ code: 'custom', message: issue, path: ['kmsKeyId'] });
    } else if (s.kmsKeyId) ctx.addIssue({ code: 'custom', message: 'A KMS key is used only with SSE-KMS: choose it, or clear the key.', path: ['kmsKeyId'] });
    const e = s.endpoint ? endpointIssue(s.endpoint) : null;
    if (e) ctx.addIssue({ code: 'custom', message: e, path: ['endpoint'] });
  });
export type S3Settings = z.infer<typeof s3SettingsSchema>;

export const reportStorageMethods = {
  'settings.reportStorage.get': method({
    summary: 'Report storage in S3 as set on this workstation (bucket, prefix, region, encryption); never credentials.',
    permission: 'settings.manage',
    reads: 'local',
    input: z.object({}),
    output: z.object({ settings: s3SettingsSchema.nullable() }),
  }),
  'settings.reportStorage.set': method({
    summary: 'Set where reports are stored in S3. Audited with who changed it and the settings before and after; refused offline (the audit chain is in the bank).',
    permission: 'settings.manage',
    requiresBank: true,
    input: s3SettingsSchema,
    output: z.object({ settings: s3SettingsSchema, changed: z.boolean() }),
  }),
} as const;
