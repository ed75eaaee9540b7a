import type { Row } from '../source';
import { DEMO_BANK_ZONE } from './calendar';
import { CZK_PER_EUR } from './calibration';
import type { DemoOptions } from './types';
import type { DemoWindow } from './window';

/** Bumped whenever the same seed would produce different data. */
export const GENERATOR_VERSION = 'cloudbank-demo/2';

/** What the bank is and how it was made; only deterministic values (no timings). */
export function metaRows(o: DemoOptions, w: DemoWindow, scenarios: number): Row<'bank_meta'>[] {
  const entries: Array<[string, string]> = [
    ['bank_name', 'CloudBank Demo'],
    ['base_currency', 'EUR'],
    ['timezone', DEMO_BANK_ZONE],
    ['demo_generator_version', GENERATOR_VERSION],
    ['demo_seed', String(o.seed)],
    ['demo_customers', String(o.customers)],
    ['demo_months', String(o.months)],
    ['demo_end', String(o.end)],
    ['demo_end_iso', new Date(o.end).toISOString()],
    ['demo_window_start', String(w.start)],
    ['demo_czk_per_eur', String(CZK_PER_EUR)],
    ['demo_fraud_scenarios', String(scenarios)],
  ];
  return entries.map(([key, value]) => ({ key, value }));
}
