import { sql } from 'kysely';
import type { FraudRule } from '../../shared/contract/fraud';
import { AppError, type FieldIssue } from '../../shared/errors';
import { isCurrencyCode } from '../../shared/money';
import { ruleParamIssue, ruleParamsCrossIssues } from '../../shared/fraud-rule-params';
import {
  entryIdBefore,
  loadDirectory,
  loadRuleOverrides,
  maxEntryId,
  readRuleVersions,
  readTxns,
  RULE_IDS,
  RULES,
  runDetection,
  type RuleId,
  type RuleOverrides,
  type Txn,
} from '../fraud';
import { mostHeldCurrency } from '../banking';
import type { Bank } from '../source';

const DAY = 86_400_000;
type Params = Record<string, number | boolean>;

export function ruleOf(id: string): RuleId {
  if (!(RULE_IDS as string[]).includes(id)) throw new AppError('NOT_FOUND', `There is no rule “${id}”.`, [{ path: 'ruleId', message: 'Unknown rule' }]);
  return id as RuleId;
}

export const defaultsOf = (id: RuleId): Params => ({ ...(RULES[id].defaults as unknown as Params) });

/** Rule statistics from dispositions: alerts any of whose hits came from the rule. */
async function ruleStats(bank: Bank): Promise<Map<string, Record<string, number>>> {
  const out = new Map<string, Record<string, number>>();
  try {
    const rows = await bank.db
      .selectFrom('fraud_alert_rules as r')
      .innerJoin('fraud_alerts as f', 'f.id', 'r.alert_id')
      .select(['r.rule_id', 'f.status', (eb) => eb.fn.countAll().as('n')])
      .groupBy(['r.rule_id', 'f.status'])
      .execute();
    for (const r of rows) {
      const m = out.get(r.rule_id) ?? {};
      m[r.status] = Number(r.n);
      out.set(r.rule_id, m);
    }
  } catch {
    // The cache does not copy fraud_alert_rules (offline): statistics from the explanations instead.
    for (const id of RULE_IDS) {
      const rows = await sql<{ status: string; n: number }>`select status, count(*) as n from fraud_alerts where explanation like ${`%"ruleId":"${id}"%`} group by status`.execute(
        bank.db,
      );
      out.set(id, Object.fromEntries(rows.rows.map((r) => [r.status, Number(r.n)])));
    }
  }
  return out;
}

/** Parameter names that are amounts of money (minor units): the catalog says so, and they must be whole. */
const MONEY_PARAM = /amount|peak|minIn|threshold/i;

/**
 * The currency the screens show money parameters in: the bank's base currency (`bank_meta`), else the
 * one most customer accounts hold, else EUR for a bank with neither. Only for display: the engine
 * compares the same minor units in every account's own currency.
 */
export async function paramCurrency(bank: Bank): Promise<string> {
  try {
    const meta = await bank.db.selectFrom('bank_meta').select('value').where('key', '=', 'base_currency').executeTakeFirst();
    if (meta && isCurrencyCode(meta.value)) return meta.value;
  } catch {
    // A copy without bank_meta (the cache): fall through to the accounts.
  }
  const held = await mostHeldCurrency(bank);
  return held !== null && isCurrencyCode(held) ? held : 'EUR';
}

export async function listRules(bank: Bank): Promise<FraudRule[]> {
  const versions = await readRuleVersions(bank);
  const stats = await ruleStats(bank);
  const currency = await paramCurrency(bank);
  return RULE_IDS.map((id) => {
    const def = RULES[id];
    const mine = versions.filter((v) => v.ruleId === id);
    const latest = mine.at(-1);
    const defaults = defaultsOf(id);
    const s = stats.get(id) ?? {};
    const confirmed = s.confirmed ?? 0;
    const dismissed = s.dismissed ?? 0;
    const escalated = s.escalated ?? 0;
    const decided = confirmed + escalated + dismissed;
    return {
      id,
      title: def.title,
      description: def.description,
      version: latest?.version ?? def.version,
      enabled: latest?.enabled ?? true,
      params: Object.entries(defaults).map(([name, defaultValue]) => {
        const saved = latest?.params[name];
        return { name, value: saved !== undefined && typeof saved === typeof defaultValue ? saved : defaultValue, defaultValue, description: describeParam(name) };
      }),
      currency,
      stats: {
        hits: Object.values(s).reduce((a, b) => a + b, 0),
        confirmed,
        escalated,
        dismissed,
        open: (s.new ?? 0) + (s.in_review ?? 0),
        falsePositiveRate: decided > 0 ? dismissed / decided : null,
        decided,
      },
      history: mine.map((v) => ({ version: v.version, createdBy: v.createdBy, createdAt: v.createdAt, note: v.note })).reverse(),
    };
  });
}

/** A plain-language hint from the parameter's name (the catalog screen shows it next to the field). */
function describeParam(name: string): string {
  const words = name.replace(/([A-Z])/g, ' $1').toLowerCase();
  if (name === 'score') return 'Weight of a hit as evidence (0–100).';
  if (MONEY_PARAM.test(name)) return `${words[0]?.toUpperCase()}${words.slice(1)} (minor units).`;
  return `${words[0]?.toUpperCase()}${words.slice(1)}.`;
}

/**
 * Each proposed parameter must be one the rule has, of its default's type, inside its range (the
 * shared schema the rule form validates with: shared/fraud-rule-params.ts), and the parameters must
 * agree with each other (checked over the rule's active values with the proposed ones on top).
 */
export function validateParams(id: RuleId, params: Params, active: Params = defaultsOf(id)): void {
  const defaults = defaultsOf(id);
  const issues: FieldIssue[] = [];
  for (const [k, v] of Object.entries(params)) {
    if (!(k in defaults)) issues.push({ path: `params.${k}`, message: `Rule ${id} has no parameter “${k}”` });
    else if (typeof v !== typeof defaults[k]) issues.push({ path: `params.${k}`, message: `“${k}” must be a ${typeof defaults[k]}` });
    else if (typeof v === 'number') {
      const issue = ruleParamIssue(k, v);
      if (issue) issues.push({ path: `params.${k}`, message: `${k}: ${issue}` });
    }
  }
  if (!issues.length) for (const c of ruleParamsCrossIssues({ ...active, ...params })) issues.push({ path: `params.${c.name}`, message: c.message });
  if (issues.length) throw new AppError('VALIDATION', issues.map((i) => i.message).join('; ') + '.', issues);
}

interface Caught {
  alerts: number;
  accounts: number;
  confirmedCaught: number;
  labelledCaught: number;
}

/**
 * Labels a backtest may count: those the canonical CSV importer stored (`cloudbank import
 * transactions` with a `label` column writes fraud_labels with scenario 0), never the demo
 * generator's ground truth (scenarios numbered from 1), which product code must not read.
 */
export const IMPORTED_LABEL_SCENARIO = 0;

/**
 * Runs one rule alone (the others disabled, so the numbers are that rule's) over the last `days`
 * of history, with its current parameters and with the proposed ones, after a warm-up that builds
 * the profiles without counting. Nothing is stored.
 */
export async function backtestRule(bank: Bank, input: { ruleId: string; params: Params; days: number }, now: number) {
  const started = performance.now();
  const id = ruleOf(input.ruleId);
  validateParams(id, input.params);
  const active = await loadRuleOverrides(bank);
  const only = (extra: Params): RuleOverrides => {
    const o: Record<string, Params> = {};
    for (const r of RULE_IDS) o[r] = r === id ? { ...((active[r] ?? {}) as Params), ...extra, enabled: true } : { enabled: false };
    return o as RuleOverrides;
  };

  const lastBooked = await bank.db
    .selectFrom('journal')
    .select((eb) => eb.fn.max('booked_at').as('m'))
    .executeTakeFirst();
  const end = Math.min(now, Number(lastBooked?.m ?? now)) + 1;
  const from = end - input.days * DAY;
  const warmFrom = from - 60 * DAY;
  const directory = await loadDirectory(bank);
  const after = await entryIdBefore(bank, warmFrom);
  const upTo = await maxEntryId(bank);
  const txns: Txn[] = [];
  for await (const page of readTxns(bank, directory, { after, upTo })) for (const t of page) txns.push(t);
  const counted = txns.filter((t) => t.at >= from).length;

  const marks = new Set<number>();
  const labels = new Set<number>();
  const marked = await bank.db.selectFrom('fraud_marks as m').innerJoin('journal as j', 'j.id', 'm.journal_id').select('m.journal_id').where('j.booked_at', '>=', from).execute();
  for (const r of marked) marks.add(Number(r.journal_id));
  try {
    const rows = await bank.db
      .selectFrom('fraud_labels as l')
      .innerJoin('journal as j', 'j.id', 'l.journal_id')
      .select('l.journal_id')
      .where('l.scenario', '=', IMPORTED_LABEL_SCENARIO)
      .where('j.booked_at', '>=', from)
      .execute();
    for (const r of rows) labels.add(Number(r.journal_id));
  } catch {
    // A bank without the labels table (or without the privilege to read it) simply has no labels.
  }

  const run = (overrides: RuleOverrides): Caught => {
    const alerts = runDetection(txns, directory, { rules: overrides, historyStart: txns[0]?.at ?? from }).filter((a) => a.openedAt >= from);
    const caught = new Set<number>();
    for (const a of alerts) for (const j of a.journalIds) caught.add(j);
    let confirmedCaught = 0;
    let labelledCaught = 0;
    for (const j of marks) if (caught.has(j)) confirmedCaught++;
    for (const j of labels) if (caught.has(j)) labelledCaught++;
    return { alerts: alerts.length, accounts: new Set(alerts.map((a) => a.accountId)).size, confirmedCaught, labelledCaught };
  };
  const current = run(only({}));
  const proposed = run(only(input.params));
  return {
    ruleId: id,
    days: input.days,
    transactions: counted,
    current,
    proposed,
    confirmedTotal: marks.size,
    labelledTotal: labels.size,
    tookMs: Math.round(performance.now() - started),
  };
}
