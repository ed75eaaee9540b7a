/**
 * Importers: other banks' data into the bank schema, all or nothing, with exact money and a
 * balanced double-entry ledger. `cloudbank import …` (main/cli/import.ts) wraps these.
 */
export { importBerka, type BerkaImportOptions } from './berka/import';
export { importTransactionsCsv, type CsvImportOptions } from './csv/import';
export { CSV_COLUMNS, TRANSACTION_TYPES } from './csv/row-schema';
export { formatBadRow, ImportRejected, MAX_BAD_ROWS, type BadRow } from './bad-rows';
export type { ImportProgress, ProgressListener } from './progress';
export type { ImportSummary } from './summary';
