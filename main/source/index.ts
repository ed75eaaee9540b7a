export type { SqlDialect } from './dialect';
export type { Bank } from './open';
export { MYSQL_VALUE_OPTIONS, openMysqlBank, openSqliteBank } from './open';
export { LATEST_MIGRATION, MIGRATIONS, migrateToLatest } from './migrate';
export type * from './schema';
export { MUTABLE_TABLES } from './migrations/002_sync_support';
export { BankKeyError } from './open';
export { applyDatabaseKey, isPlaintextSqlite } from './cipher';
export { embeddedBankKey, encryptPlaintextBank, sqliteFiles, type EmbeddedBankFiles } from './embedded-bank';
