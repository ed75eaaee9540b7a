import { join } from 'node:path';
import { startPrivateMariaDb, type PrivateMariaDb } from '../../support/private-mariadb';
import { TcpProxy } from '../../support/tcp-proxy';
import { runCli, type CliResult } from './cli';

/** The demo bank the scenario's MySQL server holds: deterministic for a seed (and the day it ends). */
export const BANK_SIZE = { customers: 1500, months: 12, seed: 3 } as const;

/**
 * A bank on its own TLS MariaDB, reached through a TCP proxy the test can cut ("the network goes
 * away") and restore. The workstation connects to the proxy as `user`, who must use TLS; the server
 * certificate names localhost, so that is the host a profile gives.
 */
export interface PrivateBank {
  /** A name the server certificate covers (its SANs: localhost, 127.0.0.1). */
  readonly host: 'localhost';
  /** The proxy's port: what a connection profile gives. */
  readonly port: number;
  readonly database: string;
  readonly user: string;
  readonly password: string;
  /** The CA that signed the server certificate. */
  readonly caFile: string;
  readonly proxy: TcpProxy;
  /** Resolves when the demo bank is in the database; started at once, in the background. */
  readonly filled: Promise<CliResult>;
  /** Rows in a bank table, counted as root straight on the server (not through the proxy). */
  count(table: 'customers' | 'journal'): Promise<number>;
  stop(): Promise<void>;
}

const DATABASE = 'bank';
const USER = 'cb_workstation';
const PASSWORD = 'workstation pass 7';

/**
 * Starts the server and the proxy, creates the workstation's account with only what it needs, and
 * starts generating the demo bank into it (as root over the unix socket: the account itself accepts
 * TLS connections only, and the CLI's --mysql URL carries no TLS settings).
 */
export async function startPrivateBank(): Promise<PrivateBank> {
  const server: PrivateMariaDb = await startPrivateMariaDb();
  let proxy: TcpProxy | null = null;
  try {
    const root = await server.root();
    try {
      await root.query(`
        CREATE DATABASE ${DATABASE} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
        CREATE USER '${USER}'@'127.0.0.1' IDENTIFIED BY '${PASSWORD}' REQUIRE SSL;
        GRANT SELECT, INSERT, UPDATE, DELETE, CREATE, ALTER, INDEX, TRIGGER ON ${DATABASE}.* TO '${USER}'@'127.0.0.1';
        -- A throwaway server: durability buys nothing here, and the bulk load takes half the time without it.
        SET GLOBAL innodb_flush_log_at_trx_commit = 0;
        SET GLOBAL innodb_buffer_pool_size = 268435456;
      `);
    } finally {
      await root.end();
    }
    proxy = new TcpProxy(server.host, server.port);
    await proxy.up();
    const socketUrl = `mysql://root@localhost/${DATABASE}?socketPath=${encodeURIComponent(join(server.dir, 'mysqld.sock'))}`;
    const filled = runCli(['demo', '--customers', String(BANK_SIZE.customers), '--months', String(BANK_SIZE.months), '--seed', String(BANK_SIZE.seed), '--mysql', socketUrl]);
    // Awaited by the test; never an unhandled rejection if the test fails before it gets there.
    filled.catch(() => undefined);
    const p = proxy;
    return {
      host: 'localhost',
      port: p.port,
      database: DATABASE,
      user: USER,
      password: PASSWORD,
      caFile: server.caFile,
      proxy: p,
      filled,
      async count(table) {
        const c = await server.root();
        try {
          const [rows] = await c.query(`SELECT COUNT(*) AS n FROM ${DATABASE}.${table}`);
          const n: unknown = Array.isArray(rows) ? (rows[0] as { n?: unknown } | undefined)?.n : undefined;
          if (typeof n !== 'number') throw new Error(`No count for ${table}: ${JSON.stringify(rows)}`);
          return n;
        } finally {
          await c.end();
        }
      },
      async stop() {
        await p.down();
        // A generator still writing when the test failed early stops with the server.
        await server.stop();
        await filled.catch(() => undefined);
      },
    };
  } catch (e) {
    await proxy?.down();
    await server.stop();
    throw e;
  }
}
