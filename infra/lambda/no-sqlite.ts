/**
 * Stands in for better-sqlite3-multiple-ciphers in the Lambda bundles. The workers read the bank
 * over MySQL only; the embedded bank and the workstation cache are desktop features whose native
 * module is neither built for Lambda nor shipped there. Constructing it says so instead of failing
 * to load a .node file at cold start.
 */
export default class NoSqliteInLambda {
  constructor() {
    throw new Error('SQLite is not available in the AWS workers: they read the bank over MySQL (CLOUDBANK_DB_HOST).');
  }
}
