export { ACCOUNT_PREFIXES, internalAccountRow, issuedAccountNumber, OWN_BANK_CODE, spreadAccountNumber } from './account-numbers';
export { BulkWriter, type BulkWriterOptions } from './bulk-writer';
export { isDuplicateKey, isRetryable } from './db-errors';
export { lockAccounts, newReference, readAccounts, writeJournal, type LockedAccount, type Posted } from './post';
export { checkPosting, postingProblem, type Channel, type JournalStatus, type JournalType, type Leg, type Posting } from './posting';
export { PostingBook, writeInto, type JournalRowTarget } from './posting-book';
export { inTransaction, type RetryOptions } from './retry';
export { checkLedger, type LedgerReport } from './verify';
export { COLUMNS, WRITE_TABLES, type SqlValue, type WriteRow, type WriteTable } from './write-tables';
