import type { Transaction } from 'kysely';
import type { BankDatabase } from '../source';

/** An analyst's decision that closes alerts: confirmed as fraud, dismissed (with its reason) or escalated to compliance. */
export type Decision = { status: 'confirmed' | 'escalated' } | { status: 'dismissed'; reason: string };

/** Records the decision on the alerts: who decided, when, and with what comment. */
export async function decideAlerts(trx: Transaction<BankDatabase>, ids: number[], decision: Decision, actor: string, comment: string, now: number): Promise<void> {
  await trx
    .updateTable('fraud_alerts')
    .set({
      status: decision.status,
      disposed_by: actor,
      disposed_at: now,
      dismiss_reason: decision.status === 'dismissed' ? decision.reason : null,
      disposition_comment: comment,
      updated_at: now,
    })
    .where('id', 'in', ids)
    .execute();
}
