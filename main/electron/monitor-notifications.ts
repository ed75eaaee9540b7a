import type { BrowserWindow, Notification, NotificationConstructorOptions } from 'electron';
import type { EventPayload } from '../../shared/events';
import type { Logger } from '../log';
import type { Runtime } from '../runtime';

/**
 * Native desktop notifications (Electron's main-process Notification: the OS notification centre on
 * Windows and macOS, libnotify on Linux) when a compliance monitor enters warning or breach. The
 * runtime sends `compliance.monitor` only to sessions that act on compliance, so subscribing with the
 * window's bound session keeps the notice to the roles that own the monitors: nobody signed in, or a
 * teller, gets none. The renderer cannot show them itself — the session denies web permissions,
 * notifications included (permissions.ts) — and its in-app toast still shows inside the window.
 * A click brings the window forward, where the toast links to the monitor.
 */
export interface MonitorNotifierOptions {
  runtime: Promise<Runtime>;
  boundSession: () => string | null;
  getWindow: () => BrowserWindow | null;
  /** Electron's Notification class (passed in so the shell's tests can stand in for it). */
  Notification: { new (options: NotificationConstructorOptions): Notification; isSupported(): boolean };
  log: Logger;
}

export function monitorNoticeText(m: EventPayload<'compliance.monitor'>): { title: string; body: string } {
  return { title: `${m.name}: ${m.status === 'breach' ? 'breach' : 'warning'}`, body: m.note };
}

/** Starts listening; returns the function that stops it. */
export function startMonitorNotifications(opts: MonitorNotifierOptions): () => void {
  let unsubscribe: (() => void) | null = null;
  let stopped = false;
  // Kept until closed: a notification garbage-collected early loses its click handler on some platforms.
  const shown = new Set<Notification>();
  opts.runtime.then(
    (rt) => {
      if (stopped) return;
      unsubscribe = rt.events.subscribe((event, payload) => {
        if (event !== 'compliance.monitor' || !opts.Notification.isSupported()) return;
        const { title, body } = monitorNoticeText(payload as EventPayload<'compliance.monitor'>);
        try {
          const n = new opts.Notification({ title, body, urgency: (payload as EventPayload<'compliance.monitor'>).status === 'breach' ? 'critical' : 'normal' });
          shown.add(n);
          n.on('click', () => {
            const win = opts.getWindow();
            if (win && !win.isDestroyed()) {
              if (win.isMinimized()) win.restore();
              win.focus();
            }
          });
          n.on('close', () => shown.delete(n));
          n.show();
        } catch (e) {
          // The in-app toast still tells the officer; the log says why the desktop did not.
          opts.log.warn('desktop notification failed', { error: e instanceof Error ? e.message : String(e) });
        }
      }, opts.boundSession);
    },
    () => undefined,
  );
  return () => {
    stopped = true;
    unsubscribe?.();
    shown.clear();
  };
}
