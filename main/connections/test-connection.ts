import { connect } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { createConnection, type Connection } from 'mysql2/promise';
import type { ConnectionTestResult } from '../../shared/contract';
import { attemptContext, classifyConnectionError, type AttemptContext } from './classify-error';
import { CONNECT_TIMEOUT_MS, endpointOf, mysqlPoolOptions, type ConnectionSettings, type Credential, type EndpointRole } from './pool-options';
import { checkPrivileges, type RunSql } from './privileges';
import { firstGreeting, linkLocalMessage, noLocalServerMessage, pinnedLookup, resolveTarget } from './target-guard';

export interface TestOptions {
  connectTimeoutMs?: number;
  /** Each statement after connecting; a server that accepts but never answers is a timeout too. */
  queryTimeoutMs?: number;
  readFile?: (path: string) => string;
}

function grantHint(s: ConnectionSettings, missing: string[]): string {
  const reads = missing.some((m) => m.startsWith('SELECT')) ? `GRANT SELECT ON \`${s.database}\`.* TO '${s.user}'@'%'` : null;
  const writes = missing.filter((m) => !m.startsWith('SELECT') && !m.includes('read-only'));
  const writeHint = writes.length ? `GRANT ${[...new Set(writes.map((w) => w.split(' ')[0]))].join(', ')} ON the tables listed` : null;
  return [reads, writeHint].filter(Boolean).join('; ');
}

/** One endpoint: connect over TLS, read version and cipher, probe privileges. Never throws. */
async function probeEndpoint(s: ConnectionSettings, credential: Credential, role: EndpointRole, opts: TestOptions): Promise<ConnectionTestResult> {
  const { host, port } = endpointOf(s, role);
  const connectTimeoutMs = opts.connectTimeoutMs ?? CONNECT_TIMEOUT_MS;
  const ctx: AttemptContext = { ...attemptContext(s, connectTimeoutMs), host, port };
  const started = Date.now();
  let conn: Connection | null = null;
  try {
    // The settings first (CA file, password): what is wrong with them is said before anything is contacted.
    const { connectionLimit: _l, maxIdle: _m, idleTimeout: _i, queueLimit: _q, ...options } = mysqlPoolOptions(s, credential, { role, connectTimeoutMs, readFile: opts.readFile });
    // This machine's own ports answer alike unless a MySQL server greets (see ./target-guard.ts).
    const target = await resolveTarget(host);
    if (target.scope === 'link-local') return { ok: false, cause: 'unreachable', message: linkLocalMessage(host) };
    let pinned = target.addresses;
    if (target.scope === 'local') {
      const greeted = await firstGreeting(target.addresses, port, connectTimeoutMs);
      if (greeted === null) {
        // Until the clock says so: a timer may fire a millisecond early by Date.now(), which would tell this answer apart.
        while (Date.now() < started + connectTimeoutMs) await sleep(started + connectTimeoutMs - Date.now());
        return { ok: false, cause: 'unreachable', message: noLocalServerMessage(host, port, connectTimeoutMs) };
      }
      pinned = [greeted];
    }
    // Only to the addresses just checked: a second lookup could point the name somewhere else (DNS rebinding).
    conn = await createConnection(pinned.length ? { ...options, stream: () => connect({ host, port, lookup: pinnedLookup(pinned), autoSelectFamily: true }) } : options);
    const c = conn;
    const run: RunSql = async (sql) => {
      const [rows] = await c.query({ sql, timeout: opts.queryTimeoutMs ?? connectTimeoutMs });
      return Array.isArray(rows) ? (rows as Record<string, unknown>[]) : [];
    };
    const version = String((await run('SELECT VERSION() AS v'))[0]?.v ?? '');
    const status = new Map((await run("SHOW SESSION STATUS WHERE Variable_name IN ('Ssl_version', 'Ssl_cipher')")).map((r) => [String(r.Variable_name), String(r.Value ?? '')]));
    const tlsVersion = status.get('Ssl_version') || undefined;
    const tlsCipher = status.get('Ssl_cipher') || undefined;
    const privileges = await checkPrivileges(run, { checkWrites: role === 'writer' });
    const warnings = [...privileges.warnings];
    if (s.tls.mode === 'insecure-no-verify') {
      warnings.unshift('The server certificate was not verified: the connection is encrypted, but anyone on the network path could pose as this server and collect the password.');
    }
    const facts = { serverVersion: version, tlsVersion, tlsCipher, ...(warnings.length ? { warnings } : {}) };
    if (privileges.missing.length > 0) {
      return {
        ok: false,
        cause: 'privileges',
        message: `Connected, but user "${s.user}" lacks ${privileges.missing.length} privilege(s) the workstation needs: ${privileges.missing.join(', ')}. ${grantHint(s, privileges.missing)}.`,
        missingPrivileges: privileges.missing,
        ...facts,
      };
    }
    return {
      ok: true,
      message: `Connected to ${host}:${port}/${s.database} as ${s.user} over ${tlsVersion ?? 'TLS'} (${tlsCipher ?? 'unknown cipher'}); server ${version}.`,
      ...facts,
    };
  } catch (e) {
    return { ok: false, ...classifyConnectionError(e, ctx) };
  } finally {
    // destroy(), not end(): after a timeout the server may never answer a polite QUIT.
    conn?.destroy();
  }
}

/**
 * Tests the writer and, when one is configured, the reader endpoint. The first failure is the
 * answer (naming the reader when it is the reader); warnings from both are kept.
 */
export async function testConnection(s: ConnectionSettings, credential: Credential, opts: TestOptions = {}): Promise<ConnectionTestResult> {
  const started = Date.now();
  const writer = await probeEndpoint(s, credential, 'writer', opts);
  const elapsed = (): number => Date.now() - started;
  if (!writer.ok || !s.readerHost) return { ...writer, elapsedMs: elapsed() };
  const reader = await probeEndpoint(s, credential, 'reader', opts);
  if (!reader.ok) return { ...reader, endpoint: 'reader', message: `The writer works, but the reader endpoint does not. ${reader.message}`, elapsedMs: elapsed() };
  const warnings = [...new Set([...(writer.warnings ?? []), ...(reader.warnings ?? [])])];
  return {
    ...writer,
    message: `${writer.message} Reader ${endpointOf(s, 'reader').host} also works (${reader.tlsVersion ?? 'TLS'}).`,
    ...(warnings.length ? { warnings } : {}),
    elapsedMs: elapsed(),
  };
}
