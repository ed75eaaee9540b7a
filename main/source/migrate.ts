import { Migrator, type Kysely, type Migration, type MigrationResultSet } from 'kysely';
import type { SqlDialect } from './dialect';
import * as m001 from './migrations/001_bank_schema';
import * as m002 from './migrations/002_sync_support';
import * as m003 from './migrations/003_banking';
import * as m004 from './migrations/004_customer_search';
import * as m005 from './migrations/005_audit_queue';
import * as m006 from './migrations/006_fraud_review';
import * as m007 from './migrations/007_freeze_and_step_up';
import * as m008 from './migrations/008_compliance';
import * as m010 from './migrations/010_idempotency_and_kyc_keys';
import * as m012 from './migrations/012_customer_name_text_search';
import * as m013 from './migrations/013_review_cases';
import * as m014 from './migrations/014_protective_actions';
import * as m015 from './migrations/015_fraud_rule_approval';
import * as m017 from './migrations/017_task_evidence';

type Step = { up(db: Kysely<unknown>, dialect: SqlDialect): Promise<void> };

/** Numbered, applied in order, recorded by Kysely in `kysely_migration` on both engines. */
const STEPS: Record<string, Step> = {
  '001_bank_schema': m001,
  '002_sync_support': m002,
  '003_banking': m003,
  '004_customer_search': m004,
  '005_audit_queue': m005,
  '006_fraud_review': m006,
  '007_freeze_and_step_up': m007,
  '008_compliance': m008,
  '010_idempotency_and_kyc_keys': m010,
  '012_customer_name_text_search': m012,
  '013_review_cases': m013,
  '014_protective_actions': m014,
  '015_fraud_rule_approval': m015,
  '017_task_evidence': m017,
};

/** Every migration's name, in the order they apply. */
export const MIGRATIONS: readonly string[] = Object.keys(STEPS).sort();
export const LATEST_MIGRATION = MIGRATIONS.at(-1) ?? '';

/** Up to and including `target` only: how tests build a bank as an older version left it, to check an upgrade. */
export async function migrateTo<DB>(db: Kysely<DB>, dialect: SqlDialect, target: string): Promise<string[]> {
  if (!(target in STEPS)) throw new Error(`There is no migration ${target}`);
  return migrate(db, dialect, (m) => m.migrateTo(target));
}

export async function migrateToLatest<DB>(db: Kysely<DB>, dialect: SqlDialect): Promise<string[]> {
  return migrate(db, dialect, (m) => m.migrateToLatest());
}

async function migrate<DB>(db: Kysely<DB>, dialect: SqlDialect, run: (m: Migrator) => Promise<MigrationResultSet>): Promise<string[]> {
  const migrations: Record<string, Migration> = {};
  for (const [name, step] of Object.entries(STEPS)) {
    migrations[name] = { up: (d) => step.up(d as Kysely<unknown>, dialect) };
  }
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const res = await run(migrator);
  if (res.error) {
    const failed = res.results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`Migration ${failed} failed: ${res.error instanceof Error ? res.error.message : String(res.error)}`);
  }
  return (res.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
