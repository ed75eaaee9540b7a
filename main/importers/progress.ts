import { performance } from 'node:perf_hooks';

export interface ImportProgress {
  phase: 'reading' | 'checking' | 'writing' | 'done';
  done: number;
  total: number;
  unit: 'rows' | 'bytes';
  /** Throughput since the phase began. */
  perSecond: number;
}

export type ProgressListener = (p: ImportProgress) => void;

/** Emits at most every `everyMs` (plus each phase's first and last report), so a million rows do not mean a million callbacks. */
export class ProgressMeter {
  private phase: ImportProgress['phase'] | null = null;
  private startedAt = 0;
  private lastAt = 0;

  constructor(
    private readonly listener: ProgressListener | undefined,
    private readonly everyMs = 500,
  ) {}

  report(phase: ImportProgress['phase'], done: number, total: number, unit: ImportProgress['unit'] = 'rows'): void {
    if (!this.listener) return;
    const now = performance.now();
    if (phase !== this.phase) {
      this.phase = phase;
      this.startedAt = now;
      this.lastAt = -Infinity;
    }
    if (done < total && now - this.lastAt < this.everyMs) return;
    this.lastAt = now;
    const seconds = (now - this.startedAt) / 1000;
    this.listener({ phase, done, total, unit, perSecond: seconds > 0 ? Math.round(done / seconds) : 0 });
  }
}
