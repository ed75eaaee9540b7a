import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
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

/** A private browser-edition server on a free port, over a private copy of the template demo bank. */
export async function startServer(opts: { idleMinutes?: number } = {}): Promise<E2eServer> {
  const template = process.env.CLOUDBANK_E2E_TEMPLATE;
  if (!template) throw new Error('CLOUDBANK_E2E_TEMPLATE is not set: run through playwright.config.ts (globalSetup).');
  const dataDir = mkdtempSync(join(tmpdir(), 'cloudbank-e2e-'));
  copyFileSync(join(template, 'bank.sqlite'), join(dataDir, 'bank.sqlite'));
  const child: ChildProcess = spawn(
    process.execPath,
    ['bin/cloudbank.mjs', 'serve', '--port', '0', '--data-dir', dataDir, '--idle-minutes', String(opts.idleMinutes ?? 15)],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  const openUrl = await new Promise<string>((resolve, reject) => {
    const onData = (d: Buffer): void => {
      out += d.toString();
      const m = /Open:\s+(\S+)/.exec(out);
      if (m?.[1]) resolve(m[1]);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
    child.once('exit', (code) => reject(new Error(`cloudbank serve exited with ${code} before it was ready:\n${out}`)));
  });
  const u = new URL(openUrl);
  return {
    url: u.origin,
    openUrl,
    launchToken: u.searchParams.get('token') ?? '',
    dataDir,
    bankFile: join(dataDir, 'bank.sqlite'),
    output: () => out,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
