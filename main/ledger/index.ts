export { isDuplicateKey, isRetryable } from './db-errors';
export { inTransaction, type RetryOptions } from './retry';
export { checkLegs, lockAccounts, newReference, readAccounts, writeJournal, type JournalPosting, type LockedAccount, type Posted } from './post';
