import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { startHost, type RunningHost } from '../host';
import { consoleLogger } from '../log';
import { openRuntime, type Runtime } from '../runtime';
import { rendererDir } from './paths';

export interface ServeOptions {
  port: number;
  host: string;
  dataDir: string;
  mysql?: string;
  idleMinutes: number;
  /** Why the browser edition is starting instead of the desktop window (npm start). */
  reason?: string;
}

function printBanner(runtime: Runtime, host: RunningHost, opts: ServeOptions): void {
  const lines = [
    '',
    `CloudBank Analytics — browser edition`,
    ...(opts.reason ? [`  (${opts.reason})`] : []),
    `  Bank:      ${runtime.info.bankName} (${runtime.info.mode === 'demo' ? 'embedded demo bank' : 'live'}) — ${runtime.info.source}`,
    `  Data dir:  ${opts.dataDir}`,
    `  Open:      ${host.openUrl}`,
  ];
  const demo = runtime.info.demoCredentials;
  if (demo) {
    lines.push(`  Demo users (password "${demo.password}"):`);
    for (const u of demo.users) lines.push(`    ${u.username.padEnd(12)} ${u.role}`);
  }
  lines.push('  Press Ctrl+C to stop.', '');
  process.stdout.write(lines.join('\n') + '\n');
}

/** Starts the browser edition and keeps it running until SIGINT/SIGTERM. */
export async function serve(opts: ServeOptions): Promise<void> {
  const staticDir = rendererDir();
  if (!existsSync(join(staticDir, 'index.html'))) {
    throw new Error(`The renderer is not built (${staticDir}/index.html is missing). Run "npm run build" first.`);
  }
  const log = consoleLogger('host');
  const runtime = await openRuntime({
    dataDir: opts.dataDir,
    mysqlUrl: opts.mysql,
    idleTimeoutMs: opts.idleMinutes * 60_000,
    log,
    onProgress: (m) => process.stdout.write(m + '\n'),
  });
  let host: RunningHost;
  try {
    host = await startHost({ runtime, staticDir, port: opts.port, host: opts.host, log });
  } catch (e) {
    await runtime.close();
    throw e;
  }
  printBanner(runtime, host, opts);
  await new Promise<void>((resolve) => {
    const stop = (): void => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await host.close();
  await runtime.close();
}
