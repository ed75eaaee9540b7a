/** The two engines the bank runs on: RDS MySQL/MariaDB in production, embedded SQLite for the demo bank. */
export type SqlDialect = 'mysql' | 'sqlite';
