import { createHash } from 'node:crypto';
import type { Transaction } from 'kysely';
import { z } from 'zod';
import { EVIDENCE_MAX_BYTES, EVIDENCE_TYPES, evidenceItemSchema, type EVIDENCE_SOURCES, type EvidenceItem, type EvidenceKind } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import { appendAudit } from '../audit';
import { inTransaction } from '../ledger';
import type { Bank, BankDatabase } from '../source';
import { cdb } from './tables';

/**
 * Evidence files on corrective tasks: what a file is comes from its bytes (PDF, PNG, JPEG, XLSX by
 * their signatures; CSV as UTF-8 text without control characters), and the name must say the same.
 */

const startsWith = (b: Buffer, sig: number[]) => b.length >= sig.length && sig.every((x, i) => b[i] === x);

/** The allowed type the content is, or null. */
export function sniffEvidence(b: Buffer): EvidenceKind | null {
  if (startsWith(b, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'pdf'; // %PDF-
  if (startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(b, [0xff, 0xd8, 0xff])) return 'jpg';
  if (startsWith(b, [0x50, 0x4b, 0x03, 0x04])) {
    // An Office Open XML workbook: a zip whose entries include [Content_Types].xml and the xl/ part.
    // (Entry names are stored uncompressed in the local and central headers.)
    const names = b.toString('latin1');
    return names.includes('[Content_Types].xml') && names.includes('xl/workbook.xml') ? 'xlsx' : null;
  }
  if (b.length === 0) return null;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(b);
  } catch {
    return null;
  }
  // Text only: tabs and line breaks, no other control characters (a binary file is not a CSV).
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(text)) return null;
  return 'csv';
}

const EXTENSIONS: Record<string, EvidenceKind> = { pdf: 'pdf', csv: 'csv', xlsx: 'xlsx', png: 'png', jpg: 'jpg', jpeg: 'jpg' };

/** A plain file name: no folders, no control or reserved characters, no leading dots, at most 120 characters, its extension kept. */
export function sanitizeFilename(raw: string, kind: EvidenceKind): string {
  const base = raw.split(/[\\/]/).pop() ?? '';
  const cleaned = base
    .normalize('NFC')
    .replace(/[\u0000-\u001f\u007f<>:"|?*\u202a-\u202e\u2066-\u2069]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[.\s]+/, '');
  const dot = cleaned.lastIndexOf('.');
  const stem = (dot > 0 ? cleaned.slice(0, dot) : cleaned).replace(/[.\s]+$/, '').slice(0, 110) || 'evidence';
  const ext = dot > 0 ? cleaned.slice(dot + 1).toLowerCase() : kind;
  return `${stem}.${ext === 'jpeg' && kind === 'jpg' ? 'jpeg' : kind}`;
}

export interface CheckedEvidence {
  kind: EvidenceKind;
  mediaType: string;
  filename: string;
  content: Buffer;
  bytes: number;
  sha256: string;
}

/** Decodes and checks one file: size, an allowed type by content, a name whose extension says that type. */
export function checkEvidence(filename: string, contentBase64: string): CheckedEvidence {
  const content = Buffer.from(contentBase64, 'base64');
  if (content.length === 0) throw new AppError('VALIDATION', 'The file is empty.');
  if (content.length > EVIDENCE_MAX_BYTES) throw new AppError('VALIDATION', `The file is larger than ${EVIDENCE_MAX_BYTES / 1024 / 1024} MB.`);
  const kind = sniffEvidence(content);
  if (!kind) throw new AppError('VALIDATION', 'Only PDF, CSV, XLSX, PNG and JPEG files can be attached, and this file’s content is none of them.');
  const dot = filename.lastIndexOf('.');
  const ext =
    dot > 0
      ? filename
          .slice(dot + 1)
          .trim()
          .toLowerCase()
      : '';
  if (EXTENSIONS[ext] !== kind) throw new AppError('VALIDATION', `The file is named “.${ext || '(none)'}” but its content is ${kind.toUpperCase()}.`);
  return {
    kind,
    mediaType: EVIDENCE_TYPES[kind],
    filename: sanitizeFilename(filename, kind),
    content,
    bytes: content.length,
    sha256: createHash('sha256').update(content).digest('hex'),
  };
}

/** The task's evidence column as listed (rows written before schema v17 lack id, type and source). */
export const evidenceList = z.array(evidenceItemSchema);

/**
 * Stores one evidence file on the bank (inside the caller's transaction): the bytes in
 * compliance_task_evidence, the listing on the task, the audit entry. The command id applies it once.
 * A file that fails the checks when its outbox entry replays is refused then, like any invalid change.
 */
export async function attachEvidence(
  trx: Transaction<BankDatabase>,
  bank: Bank,
  commandId: string,
  input: { taskId: number; filename: string; source: (typeof EVIDENCE_SOURCES)[number]; contentBase64: string },
  actor: string,
  now: number,
): Promise<{ message: string; taskId: number; duplicate: boolean }> {
  const file = checkEvidence(input.filename, input.contentBase64);
  const db = cdb(trx);
  const q = db.selectFrom('compliance_tasks').select(['id', 'evidence']).where('id', '=', input.taskId);
  const task = await (bank.dialect === 'mysql' ? q.forUpdate() : q).executeTakeFirst();
  if (!task) throw new AppError('NOT_FOUND', `There is no task ${input.taskId}.`);
  const res = await db
    .insertInto('compliance_task_evidence')
    .values({
      task_id: input.taskId,
      filename: file.filename,
      media_type: file.mediaType,
      source: input.source,
      bytes: file.bytes,
      sha256: file.sha256,
      content: file.content,
      command_id: commandId,
      attached_by: actor,
      attached_at: now,
    })
    .executeTakeFirst();
  const evidenceId = Number(res.insertId);
  const item: EvidenceItem = {
    id: evidenceId,
    filename: file.filename,
    mediaType: file.mediaType,
    source: input.source,
    bytes: file.bytes,
    sha256: file.sha256,
    attachedBy: actor,
    at: now,
  };
  const list = evidenceList.parse(JSON.parse(task.evidence));
  await db
    .updateTable('compliance_tasks')
    .set({ evidence: JSON.stringify([...list, item]), updated_at: now })
    .where('id', '=', input.taskId)
    .execute();
  await appendAudit(
    trx,
    bank.dialect,
    {
      actor,
      action: 'compliance.task_evidence_attached',
      entity: 'compliance_task',
      entityId: input.taskId,
      details: { evidenceId, filename: file.filename, mediaType: file.mediaType, source: input.source, bytes: file.bytes, sha256: file.sha256 },
    },
    now,
  );
  return { message: `Evidence ${file.filename} (${file.bytes.toLocaleString('en')} bytes) attached to task ${input.taskId}.`, taskId: input.taskId, duplicate: false };
}

/** One stored file, its download audited. */
export async function downloadEvidence(
  bank: Bank,
  taskId: number,
  evidenceId: number,
  actor: string,
  now: number,
): Promise<{ filename: string; mimeType: string; base64: string }> {
  return inTransaction(bank, async (trx) => {
    const row = await cdb(trx)
      .selectFrom('compliance_task_evidence')
      .select(['filename', 'media_type', 'content', 'sha256', 'bytes'])
      .where('id', '=', evidenceId)
      .where('task_id', '=', taskId)
      .executeTakeFirst();
    if (!row) throw new AppError('NOT_FOUND', `Task ${taskId} has no evidence ${evidenceId}.`);
    await appendAudit(
      trx,
      bank.dialect,
      { actor, action: 'compliance.task_evidence_downloaded', entity: 'compliance_task', entityId: taskId, details: { evidenceId, filename: row.filename, sha256: row.sha256 } },
      now,
    );
    return { filename: row.filename, mimeType: row.media_type, base64: Buffer.from(row.content).toString('base64') };
  });
}
