import { sql } from 'kysely';
import { parseDayIso } from '../../shared/bank-time';
import { MONITOR_IDS, type InputKey, type MonitorId } from '../../shared/contract';
import { currencyDecimals, isCurrencyCode } from '../../shared/money';
import type { Bank } from '../source';
import { parseRate, type RateTable } from './fx';
import { MONITORS } from './monitors';
import { cdb } from './tables';

/**
 * What evaluation needs from the bank's entered figures: the reporting currency, the CTR threshold,
 * each input's history (a value holds from its effective day until the next one; the highest version
 * of a day wins), exchange rates per day, and each monitor's limit and band in force.
 * Limits are kept in compliance_thresholds as integers: the value × 1,000,000 (ratios need decimals).
 */
export const LIMIT_SCALE = 1_000_000;

export interface InputEntry {
  day: number;
  value: string;
  version: number;
}

export interface Limits {
  limit: number;
  warning: number;
  version: number;
}

export interface Settings {
  reportingCurrency: string;
  /** Minor units of the reporting currency; a day's cash must be more than this to be reported. */
  ctrThreshold: number;
  inputs: Map<string, InputEntry[]>;
  rates: RateTable;
  limits: Map<MonitorId, Limits>;
}

export const MONEY_INPUTS: ReadonlySet<InputKey> = new Set(['ctr_threshold', 'tier1_capital', 'cet1_capital', 'risk_weighted_assets', 'liquid_assets']);
export const RATIO_INPUTS: ReadonlySet<InputKey> = new Set(['liquid_assets_haircut', 'deposit_runoff_rate']);

/** The value of `key` in force on bank day `day`, or null when none was entered by then. */
export function inputOn(s: Settings, key: InputKey, day: number): string | null {
  let found: string | null = null;
  for (const e of s.inputs.get(key) ?? []) {
    if (e.day > day) break;
    found = e.value;
  }
  return found;
}

/** Money inputs are stored as minor units of the reporting currency (integer text). */
export function moneyInputOn(s: Settings, key: InputKey, day: number): number | null {
  const v = inputOn(s, key, day);
  if (v === null) return null;
  const n = Number(v);
  return Number.isSafeInteger(n) ? n : null;
}

export function ratioInputOn(s: Settings, key: InputKey, day: number): number | null {
  const v = inputOn(s, key, day);
  if (v === null) return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
}

/** The currency most customer accounts hold: the default reporting currency until one is entered. */
async function dominantCurrency(bank: Bank): Promise<string> {
  const r = await sql<{
    currency: string;
    n: number;
  }>`select currency, count(*) as n from accounts where kind = 'customer' group by currency order by count(*) desc, currency limit 1`.execute(bank.db);
  const c = r.rows[0]?.currency;
  return c && isCurrencyCode(c) ? c : 'EUR';
}

export async function loadSettings(bank: Bank): Promise<Settings> {
  const db = cdb(bank);
  const rows = await db
    .selectFrom('compliance_inputs')
    .select(['input_key', 'currency', 'effective_day', 'value', 'version'])
    .orderBy('effective_day')
    .orderBy('version')
    .execute();
  const inputs = new Map<string, InputEntry[]>();
  const rates: RateTable = new Map();
  for (const r of rows) {
    const day = parseDayIso(String(r.effective_day).slice(0, 10));
    if (day === null) continue;
    if (r.input_key === 'fx_rate') {
      const rate = parseRate(r.value);
      if (!rate) continue;
      const list = rates.get(r.currency) ?? [];
      const same = list.findIndex((x) => x.day === day);
      if (same >= 0) list[same] = { day, rate };
      else list.push({ day, rate });
      rates.set(r.currency, list);
      continue;
    }
    const list = inputs.get(r.input_key) ?? [];
    const same = list.findIndex((x) => x.day === day);
    const entry = { day, value: r.value, version: Number(r.version) };
    if (same >= 0) list[same] = entry;
    else list.push(entry);
    inputs.set(r.input_key, list);
  }
  for (const list of rates.values()) list.sort((a, b) => a.day - b.day);
  const entered = inputs.get('reporting_currency')?.at(-1)?.value;
  const reportingCurrency = entered && isCurrencyCode(entered) ? entered : await dominantCurrency(bank);
  const enteredThreshold = Number(inputs.get('ctr_threshold')?.at(-1)?.value ?? NaN);
  const ctrThreshold = Number.isSafeInteger(enteredThreshold) && enteredThreshold > 0 ? enteredThreshold : 10_000 * 10 ** currencyDecimals(reportingCurrency);

  const limits = new Map<MonitorId, Limits>();
  for (const m of MONITORS) limits.set(m.id, { limit: m.defaultLimit, warning: m.defaultWarning, version: 0 });
  const thresholds = await db.selectFrom('compliance_thresholds').select(['metric', 'warn_at', 'breach_at', 'version']).where('status', '=', 'active').orderBy('version').execute();
  for (const t of thresholds) {
    if (!(MONITOR_IDS as readonly string[]).includes(t.metric)) continue;
    limits.set(t.metric as MonitorId, { limit: Number(t.breach_at) / LIMIT_SCALE, warning: Number(t.warn_at) / LIMIT_SCALE, version: Number(t.version) });
  }
  return { reportingCurrency, ctrThreshold, inputs, rates, limits };
}
