import { sql } from 'kysely';
import type { Bank } from '../../main/source';

/**
 * The demo bank ships an escalated staff referral with its case (the compliance demo's overdue SAR).
 * Tests that count what the scanner or one review flow wrote remove it first, so every alert they
 * see is their own.
 */
export async function withoutSeededReview(bank: Bank): Promise<void> {
  await bank.db.transaction().execute(async (tx) => {
    // Compliance's SAR drafts are not in the bank's typed schema: they hang off the case.
    await sql`delete from case_sar_drafts`.execute(tx);
    await tx.deleteFrom('fraud_cases').execute();
    await tx.deleteFrom('fraud_alert_txns').execute();
    await tx.deleteFrom('fraud_alerts').execute();
  });
}
