import { createHash } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditFields {
  seq: number;
  at: number;
  actor: string;
  action: string;
  entity: string;
  entity_id: string | null;
  details: string;
}

/** Each entry's hash covers its own fields and the previous hash, so editing or removing any row breaks every later link. */
export function entryHash(prevHash: string, f: AuditFields): string {
  const canonical = JSON.stringify([f.seq, f.at, f.actor, f.action, f.entity, f.entity_id, f.details]);
  return createHash('sha256').update(prevHash).update('\n').update(canonical).digest('hex');
}
