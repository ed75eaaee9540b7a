import { sealAudit } from '../audit';
import { AdaptiveDelay } from '../cache';
import type { Logger } from '../log';
import type { Bank } from '../source';

export interface AuditSealerOptions {
  bank: Bank;
  offline: () => boolean;
  log: Logger;
  /** The wait while entries arrive (default 1 s): a posting is in the hash chain within about that. */
  fastMs?: number;
  /** The longest wait while none do (default 30 s): entries another process queued and left are sealed within it. */
  idleMs?: number;
}

export interface AuditSealer {
  /** Something was written (a call that changes data): look again within the fast wait. */
  nudge(): void;
  /** Stops looking; waits for a seal in progress, then seals what is still queued (unless offline). */
  stop(): Promise<void>;
}

/**
 * Links the audit entries money operations queue into the hash chain (see audit/queue.ts). It looks
 * every second while entries keep arriving and backs off, doubling, to one look every 30 s while none
 * do: a transaction a second on an idle workstation kept a core busy for nothing (and drained a
 * laptop's battery). A write made here nudges it back to the fast pace at once; entries queued by
 * another workstation are sealed by that workstation's own sealer, this one only catches leftovers.
 */
export function startAuditSealer(o: AuditSealerOptions): AuditSealer {
  const fastMs = o.fastMs ?? 1000;
  const delay = new AdaptiveDelay(fastMs, Math.max(fastMs, o.idleMs ?? 30_000));
  let timer: NodeJS.Timeout | null = null;
  /** When the scheduled look is due (ms since epoch), so a nudge only ever brings it forward. */
  let dueAt = 0;
  let running: Promise<void> | null = null;
  /** A write happened while a look ran: the next look comes after the fast wait, whatever it found. */
  let nudged = false;
  let stopped = false;

  const schedule = (ms: number): void => {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    dueAt = Date.now() + ms;
    timer = setTimeout(() => void look(), ms);
    timer.unref();
  };

  const look = async (): Promise<void> => {
    timer = null;
    if (running || stopped) return;
    let sealed = 0;
    nudged = false;
    running = (async () => {
      if (o.offline()) return;
      try {
        sealed = await sealAudit(o.bank);
      } catch (e) {
        o.log.warn('audit sealing failed; retrying', { error: e instanceof Error ? e.message : String(e) });
      }
    })();
    await running;
    running = null;
    schedule(nudged ? fastMs : delay.next(sealed > 0));
  };

  schedule(fastMs);
  return {
    nudge() {
      delay.reset();
      // A look in progress reschedules itself at the fast pace; a later one is brought forward.
      if (running) nudged = true;
      else if (timer === null || dueAt - Date.now() > fastMs) schedule(fastMs);
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      await running;
      if (!o.offline()) await sealAudit(o.bank).catch(() => undefined);
    },
  };
}
