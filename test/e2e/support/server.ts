import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface E2eServer {
  url: string;
  /** With the launch token: what a person opens. */
  openUrl: string;
  launchToken: string;
  dataDir: string;
  bankFile: string;
  output(): string;
  stop(): Promise<void>;
}

/** Far above a normal start (about a second over the copied template); only a hung start hits it. */
const START_LIMIT_MS = 45_000;
const STOP_LIMIT_MS = 10_000;

/** The encrypted bank, its WAL side file when a template left one behind, and the keys that open it. */
const BANK_FILES = ['bank.sqlite', 'bank.sqlite-wal', 'keys/secrets.key', 'keys/bank.key.sealed'];

/** Copies the template's bank and keys into a new data dir, private (0700/0600) as the app keeps it. */
export function copyTemplate(template: string, dataDir: string): void {
  mkdirSync(join(dataDir, 'keys'), { recursive: true, mode: 0o700 });
  for (const f of BANK_FILES) if (existsSync(join(template, f))) copyFileSync(join(template, f), join(dataDir, f));
}

export function templateDir(): string {
  const template = process.env.CLOUDBANK_E2E_TEMPLATE;
  if (!template) throw new Error('CLOUDBANK_E2E_TEMPLATE is not set: run through playwright.config.ts (globalSetup).');
  return template;
}

/** Starts `cloudbank serve` and resolves with its child process and the printed URL once it is listening. */
export function spawnServe(dataDir: string, extraArgs: readonly string[] = []): { child: ChildProcess; ready: Promise<string>; output: () => string } {
  const child: ChildProcess = spawn(process.execPath, ['bin/cloudbank.mjs', 'serve', '--port', '0', '--data-dir', dataDir, ...extraArgs], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const ready = new Promise<string>((resolve, reject) => {
    const limit = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`cloudbank serve did not print its URL within ${START_LIMIT_MS / 1000} s:\n${out}`));
    }, START_LIMIT_MS);
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /Open:\s+(\S+)/.exec(out);
      if (m?.[1]) {
        clearTimeout(limit);
        resolve(m[1]);
      }
    });
    child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
    child.once('error', (e) => {
      clearTimeout(limit);
      reject(e);
    });
    child.once('exit', (code, signal) => {
      clearTimeout(limit);
      reject(new Error(`cloudbank serve exited (${signal ?? code}) before it was ready:\n${out}`));
    });
  });
  return { child, ready, output: () => out };
}

/** SIGTERM (the server closes the bank cleanly), SIGKILL if it hangs. */
export async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  child.kill('SIGTERM');
  const limit = setTimeout(() => child.kill('SIGKILL'), STOP_LIMIT_MS);
  await exited;
  clearTimeout(limit);
}

/** A private browser-edition server on a free port, over a private copy of the template demo bank. */
export async function startServer(opts: { idleMinutes?: number } = {}): Promise<E2eServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'cloudbank-e2e-'));
  copyTemplate(templateDir(), dataDir);
  const server = await serveDataDir(dataDir, opts).catch((e: unknown) => {
    rmSync(dataDir, { recursive: true, force: true });
    throw e;
  });
  return {
    ...server,
    async stop() {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A browser-edition server over an existing data dir, which it leaves in place when stopped (to start it again). */
export async function serveDataDir(dataDir: string, opts: { idleMinutes?: number } = {}): Promise<E2eServer> {
  const { child, ready, output } = spawnServe(dataDir, ['--idle-minutes', String(opts.idleMinutes ?? 15)]);
  let openUrl: string;
  try {
    openUrl = await ready;
  } catch (e) {
    await stopChild(child);
    throw e;
  }
  const u = new URL(openUrl);
  return { url: u.origin, openUrl, launchToken: u.searchParams.get('token') ?? '', dataDir, bankFile: join(dataDir, 'bank.sqlite'), output, stop: () => stopChild(child) };
}
