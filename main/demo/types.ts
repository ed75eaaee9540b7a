/** Size and seed of a demo bank; `end` is the last instant generated (normally Date.now()). */
export interface DemoOptions {
  customers: number;
  months: number;
  seed: number;
  /** UTC epoch ms. */
  end: number;
}

export interface DemoProgress {
  phase: string;
  done: number;
  total: number;
}

export interface DemoSummary {
  seconds: number;
  /** Rows written per table. */
  rows: Record<string, number>;
  /** Labelled journals per injected fraud / laundering pattern. */
  labelled: Record<string, number>;
}
