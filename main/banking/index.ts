export { bankingHandlers, type BankingDeps } from './handlers';
export { InternalRoutes } from './internal-routes';
export { previewOperation, submitOperation } from './operations';
export { accountDetail, openAccount, setAccountStatus, closeAccount } from './accounts';
export { statementFor } from './statements';
export { asSeenByPayee } from './incoming-transfers';
export { statementCsv } from './statement-csv';
export { statementPdf } from './statement-pdf';
export { findTransactions } from './find-transactions';
