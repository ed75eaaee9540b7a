import type { Kysely } from 'kysely';
import type { SqlDialect } from '../dialect';
import { autoId, byAndAt, index, columns } from './columns';

/**
 * Schema v14 (issue 16): protective actions beyond a freeze, each taken within a review case.
 * - `card_blocks`: why, by whom and in which case a card was blocked (the card's own status says
 *   'blocked'; a card is blocked once — a replacement is a new card).
 * - `transfer_recalls`: an outgoing transfer stopped before settlement. The primary key on the
 *   recalled journal makes a second recall — even one racing the first on another connection —
 *   fail instead of reversing the money twice. The reversal is an ordinary posted journal.
 * - `customer_contacts`: a call or branch visit with the customer: when it took place, who spoke
 *   with whom, the outcome and what was said.
 */
export async function up(db: Kysely<unknown>, dialect: SqlDialect): Promise<void> {
  const s = db.schema;
  await s
    .createTable('card_blocks')
    .$call(columns({ card_id: 'bigint pk', case_id: 'bigint', reason: 'varchar(400)' }))
    .$call(byAndAt('blocked'))
    .execute();
  await s
    .createTable('transfer_recalls')
    .$call(columns({ journal_id: 'bigint pk', reversal_journal_id: 'bigint', case_id: 'bigint', reason: 'varchar(400)' }))
    .$call(byAndAt('recalled'))
    .execute();
  await s
    .createTable('customer_contacts')
    .$call(autoId(dialect))
    .$call(columns({ case_id: 'bigint', customer_id: 'bigint', channel: 'varchar(20)', outcome: 'varchar(40)' }))
    .$call(columns({ spoke_with: 'varchar(160)', contacted_at: 'bigint', summary: 'varchar(2000)' }))
    .$call(byAndAt('recorded'))
    .execute();
  await index(s, 'customer_contacts_customer', 'customer_contacts', ['customer_id', 'contacted_at']);
}
