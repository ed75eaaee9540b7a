import type { Kysely } from 'kysely';
import type { SqlDialect } from '../dialect';
import { autoId, byAndAt, index } from './columns';

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
    .addColumn('card_id', 'bigint', (c) => c.primaryKey())
    .addColumn('case_id', 'bigint', (c) => c.notNull())
    .addColumn('reason', 'varchar(400)', (c) => c.notNull())
    .$call(byAndAt('blocked'))
    .execute();
  await s
    .createTable('transfer_recalls')
    .addColumn('journal_id', 'bigint', (c) => c.primaryKey())
    .addColumn('reversal_journal_id', 'bigint', (c) => c.notNull())
    .addColumn('case_id', 'bigint', (c) => c.notNull())
    .addColumn('reason', 'varchar(400)', (c) => c.notNull())
    .$call(byAndAt('recalled'))
    .execute();
  await s
    .createTable('customer_contacts')
    .$call(autoId(dialect))
    .addColumn('case_id', 'bigint', (c) => c.notNull())
    .addColumn('customer_id', 'bigint', (c) => c.notNull())
    .addColumn('channel', 'varchar(20)', (c) => c.notNull())
    .addColumn('outcome', 'varchar(40)', (c) => c.notNull())
    .addColumn('spoke_with', 'varchar(160)', (c) => c.notNull())
    .addColumn('contacted_at', 'bigint', (c) => c.notNull())
    .addColumn('summary', 'varchar(2000)', (c) => c.notNull())
    .$call(byAndAt('recorded'))
    .execute();
  await index(s, 'customer_contacts_customer', 'customer_contacts', ['customer_id', 'contacted_at']);
}
