import type { Evaluation, MonitorResult, MonitorStatus } from '../../shared/contract';

/**
 * Live evaluation: after a sync round brings new bookings (nudge) and on a slow schedule, evaluate
 * every monitor — at most once per `minGapMs`, never two at once — and report the monitors that
 * entered warning or breach since the last evaluation. The first evaluation only sets the baseline:
 * restarting the app does not re-announce what everyone already saw.
 */
export interface MonitorTransition {
  monitor: MonitorResult;
  from: MonitorStatus;
}

const RANK: Record<MonitorStatus, number> = { ok: 0, unknown: 0, warning: 1, breach: 2 };

export function transitions(before: ReadonlyMap<string, MonitorStatus>, now: Evaluation): MonitorTransition[] {
  return now.monitors.filter((m) => RANK[m.status] > RANK[before.get(m.id) ?? m.status]).map((m) => ({ monitor: m, from: before.get(m.id) ?? 'ok' }));
}

export interface Watch {
  nudge(): void;
  stop(): void;
}

export function startMonitorWatch(opts: {
  evaluate: () => Promise<Evaluation>;
  onTransitions: (t: MonitorTransition[]) => void;
  onError?: (e: unknown) => void;
  minGapMs?: number;
  scheduleMs?: number;
  /**
   * False while the store still fills (the cache's first copy): the baseline waits for it. Evaluating
   * a half-copied cache and then again after the copy's own "new bookings" cost an idle workstation a
   * second full evaluation (≈ 2 s of CPU) a minute after every start.
   */
  ready?: () => boolean;
  readyPollMs?: number;
}): Watch {
  const minGap = opts.minGapMs ?? 60_000;
  const readyPoll = opts.readyPollMs ?? 5_000;
  let last: Map<string, MonitorStatus> | null = null;
  let running = false;
  let lastRun = 0;
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  const run = async () => {
    timer = null;
    if (running || stopped) return;
    if (opts.ready && !opts.ready()) {
      schedule(readyPoll);
      return;
    }
    running = true;
    lastRun = Date.now();
    try {
      const ev = await opts.evaluate();
      if (last) {
        const t = transitions(last, ev);
        if (t.length) opts.onTransitions(t);
      }
      last = new Map(ev.monitors.map((m) => [m.id, m.status]));
    } catch (e) {
      opts.onError?.(e);
    } finally {
      running = false;
    }
  };
  const schedule = (delay: number) => {
    if (stopped || timer) return;
    timer = setTimeout(() => void run(), delay);
    timer.unref();
  };
  const every = setInterval(() => schedule(0), opts.scheduleMs ?? 15 * 60_000);
  every.unref();
  schedule(5_000);
  return {
    // Before the first run a nudge is the store's first copy arriving: nothing to announce yet, so it
    // adds no run of its own; the baseline is already scheduled (and waits for `ready`).
    nudge: () => {
      if (lastRun !== 0) schedule(Math.max(0, lastRun + minGap - Date.now()));
    },
    stop: () => {
      stopped = true;
      clearInterval(every);
      if (timer) clearTimeout(timer);
    },
  };
}
