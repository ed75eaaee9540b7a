import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { copyTemplate, spawnServe, stopChild, templateDir, type E2eServer } from './server';

/**
 * A `cloudbank serve` that can be stopped and started again on the same data dir, as a person quits
 * and relaunches the workstation: what a choice that "applies at the next start" needs.
 * The data dir starts as a copy of the template demo bank; dispose() removes it.
 */
export class RestartableServer {
  private child: ChildProcess | null = null;
  /** What each start printed, in order, for the report of a failed test. */
  private readonly outputs: (() => string)[] = [];

  private constructor(readonly dataDir: string) {}

  static create(): RestartableServer {
    const template = templateDir();
    const dataDir = mkdtempSync(join(tmpdir(), 'cloudbank-e2e-conn-'));
    copyTemplate(template, dataDir);
    return new RestartableServer(dataDir);
  }

  /**
   * Starts the server (a new free port and launch token each time) and resolves once it printed its
   * link. The returned server's stop() ends this process only: the data dir stays for the next start.
   */
  async start(): Promise<E2eServer> {
    if (this.child) throw new Error('The server is running already: stop it first.');
    const { child, ready, output } = spawnServe(this.dataDir);
    this.child = child;
    this.outputs.push(output);
    let openUrl: string;
    try {
      openUrl = await ready;
    } catch (e) {
      await this.stop();
      throw e;
    }
    const u = new URL(openUrl);
    return {
      url: u.origin,
      openUrl,
      launchToken: u.searchParams.get('token') ?? '',
      dataDir: this.dataDir,
      bankFile: join(this.dataDir, 'bank.sqlite'),
      output: () => this.output(),
      stop: () => this.stop(),
    };
  }

  /** SIGTERM to the running server (the runtime closes bank and cache cleanly); a no-op when none runs. */
  async stop(): Promise<void> {
    const child = this.child;
    this.child = null;
    if (child) await stopChild(child);
  }

  output(): string {
    return this.outputs.map((o, i) => `--- start ${i + 1} ---\n${o()}`).join('\n');
  }

  /** Stops a running server and deletes the data dir. */
  async dispose(): Promise<void> {
    await this.stop();
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}
