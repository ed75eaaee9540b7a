import { createHash } from 'node:crypto';
import type { AuditLogTable } from '../source';

export const GENESIS_HASH = '0'.repeat(64);

/** What the hash covers: the entry and its place in the chain. */
export type AuditFields = Omit<AuditLogTable, 'prev_hash' | 'hash'>;

/** Each entry's hash covers its own fields and the previous hash, so editing or removing any row breaks every later link. */
export function entryHash(prevHash: string, f: AuditFields): string {
  const canonical = JSON.stringify([f.seq, f.at, f.actor, f.action, f.entity, f.entity_id, f.details]);
  return createHash('sha256').update(prevHash).update('\n').update(canonical).digest('hex');
}
