import type { Transaction } from 'kysely';
import type { Bank, BankDatabase } from '../source';
import { entryHash, type AuditFields } from './chain';
import { eventFields, type AuditEvent } from './log';

/**
 * For writers that commit hundreds of times a second (money operations): the entry is written in
 * the caller's transaction — so it exists exactly when the change does — but without locking the
 * chain's head. `sealAudit` links queued entries into the hash chain in one short transaction.
 */
export async function queueAudit(trx: Transaction<BankDatabase>, event: AuditEvent, now = Date.now()): Promise<void> {
  await trx.insertInto('audit_pending').values(eventFields(event, now)).execute();
}

/**
 * Moves queued entries into the chain, oldest first, and deletes them from the queue in the same
 * transaction. Sealers on several workstations serialize on the head row; an entry is sealed once.
 * Returns how many entries it sealed.
 */
export async function sealAudit(bank: Bank, batch = 2000): Promise<number> {
  let sealed = 0;
  for (;;) {
    // READ COMMITTED: the locking read below then locks only the queued rows it found, not the gap
    // after them — under REPEATABLE READ that gap lock would stall every posting's insert until we commit.
    const tx = bank.dialect === 'mysql' ? bank.db.transaction().setIsolationLevel('read committed') : bank.db.transaction();
    const n = await tx.execute(async (trx) => {
      const headQuery = trx.selectFrom('audit_head').select(['last_seq', 'last_hash']).where('id', '=', 1);
      const head = await (bank.dialect === 'mysql' ? headQuery.forUpdate() : headQuery).executeTakeFirstOrThrow();
      // A locking read sees the latest committed queue, whatever snapshot the transaction started with.
      const pendingQuery = trx.selectFrom('audit_pending').selectAll().orderBy('id').limit(batch);
      const pending = await (bank.dialect === 'mysql' ? pendingQuery.forUpdate() : pendingQuery).execute();
      if (pending.length === 0) return 0;
      let seq = Number(head.last_seq);
      let prev = head.last_hash;
      const rows = pending.map((p) => {
        seq += 1;
        const fields: AuditFields = { seq, at: Number(p.at), actor: p.actor, action: p.action, entity: p.entity, entity_id: p.entity_id, details: p.details };
        const hash = entryHash(prev, fields);
        const row = { ...fields, prev_hash: prev, hash };
        prev = hash;
        return row;
      });
      for (let i = 0; i < rows.length; i += 500)
        await trx
          .insertInto('audit_log')
          .values(rows.slice(i, i + 500))
          .execute();
      await trx
        .deleteFrom('audit_pending')
        .where(
          'id',
          'in',
          pending.map((p) => Number(p.id)),
        )
        .execute();
      await trx.updateTable('audit_head').set({ last_seq: seq, last_hash: prev }).where('id', '=', 1).execute();
      return pending.length;
    });
    sealed += n;
    if (n < batch) return sealed;
  }
}
