import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
  type PutObjectCommandInput,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { S3Object, S3Settings } from '../../shared/contract';
import { AppError } from '../../shared/errors';

/**
 * Reports in Amazon S3. Credentials come only from the standard AWS chain (environment, profile, SSO,
 * instance or Lambda role) — the app never asks for or stores keys. Every object is written with
 * server-side encryption (SSE-S3 or the given KMS key) and metadata saying which report, period and
 * author it is, so a listing of the bucket reads like the history.
 */

export const MAX_SHARE_SECONDS = 7 * 24 * 3600;

export interface StoredMeta {
  reportId: string;
  period: string;
  author: string;
  format: string;
}

export interface ReportBucket {
  readonly settings: S3Settings;
  put(key: string, body: Uint8Array, contentType: string, meta: StoredMeta): Promise<void>;
  list(): Promise<S3Object[]>;
  get(key: string): Promise<{ bytes: Buffer; contentType: string; meta: Record<string, string> }>;
  delete(key: string): Promise<void>;
  share(key: string, expiresInSeconds: number): Promise<{ url: string; expiresAt: number }>;
  /** The bucket answers and these credentials may use it. */
  check(): Promise<void>;
  destroy(): void;
}

/** An AWS SDK failure said so that the user knows what to fix. */
export function s3Error(e: unknown, s: S3Settings): AppError {
  if (e instanceof AppError) return e;
  const name = (e as { name?: string } | null)?.name ?? '';
  const message = e instanceof Error ? e.message : String(e);
  const status = e instanceof S3ServiceException ? e.$metadata.httpStatusCode : undefined;
  if (name === 'CredentialsProviderError' || (/Could not load credentials|credential/i.test(message) && !(e instanceof S3ServiceException))) {
    return new AppError(
      'VALIDATION',
      'No AWS credentials were found. Sign in with the AWS CLI (aws sso login or aws configure), or set AWS_PROFILE / AWS_ACCESS_KEY_ID in the environment, then try again. The app never stores AWS keys.',
    );
  }
  if (name === 'ExpiredToken' || name === 'ExpiredTokenException' || name === 'TokenRefreshRequired' || /expired/i.test(message)) {
    return new AppError('FORBIDDEN', 'Your AWS session has expired. Renew it (aws sso login, or refresh the profile’s credentials) and try again.');
  }
  if (name === 'NoSuchBucket' || (status === 404 && name === 'NotFound')) {
    return new AppError('NOT_FOUND', `The bucket ${s.bucket} does not exist in ${s.region}. Check the bucket name and region in Settings → Report storage.`);
  }
  if (name === 'NoSuchKey') return new AppError('NOT_FOUND', 'That report file is no longer in the bucket.');
  if (name === 'AccessDenied' || name === 'Forbidden' || status === 403) {
    return new AppError(
      'FORBIDDEN',
      `Access to s3://${s.bucket}/${s.prefix} was denied for these AWS credentials. Ask for s3:PutObject, s3:GetObject, s3:ListBucket and s3:DeleteObject on it${s.encryption === 'aws:kms' ? ', and kms:GenerateDataKey / kms:Decrypt on the key' : ''}.`,
    );
  }
  if (/ENOTFOUND|ECONNREFUSED|ETIMEDOUT|EAI_AGAIN|ECONNRESET|socket hang up|NetworkingError/i.test(`${name} ${message} ${(e as { code?: string } | null)?.code ?? ''}`)) {
    return new AppError('OFFLINE', 'S3 cannot be reached from this workstation now. The report waits in the outbox and is uploaded when the connection is back.');
  }
  // S3's own passing faults (after the SDK's retries): the upload waits in the outbox like an unreachable S3,
  // instead of being marked failed and never retried, its first files left in the bucket as a half-report.
  if ((status !== undefined && status >= 500) || ['InternalError', 'SlowDown', 'ServiceUnavailable', 'RequestTimeout', 'RequestTimeTooSkewed'].includes(name)) {
    return new AppError(
      'OFFLINE',
      `S3 is not available now (${name || 'error'}${status ? ` ${status}` : ''}). The report waits in the outbox and is uploaded when S3 answers again.`,
    );
  }
  return new AppError('INTERNAL', `S3 refused the request (${name || 'error'}${status ? ` ${status}` : ''}): ${message}`);
}

export function s3Client(s: S3Settings): S3Client {
  return new S3Client({
    region: s.region,
    ...(s.endpoint ? { endpoint: s.endpoint, forcePathStyle: true } : {}),
    // Checksums only where S3 requires them: S3-compatible servers (and s3rver in the tests) store
    // streamed uploads corrupted otherwise; AWS itself accepts both.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    maxAttempts: 3,
  });
}

/** Keys under the prefix only: a key from a request must not reach outside the reports' folder. */
export function checkKey(s: S3Settings, key: string): void {
  if (!key.startsWith(s.prefix) || key.includes('..') || key.length > 1024)
    throw new AppError('VALIDATION', `Only report files under s3://${s.bucket}/${s.prefix} can be opened here.`);
}

export function openReportBucket(settings: S3Settings, client: S3Client = s3Client(settings)): ReportBucket {
  const s = settings;
  const run = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (e) {
      throw s3Error(e, s);
    }
  };
  return {
    settings: s,
    put: (key, body, contentType, meta) =>
      run(async () => {
        const input: PutObjectCommandInput = {
          Bucket: s.bucket,
          Key: key,
          Body: body,
          ContentType: contentType,
          ServerSideEncryption: s.encryption,
          ...(s.encryption === 'aws:kms' && s.kmsKeyId ? { SSEKMSKeyId: s.kmsKeyId } : {}),
          // S3 metadata is ASCII: names with accents travel URI-encoded.
          Metadata: { 'report-id': meta.reportId, period: meta.period, author: encodeURIComponent(meta.author), format: meta.format },
        };
        await client.send(new PutObjectCommand(input));
      }),
    list: () =>
      run(async () => {
        const out: S3Object[] = [];
        let token: string | undefined;
        do {
          const page = await client.send(new ListObjectsV2Command({ Bucket: s.bucket, Prefix: s.prefix, ContinuationToken: token, MaxKeys: 1000 }));
          for (const o of page.Contents ?? []) {
            if (!o.Key || o.Key.endsWith('/') || o.Key.startsWith(`${s.prefix}requests/`)) continue;
            out.push({ key: o.Key, size: o.Size ?? 0, lastModified: o.LastModified ? o.LastModified.getTime() : null, ...parseKey(s, o.Key) });
          }
          token = page.IsTruncated ? page.NextContinuationToken : undefined;
        } while (token && out.length < 10_000);
        return out.sort((a, b) => (b.lastModified ?? 0) - (a.lastModified ?? 0));
      }),
    get: (key) =>
      run(async () => {
        checkKey(s, key);
        const r = await client.send(new GetObjectCommand({ Bucket: s.bucket, Key: key }));
        const bytes = Buffer.from((await r.Body?.transformToByteArray()) ?? new Uint8Array());
        const meta = Object.fromEntries(Object.entries(r.Metadata ?? {}).map(([k, v]) => [k, k === 'author' ? safeDecode(v) : v]));
        return { bytes, contentType: r.ContentType ?? 'application/octet-stream', meta };
      }),
    delete: (key) =>
      run(async () => {
        checkKey(s, key);
        await client.send(new DeleteObjectCommand({ Bucket: s.bucket, Key: key }));
      }),
    share: (key, expiresInSeconds) =>
      run(async () => {
        checkKey(s, key);
        if (!Number.isInteger(expiresInSeconds) || expiresInSeconds < 1 || expiresInSeconds > MAX_SHARE_SECONDS)
          throw new AppError('VALIDATION', 'A share link lasts at most 7 days.');
        const url = await getSignedUrl(client, new GetObjectCommand({ Bucket: s.bucket, Key: key }), { expiresIn: expiresInSeconds });
        return { url, expiresAt: Date.now() + expiresInSeconds * 1000 };
      }),
    check: () =>
      run(async () => {
        await client.send(new HeadBucketCommand({ Bucket: s.bucket }));
      }),
    destroy: () => client.destroy(),
  };
}

function safeDecode(v: string): string {
  try {
    return decodeURIComponent(v);
  } catch {
    return v;
  }
}

/** Keys are `<prefix><period>/<report id>/<file>`: the listing reads them back without a HEAD per object. */
export function reportKey(s: S3Settings, period: string, reportId: string, filename: string): string {
  return `${s.prefix}${period.replace(/[^A-Za-z0-9.-]/g, '_')}/${reportId}/${filename}`;
}

function parseKey(s: S3Settings, key: string): Pick<S3Object, 'reportId' | 'period' | 'author' | 'format'> {
  const m = /^([^/]+)\/([0-9a-f-]{36})\/([^/]+)$/.exec(key.slice(s.prefix.length));
  if (!m) return { reportId: null, period: null, author: null, format: null };
  const file = m[3] ?? '';
  const format = file.endsWith('.pdf') ? 'pdf' : file.endsWith('.xlsx') ? 'xlsx' : file.endsWith('.zip') ? 'csv' : file.endsWith('.json') ? 'json' : null;
  return { reportId: m[2] ?? null, period: m[1] ?? null, author: null, format };
}
