import { chmodSync, lstatSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { isMainThread } from 'node:worker_threads';

/**
 * The workstation's data folder holds the embedded bank (password hashes, national ids), the
 * encrypted cache and the key files: only its owner may read it (issue 14, finding 7). The folder
 * is 0700 and every file in it 0600 — including ones an earlier version left 0644 — and the
 * process's umask becomes 077, so every file it creates from now on (SQLite's -wal/-shm files,
 * new key files, saved reports) is private from the start rather than fixed up afterwards.
 * POSIX only: on Windows the folder sits in the user's profile, whose ACL already keeps others out.
 */
export function makeDataDirPrivate(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (process.platform === 'win32') return;
  // A worker thread cannot change the process's umask (Node refuses); the files are still tightened.
  if (isMainThread) process.umask(0o077);
  tighten(dir, true);
}

/**
 * The folders the app keeps inside its data folder. Only these are walked: a data folder pointed at
 * a place holding other things (say --data-dir ~) has its own top-level files made private, but
 * nobody else's folders are rewritten.
 */
const OWN_SUBFOLDERS = new Set(['keys', 'reports']);

function tighten(path: string, walk: boolean): void {
  const st = lstatSync(path);
  // Symbolic links are left alone: chmod would follow them out of the folder.
  if (st.isSymbolicLink()) return;
  if (st.isDirectory()) {
    if ((st.mode & 0o777) !== 0o700) chmodSync(path, 0o700);
    if (!walk) return;
    for (const entry of readdirSync(path, { withFileTypes: true })) {
      if (entry.isFile()) tighten(join(path, entry.name), false);
      else if (entry.isDirectory() && OWN_SUBFOLDERS.has(entry.name)) tightenAll(join(path, entry.name));
    }
    return;
  }
  if (st.isFile() && (st.mode & 0o077) !== 0) chmodSync(path, 0o600);
}

function tightenAll(dir: string): void {
  tighten(dir, false);
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) tightenAll(p);
    else tighten(p, false);
  }
}
