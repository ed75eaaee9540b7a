import { z } from 'zod';
import { exportFileSchema } from './metrics';
import { method } from './define';

/**
 * Evidence on a corrective task (issue 10): the drill-down rows the app exported (CSV) or a file the
 * officer picked. Types allowed: PDF, CSV, XLSX, PNG, JPEG — recognised from the content, not the
 * name; the name is cleaned; at most EVIDENCE_MAX_BYTES. Attaching works offline (the file travels in
 * the task's outbox entry and reaches the bank on reconnect); every attachment and download is audited.
 */
export const EVIDENCE_MAX_BYTES = 5 * 1024 * 1024;
export const EVIDENCE_TYPES = {
  pdf: 'application/pdf',
  csv: 'text/csv',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  png: 'image/png',
  jpg: 'image/jpeg',
} as const;
export type EvidenceKind = keyof typeof EVIDENCE_TYPES;
export const EVIDENCE_SOURCES = ['export', 'file'] as const;

const id = z.number().int().positive();
const idempotencyKey = z.string().min(16).max(80);
/** Base64 of at most EVIDENCE_MAX_BYTES bytes. */
const base64 = z
  .string()
  .max(Math.ceil(EVIDENCE_MAX_BYTES / 3) * 4, `The file is larger than ${EVIDENCE_MAX_BYTES / 1024 / 1024} MB`)
  .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'Not a base64 file');

/** One attached file as listed on the task. `id` is null while it waits in this workstation's outbox. */
export const evidenceItemSchema = z.object({
  id: z.number().int().nullable().default(null),
  filename: z.string(),
  mediaType: z.string().default('application/octet-stream'),
  source: z.enum(EVIDENCE_SOURCES).default('file'),
  bytes: z.number().int(),
  sha256: z.string(),
  attachedBy: z.string(),
  at: z.number().int(),
});
export type EvidenceItem = z.infer<typeof evidenceItemSchema>;

export const taskEvidenceMethods = {
  'compliance.tasks.evidence.attach': method({
    summary:
      'Attach evidence to a corrective task: exported drill-down rows (CSV) or a PDF, CSV, XLSX, PNG or JPEG file (type checked from its content, name cleaned, 5 MB at most). Queued in the outbox while offline.',
    permission: 'compliance.act',
    input: z.object({ taskId: id, filename: z.string().trim().min(1, 'Name the file').max(255), source: z.enum(EVIDENCE_SOURCES), contentBase64: base64, idempotencyKey }),
    output: z.object({ status: z.enum(['applied', 'queued']), outboxId: z.number().int().nullable(), message: z.string(), taskId: z.number().int().nullable() }),
  }),
  'compliance.tasks.evidence.download': method({
    summary: 'One attached evidence file of a task, as stored on the bank (the download is audited).',
    permission: 'compliance.view',
    requiresBank: true,
    input: z.object({ taskId: id, evidenceId: id }),
    output: exportFileSchema,
  }),
} as const;
