import { z } from 'zod';
import { method } from './define';
import { timestampSchema } from './dashboard';

/**
 * How the server certificate is checked. TLS itself is always on: the only way to weaken it is to
 * stop verifying, and that needs `insecureAcknowledged` on save (DESIGN §7).
 */
export const TLS_MODES = ['verify-rds', 'verify-custom', 'insecure-no-verify'] as const;
export type TlsMode = (typeof TLS_MODES)[number];
export const TLS_MODE_LABELS: Record<TlsMode, string> = {
  'verify-rds': 'Verify with the Amazon RDS CA (recommended)',
  'verify-custom': 'Verify with my CA file',
  'insecure-no-verify': 'Do not verify the server certificate (insecure)',
};

export const CONNECTION_AUTH = ['password', 'iam'] as const;
export type ConnectionAuth = (typeof CONNECTION_AUTH)[number];

export const CONNECTION_TEST_CAUSES = ['wrong_password', 'tls', 'unreachable', 'timeout', 'privileges', 'unknown_database', 'other'] as const;
export type ConnectionTestCause = (typeof CONNECTION_TEST_CAUSES)[number];

/** Empty form fields mean "not set": '' becomes undefined so optional settings stay optional. */
const optionalText = (max: number, tooLong: string) =>
  z
    .string()
    .trim()
    .max(max, tooLong)
    .optional()
    .transform((v) => (v ? v : undefined));

const hostSchema = z
  .string()
  .trim()
  .min(1, 'Enter the server host name')
  .max(253, 'A host name has at most 253 characters')
  .regex(
    /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*$|^[0-9a-fA-F:]+$/,
    'Enter only a host name or IP address (no mysql://, port or path)',
  );
const portSchema = z.number({ error: 'Enter a port number' }).int('Enter a whole number').min(1, 'Ports run from 1 to 65535').max(65535, 'Ports run from 1 to 65535');

const readerHostSchema = z
  .string()
  .trim()
  .max(253, 'A host name has at most 253 characters')
  .regex(
    /^$|^(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*$|^[0-9a-fA-F:]+$/,
    'Enter only a host name or IP address (no mysql://, port or path)',
  )
  .optional()
  .transform((v) => (v ? v : undefined));

export const connectionTlsSchema = z.object({
  mode: z.enum(TLS_MODES),
  /** PEM file with the CA certificate(s); required for verify-custom, ignored otherwise. */
  caFile: optionalText(1024, 'The path is too long'),
});

/** The fields a person edits; shared by the saved profile and the save/test input. */
const profileFields = {
  name: z.string().trim().min(1, 'Give the connection a name').max(80, 'Use at most 80 characters'),
  host: hostSchema,
  port: portSchema,
  database: z
    .string()
    .trim()
    .min(1, 'Enter the database (schema) name')
    .max(64, 'MySQL database names have at most 64 characters')
    .regex(/^[A-Za-z0-9_$-]+$/, 'Use letters, digits, _, $ or -'),
  user: z.string().trim().min(1, 'Enter the database user').max(80, 'Use at most 80 characters'),
  auth: z.enum(CONNECTION_AUTH),
  /** AWS region of the RDS instance; IAM tokens are signed for it. */
  awsRegion: z
    .string()
    .trim()
    .regex(/^$|^[a-z]{2}(-[a-z]+)+-\d$/, 'Use a region code such as eu-west-1')
    .optional()
    .transform((v) => (v ? v : undefined)),
  tls: connectionTlsSchema,
  /** An RDS read replica or Aurora reader endpoint: sync and read queries go there, operations to the writer. */
  readerHost: readerHostSchema,
  readerPort: portSchema.optional(),
  poolSize: z.number({ error: 'Enter a number' }).int('Enter a whole number').min(1, 'At least 1 connection').max(50, 'At most 50 connections'),
};

export const connectionProfileSchema = z.object({
  id: z.string(),
  ...profileFields,
  /** Whether a sealed password is stored; the password itself never leaves main/. */
  hasPassword: z.boolean(),
  updatedAt: timestampSchema,
});
export type ConnectionProfile = z.infer<typeof connectionProfileSchema>;

/** What the Settings form submits. Without `id` it creates a profile; with one it replaces it. */
export const connectionDraftSchema = z
  .object({
    id: z.string().min(1).optional(),
    ...profileFields,
    /** Sealed with the SecretStore on save. Empty or absent on edit keeps the saved password. */
    password: z.string().max(2000, 'The password is too long').optional(),
    /** Must be true to save 'insecure-no-verify': turning verification off is never a default. */
    insecureAcknowledged: z.boolean().optional(),
  })
  .superRefine((d, ctx) => {
    if (d.tls.mode === 'verify-custom' && !d.tls.caFile) ctx.addIssue({ code: 'custom', path: ['tls', 'caFile'], message: 'Enter the path of the CA certificate file (PEM)' });
    if (d.tls.mode === 'insecure-no-verify' && d.insecureAcknowledged !== true) {
      ctx.addIssue({ code: 'custom', path: ['insecureAcknowledged'], message: 'Confirm that you accept an unverified server certificate' });
    }
    if (d.auth === 'iam') {
      if (!d.awsRegion) ctx.addIssue({ code: 'custom', path: ['awsRegion'], message: 'IAM authentication needs the AWS region of the database' });
      // The token travels in clear text inside TLS; an unverified server could capture and replay it.
      if (d.tls.mode === 'insecure-no-verify') ctx.addIssue({ code: 'custom', path: ['tls', 'mode'], message: 'IAM authentication needs a verified TLS connection' });
    }
    if (d.readerPort !== undefined && !d.readerHost) ctx.addIssue({ code: 'custom', path: ['readerHost'], message: 'Enter the reader host, or clear the reader port' });
  });
export type ConnectionDraft = z.input<typeof connectionDraftSchema>;

export const connectionTestResultSchema = z.object({
  ok: z.boolean(),
  cause: z.enum(CONNECTION_TEST_CAUSES).optional(),
  /** Which endpoint the result is about when a reader is configured and it is the one that failed. */
  endpoint: z.enum(['writer', 'reader']).optional(),
  /** What happened and what to change, for a person. */
  message: z.string(),
  serverVersion: z.string().optional(),
  tlsVersion: z.string().optional(),
  tlsCipher: z.string().optional(),
  missingPrivileges: z.array(z.string()).optional(),
  /** Not failures: e.g. the account holds replication or SUPER privileges it does not need. */
  warnings: z.array(z.string()).optional(),
  elapsedMs: z.number().int().optional(),
});
export type ConnectionTestResult = z.infer<typeof connectionTestResultSchema>;

export const connectionMethods = {
  'connections.list': method({
    summary: 'Saved MySQL connection profiles (never their passwords) and which one is active.',
    permission: 'settings.manage',
    reads: 'local',
    input: z.object({}),
    output: z.object({ profiles: z.array(connectionProfileSchema), activeId: z.string().nullable() }),
  }),
  'connections.save': method({
    summary: 'Create or replace a connection profile; a given password is sealed with the secret store.',
    permission: 'settings.manage',
    input: connectionDraftSchema,
    output: connectionProfileSchema,
  }),
  'connections.delete': method({
    summary: 'Delete a connection profile and its sealed password. The active profile cannot be deleted.',
    permission: 'settings.manage',
    input: z.object({ id: z.string().min(1) }),
    output: z.object({ ok: z.literal(true) }),
  }),
  'connections.test': method({
    summary: 'Connect with a saved profile (id) or the unsaved form (draft) and say what works and what to fix.',
    permission: 'settings.manage',
    reads: 'local',
    input: z
      .object({ id: z.string().min(1).optional(), draft: connectionDraftSchema.optional() })
      .refine((v) => v.id !== undefined || v.draft !== undefined, { message: 'Give a saved profile id or a draft to test' }),
    output: connectionTestResultSchema,
  }),
  'connections.active': method({
    summary: 'Which source the workstation uses: a connection profile, or the embedded demo bank (null).',
    permission: 'session',
    reads: 'local',
    input: z.object({}),
    output: z.object({ activeId: z.string().nullable(), name: z.string().nullable() }),
  }),
  'connections.activate': method({
    summary: 'Make a profile the source of truth (after a passing test), or go back to the embedded bank with null.',
    permission: 'settings.manage',
    input: z.object({ id: z.string().min(1).nullable() }),
    output: z.object({ activeId: z.string().nullable(), appliesOn: z.enum(['now', 'restart']) }),
  }),
} as const;
