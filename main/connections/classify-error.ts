import { isIP } from 'node:net';
import type { ConnectionAuth, ConnectionTestCause, TlsMode } from '../../shared/contract';
import { TLS_MODE_LABELS } from '../../shared/contract';

/** What a failed connection attempt was about, for the person who has to fix it. */
export interface ClassifiedError {
  cause: ConnectionTestCause;
  message: string;
}

/** The endpoint and settings the attempt used: messages name them so the fix is obvious. */
export interface AttemptContext {
  host: string;
  port: number;
  database: string;
  user: string;
  auth: ConnectionAuth;
  tlsMode: TlsMode;
  caFile?: string | undefined;
  timeoutMs: number;
}

/** What an error message may name about one attempt on a profile's endpoint (never its secret). */
export function attemptContext(
  s: { host: string; port: number; database: string; user: string; auth: ConnectionAuth; tls: { mode: TlsMode; caFile?: string | undefined } },
  timeoutMs: number,
): AttemptContext {
  return { host: s.host, port: s.port, database: s.database, user: s.user, auth: s.auth, tlsMode: s.tls.mode, caFile: s.tls.caFile, timeoutMs };
}

/** Errors this capability raises itself before or around mysql2, with a mysql2-style code. */
export class ConnectionSetupError extends Error {
  readonly code: 'CA_FILE' | 'IAM_TOKEN' | 'IAM_UNAVAILABLE' | 'TEST_TIMEOUT' | 'PASSWORD_MISSING' | 'PASSWORD_UNSEALABLE';
  constructor(code: ConnectionSetupError['code'], message: string) {
    super(message);
    this.name = 'ConnectionSetupError';
    this.code = code;
  }
}

interface ErrorFacts {
  code: string;
  errno: number | null;
  message: string;
}

function factsOf(e: unknown): ErrorFacts {
  if (typeof e !== 'object' || e === null) return { code: '', errno: null, message: String(e) };
  const r = e as { code?: unknown; errno?: unknown; message?: unknown };
  return { code: typeof r.code === 'string' ? r.code : '', errno: typeof r.errno === 'number' ? r.errno : null, message: typeof r.message === 'string' ? r.message : String(e) };
}

// Node's TLS layer reports certificate problems with these codes; mysql2 rewrites most to HANDSHAKE_SSL_ERROR.
const TLS_CODES = /^(HANDSHAKE_SSL_ERROR|HANDSHAKE_NO_SSL_SUPPORT|ERR_SSL_|ERR_TLS_|CERT_|UNABLE_TO_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|EPROTO$)/;
const TLS_WORDS = /self[- ]signed certificate|unable to verify|unable to get (local )?issuer|certificate|ssl|tls|altnames/i;

function tlsMessage(f: ErrorFacts, ctx: AttemptContext): string {
  const endpoint = `${ctx.host}:${ctx.port}`;
  if (f.code === 'HANDSHAKE_NO_SSL_SUPPORT') {
    return `The server at ${endpoint} does not offer TLS. Turn TLS on at the server (ssl_cert and ssl_key); the workstation never sends credentials over an unencrypted connection.`;
  }
  if (/altnames|does not match certificate|hostname\/ip/i.test(f.message)) {
    // Node matches a connection made to an IP address against "localhost", so an IP can never verify.
    if (isIP(ctx.host))
      return `The server's certificate cannot be matched to an IP address (${ctx.host}). Enter the host name the certificate is issued for (for RDS, the instance or cluster endpoint). Detail: ${f.message}`;
    return `The server's certificate is not issued for "${ctx.host}". Connect with a host name the certificate names (for RDS, the instance or cluster endpoint, not an IP address or your own DNS alias). Detail: ${f.message}`;
  }
  if (/expired/i.test(f.message))
    return `The server's certificate has expired; renew it on the server (for RDS, rotate the instance's certificate authority). Detail: ${f.message}`;
  if (/not yet valid/i.test(f.message)) return `The server's certificate is not valid yet: check this computer's clock. Detail: ${f.message}`;
  if (/self[- ]signed|unable to verify|unable to get (local )?issuer|certificate signature failure/i.test(f.message)) {
    const chosen = ctx.tlsMode === 'verify-custom' ? `your CA file (${ctx.caFile ?? 'none given'})` : 'the Amazon RDS CA bundle';
    const hint =
      ctx.tlsMode === 'verify-custom'
        ? 'Choose the CA certificate that signed this server’s certificate, or “Verify with the Amazon RDS CA” if this is an RDS database.'
        : 'If this is not an Amazon RDS database, choose “Verify with my CA file” and give the CA that signed its certificate.';
    return `The server's certificate was not issued by ${chosen}, so it cannot be trusted. ${hint} Detail: ${f.message}`;
  }
  if (/wrong version number|packet length too long|unknown protocol/i.test(f.message)) {
    return `The TLS handshake with ${endpoint} failed: the port may not be a MySQL server. Detail: ${f.message}`;
  }
  return `The TLS handshake with ${endpoint} failed (${TLS_MODE_LABELS[ctx.tlsMode]}). Detail: ${f.message}`;
}

/** Maps whatever mysql2, Node or this capability threw while connecting to a cause and a fix. */
export function classifyConnectionError(e: unknown, ctx: AttemptContext): ClassifiedError {
  const f = factsOf(e);
  const endpoint = `${ctx.host}:${ctx.port}`;
  const seconds = Math.round(ctx.timeoutMs / 100) / 10;
  switch (f.code) {
    case 'CA_FILE':
      return { cause: 'tls', message: f.message };
    case 'IAM_UNAVAILABLE':
    case 'IAM_TOKEN':
      return { cause: 'other', message: f.message };
    case 'PASSWORD_MISSING':
    case 'PASSWORD_UNSEALABLE':
      return { cause: 'wrong_password', message: f.message };
    case 'ER_ACCESS_DENIED_ERROR':
    case 'ER_ACCESS_DENIED_NO_PASSWORD_ERROR':
      return {
        cause: 'wrong_password',
        message:
          ctx.auth === 'iam'
            ? `The server refused the IAM token for user "${ctx.user}". Check that the user is created WITH AWSAuthenticationPlugin, that your IAM policy allows rds-db:connect for it, and the region. Server said: ${f.message}`
            : `The server refused user "${ctx.user}" with this password. Check the password, and that the user exists for connections from this computer. Server said: ${f.message}`,
      };
    case 'ER_MUST_CHANGE_PASSWORD_LOGIN':
      return { cause: 'wrong_password', message: `The password of "${ctx.user}" has expired. Set a new one on the server, then enter it here.` };
    case 'ER_ACCOUNT_HAS_BEEN_LOCKED':
      return { cause: 'wrong_password', message: `The account "${ctx.user}" is locked on the server. Ask the database administrator to unlock it.` };
    case 'ER_DBACCESS_DENIED_ERROR':
      // MySQL answers this also for a database that does not exist, so as not to reveal which exist.
      return {
        cause: 'privileges',
        message: `User "${ctx.user}" may not use database "${ctx.database}" (or it does not exist: the server does not tell this user which). Check the name, then grant the user SELECT on \`${ctx.database}\`.*. Server said: ${f.message}`,
      };
    case 'ER_HOST_NOT_PRIVILEGED':
      return {
        cause: 'privileges',
        message: `The server does not accept "${ctx.user}" from this computer's address. Create the user for this host (or '%'). Server said: ${f.message}`,
      };
    case 'ER_TABLEACCESS_DENIED_ERROR':
    case 'ER_COLUMNACCESS_DENIED_ERROR':
    case 'ER_SPECIFIC_ACCESS_DENIED_ERROR':
      return { cause: 'privileges', message: `User "${ctx.user}" lacks a privilege the workstation needs. Server said: ${f.message}` };
    case 'ER_BAD_DB_ERROR':
      return { cause: 'unknown_database', message: `The server has no database "${ctx.database}". Check the name (it is case-sensitive on Linux servers) or create it.` };
    case 'ECONNREFUSED':
      return {
        cause: 'unreachable',
        message: `Nothing accepts connections at ${endpoint}. Check the host and port, that the server is running, and that its firewall or security group admits this computer.`,
      };
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return { cause: 'unreachable', message: `The host name "${ctx.host}" does not resolve. Check its spelling, and your VPN or DNS if it is a private endpoint.` };
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'EADDRNOTAVAIL':
      return { cause: 'unreachable', message: `There is no network route to ${endpoint}. Check your network or VPN connection.` };
    case 'ETIMEDOUT':
    case 'PROTOCOL_SEQUENCE_TIMEOUT':
    case 'TEST_TIMEOUT':
      return {
        cause: 'timeout',
        message: `No answer from ${endpoint} within ${seconds} s. A firewall or security group is probably dropping the connection silently, or a VPN is not connected.`,
      };
    case 'ER_CON_COUNT_ERROR':
    case 'ER_TOO_MANY_USER_CONNECTIONS':
      return { cause: 'other', message: `The server has no free connections right now (${f.message}). Lower the pool size here or raise max_connections on the server.` };
    case 'ER_HOST_IS_BLOCKED':
      return {
        cause: 'other',
        message: `The server blocked this computer after too many failed connections. An administrator must run FLUSH HOSTS (or raise max_connect_errors). Server said: ${f.message}`,
      };
  }
  // MariaDB's own "account is locked" has no MySQL name in mysql2's table.
  if (f.errno === 4151) return { cause: 'wrong_password', message: `The account "${ctx.user}" is locked on the server. Ask the database administrator to unlock it.` };
  if (TLS_CODES.test(f.code) || (f.code === '' && TLS_WORDS.test(f.message))) return { cause: 'tls', message: tlsMessage(f, ctx) };
  if (f.code === 'ECONNRESET' || f.code === 'PROTOCOL_CONNECTION_LOST') {
    return { cause: 'other', message: `The server at ${endpoint} closed the connection during the handshake. It may be overloaded, or not a MySQL server. Detail: ${f.message}` };
  }
  return { cause: 'other', message: `Could not connect to ${endpoint}: ${f.message}` };
}
