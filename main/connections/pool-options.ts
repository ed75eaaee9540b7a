import { createPool, type Pool, type PoolOptions } from 'mysql2';
import type { ConnectionProfile } from '../../shared/contract';
import { MYSQL_VALUE_OPTIONS } from '../source';
import { ConnectionSetupError } from './classify-error';
import { iamAuthPlugins, type IamTokenProvider } from './iam';
import { tlsOptions } from './tls-options';

/** What a pool needs from a profile (a saved one or the unsaved form being tested). */
export type ConnectionSettings = Pick<ConnectionProfile, 'host' | 'port' | 'database' | 'user' | 'auth' | 'awsRegion' | 'tls' | 'readerHost' | 'readerPort' | 'poolSize'>;

/** How to authenticate: the unsealed password, or IAM tokens minted per connection. */
export type Credential = { kind: 'password'; password: string } | { kind: 'iam'; provider: IamTokenProvider };

/** Operations (and the audit chain) go to the writer; sync and read-only queries may use a reader. */
export type EndpointRole = 'writer' | 'reader';

export const CONNECT_TIMEOUT_MS = 10_000;

export function endpointOf(s: ConnectionSettings, role: EndpointRole): { host: string; port: number } {
  if (role === 'reader' && s.readerHost) return { host: s.readerHost, port: s.readerPort ?? s.port };
  return { host: s.host, port: s.port };
}

/** mysql://user@host:port/db without the password: what openMysqlBank describes in logs and the UI. */
export function describeUrl(s: ConnectionSettings, role: EndpointRole): string {
  const { host, port } = endpointOf(s, role);
  const h = host.includes(':') ? `[${host}]` : host;
  return `mysql://${encodeURIComponent(s.user)}@${h}:${port}/${encodeURIComponent(s.database)}`;
}

export interface PoolOptionsOptions {
  role: EndpointRole;
  connectTimeoutMs?: number;
  /** Reads the custom CA file; tests substitute it. */
  readFile?: (path: string) => string;
}

/**
 * mysql2 options for one endpoint of a profile. TLS is always on and verifying by default; value
 * options are the bank's (MYSQL_VALUE_OPTIONS), so a profile pool reads money like any other.
 */
export function mysqlPoolOptions(s: ConnectionSettings, credential: Credential, opts: PoolOptionsOptions): PoolOptions {
  const { host, port } = endpointOf(s, opts.role);
  const base: PoolOptions = {
    host,
    port,
    user: s.user,
    database: s.database,
    ssl: tlsOptions(s.tls, opts.readFile),
    connectionLimit: s.poolSize,
    // Idle connections are closed after a minute, so after a failover the pool reconnects to
    // whatever the endpoint's DNS name points at now instead of holding sockets to the old primary.
    maxIdle: Math.min(2, s.poolSize),
    idleTimeout: 60_000,
    // Bounded: when the server is gone, callers get an error to show rather than an endless queue.
    queueLimit: 200,
    connectTimeout: opts.connectTimeoutMs ?? CONNECT_TIMEOUT_MS,
    // NAT gateways and load balancers drop silent TCP flows; keepalives keep idle pool sockets usable.
    enableKeepAlive: true,
    keepAliveInitialDelay: 30_000,
    ...MYSQL_VALUE_OPTIONS,
  };
  if (credential.kind !== s.auth) throw new Error(`Profile uses ${s.auth} authentication but a ${credential.kind} credential was given`);
  if (credential.kind === 'password') return { ...base, password: credential.password };
  if (!s.awsRegion) throw new ConnectionSetupError('IAM_TOKEN', 'IAM authentication needs the AWS region of the database.');
  if (s.tls.mode === 'insecure-no-verify') throw new ConnectionSetupError('IAM_TOKEN', 'IAM authentication needs a verified TLS connection.');
  return { ...base, authPlugins: iamAuthPlugins(credential.provider, { hostname: host, port, username: s.user, region: s.awsRegion }) };
}

/** A mysql2 pool for one endpoint (the callback pool Kysely's MysqlDialect expects). */
export function createMysqlPool(s: ConnectionSettings, credential: Credential, opts: PoolOptionsOptions): Pool {
  return createPool(mysqlPoolOptions(s, credential, opts));
}
