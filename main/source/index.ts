export type { SqlDialect } from './dialect';
export type { Bank } from './open';
export { openMysqlBank, openSqliteBank } from './open';
export { LATEST_MIGRATION, migrateToLatest } from './migrate';
export type * from './schema';
