import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection, type Connection } from 'mysql2/promise';

/**
 * A throwaway MariaDB server with TLS, for tests that need what the machine's server lacks (it runs
 * without TLS, and its config is not ours to change). Its own datadir, socket and port under a temp
 * folder; a throwaway CA signs its certificate, and a second, unrelated CA exists to be the wrong one.
 */
export interface PrivateMariaDb {
  readonly host: '127.0.0.1';
  readonly port: number;
  /** The CA that signed the server certificate (SANs: localhost, 127.0.0.1). */
  readonly caFile: string;
  /** A CA that signed nothing this server presents. */
  readonly otherCaFile: string;
  readonly dir: string;
  /** A root connection over the unix socket (root is not reachable over TCP with skip-name-resolve). */
  root(): Promise<Connection>;
  stop(): Promise<void>;
}

function findBinary(names: string[]): string {
  for (const n of names) if (existsSync(n)) return n;
  throw new Error(`MariaDB server binaries not found (looked for ${names.join(', ')}); install mariadb-server (DESIGN §9).`);
}

function openssl(dir: string, args: string[]): void {
  execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
}

/** EC keys: generated in milliseconds, unlike RSA. */
function makeCa(dir: string, name: string): void {
  openssl(dir, [
    'req',
    '-x509',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:prime256v1',
    '-nodes',
    '-keyout',
    `${name}.key`,
    '-out',
    `${name}.pem`,
    '-days',
    '2',
    '-subj',
    `/CN=CloudBank test ${name}`,
  ]);
}

function makeServerCert(dir: string): void {
  writeFileSync(
    join(dir, 'san.cnf'),
    'subjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n',
  );
  openssl(dir, ['req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=localhost']);
  openssl(dir, ['x509', '-req', '-in', 'server.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'server.pem', '-days', '2', '-extfile', 'san.cnf']);
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())));
}

/** `extraArgs`: more server options (e.g. an authentication plugin to load). */
export async function startPrivateMariaDb(extraArgs: readonly string[] = []): Promise<PrivateMariaDb> {
  const mariadbd = findBinary(['/usr/sbin/mariadbd', '/usr/sbin/mysqld', '/usr/libexec/mariadbd']);
  const installDb = findBinary(['/usr/bin/mariadb-install-db', '/usr/bin/mysql_install_db', '/usr/local/bin/mariadb-install-db']);
  const dir = mkdtempSync(join(tmpdir(), 'cbtls-'));
  const datadir = join(dir, 'data');
  const socket = join(dir, 'mysqld.sock');
  const asRoot = process.getuid?.() === 0 ? ['--user=root'] : [];
  let child: ChildProcess | null = null;
  try {
    makeCa(dir, 'ca');
    makeCa(dir, 'other-ca');
    makeServerCert(dir);
    // --no-defaults: nothing from /etc/mysql leaks in (port, datadir, plugins of the system server).
    execFileSync(installDb, ['--no-defaults', `--datadir=${datadir}`, '--auth-root-authentication-method=normal', '--skip-test-db', ...asRoot], { stdio: 'pipe' });
    const port = await freePort();
    const errLog = join(dir, 'error.log');
    child = spawn(
      mariadbd,
      [
        '--no-defaults',
        ...asRoot,
        `--datadir=${datadir}`,
        `--socket=${socket}`,
        `--pid-file=${join(dir, 'mysqld.pid')}`,
        `--port=${port}`,
        '--bind-address=127.0.0.1',
        // Clients are matched by IP, so anonymous ''@'localhost' accounts can never shadow test users.
        '--skip-name-resolve',
        `--ssl-ca=${join(dir, 'ca.pem')}`,
        `--ssl-cert=${join(dir, 'server.pem')}`,
        `--ssl-key=${join(dir, 'server.key')}`,
        '--innodb-buffer-pool-size=16M',
        '--innodb-log-file-size=8M',
        `--log-error=${errLog}`,
        ...extraArgs,
      ],
      { stdio: 'ignore' },
    );
    const proc = child;
    const root = (): Promise<Connection> => createConnection({ socketPath: socket, user: 'root', multipleStatements: true });
    // Ready when it answers, not after a guessed sleep; fail fast with its log if it dies.
    const deadline = Date.now() + 30_000;
    for (;;) {
      if (proc.exitCode !== null) throw new Error(`private mariadbd exited with ${proc.exitCode}: ${existsSync(errLog) ? readFileSync(errLog, 'utf8').slice(-2000) : ''}`);
      try {
        const c = await root();
        await c.end();
        break;
      } catch (e) {
        if (Date.now() > deadline) throw new Error(`private mariadbd did not answer within 30 s: ${e instanceof Error ? e.message : String(e)}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    const c = await root();
    await c.query("DELETE FROM mysql.global_priv WHERE User = ''; FLUSH PRIVILEGES");
    await c.end();
    return {
      host: '127.0.0.1',
      port,
      caFile: join(dir, 'ca.pem'),
      otherCaFile: join(dir, 'other-ca.pem'),
      dir,
      root,
      async stop() {
        proc.kill('SIGTERM');
        const killer = setTimeout(() => proc.kill('SIGKILL'), 15_000);
        await exited(proc);
        clearTimeout(killer);
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (e) {
    if (child) {
      child.kill('SIGKILL');
      await exited(child);
    }
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
}
