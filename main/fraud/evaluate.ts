import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importTransactionsCsv } from '../importers';
import { migrateToLatest, openSqliteBank, type Bank } from '../source';
import type { RuleOverrides } from './rules';
import { scanBank, type ScanSummary } from './scan';

/** The ranks at which the queue's head is scored: what an analyst works through first. */
export const PRECISION_AT = [50, 100, 500] as const;

export interface LabelScore {
  /** Labelled transactions with this label, and how many any alert names. */
  labelled: number;
  caught: number;
  recall: number;
  /** Accounts holding a labelled transaction, and how many any alert names (as subject or group member). */
  accounts: number;
  accountsCaught: number;
  accountRecall: number;
  /** Alerts naming at least one transaction with this label. */
  alerts: number;
}

export interface RuleScore {
  /** Times the rule fired (alert or not). */
  hits: number;
  /** Alerts the rule contributed to, and how many of them name a labelled transaction. */
  alerts: number;
  trueAlerts: number;
  precision: number;
}

export interface Evaluation {
  file: string;
  transactions: number;
  alerts: number;
  trueAlerts: number;
  precision: number;
  recall: number;
  accountRecall: number;
  /** Share of true alerts among the k riskiest (ties broken by alert id, as the queue does). */
  precisionAt: Record<string, number>;
  /** Alerts per 1,000 customer transactions scored. */
  alertsPer1000: number;
  labels: Record<string, LabelScore>;
  rules: Record<string, RuleScore>;
  scan: { txPerSec: number; seconds: number; importSeconds: number };
}

const r4 = (x: number): number => Math.round(x * 10_000) / 10_000;
const ratio = (a: number, b: number): number => (b > 0 ? r4(a / b) : 0);

/**
 * Scores the alerts a bank holds against the labels its import carried (fraud_labels). An alert
 * names a transaction when it is linked to it (fraud_alert_txns); it names an account when the
 * account is its subject, holds a side of a linked transaction, or is a linked transaction's
 * counterparty — so a group alert counts for every member it lists.
 */
export async function scoreLabelledBank(bank: Bank, scan: Pick<ScanSummary, 'transactions'>, hitsByRule: ReadonlyMap<string, number>): Promise<Omit<Evaluation, 'file' | 'scan'>> {
  const db = bank.db;
  const labelRows = await db
    .selectFrom('fraud_labels as l')
    .innerJoin('entries as e', 'e.journal_id', 'l.journal_id')
    .innerJoin('accounts as a', (j) => j.onRef('a.id', '=', 'e.account_id').on('a.kind', '=', 'customer'))
    .select(['l.journal_id', 'l.pattern', 'a.account_no'])
    .execute();
  const labelOf = new Map<number, string>();
  const labelAccount = new Map<string, Set<string>>();
  for (const r of labelRows) {
    labelOf.set(Number(r.journal_id), r.pattern);
    const s = labelAccount.get(r.pattern) ?? new Set<string>();
    s.add(r.account_no.toUpperCase());
    labelAccount.set(r.pattern, s);
  }
  const alerts = await db
    .selectFrom('fraud_alerts as f')
    .innerJoin('accounts as a', 'a.id', 'f.account_id')
    .select(['f.id', 'f.risk_score', 'a.account_no'])
    .orderBy('f.risk_score', 'desc')
    .orderBy('f.id')
    .execute();
  const links = await db
    .selectFrom('fraud_alert_txns as t')
    .innerJoin('journal as j', 'j.id', 't.journal_id')
    .select(['t.alert_id', 't.journal_id', 'j.counterparty_name', 'j.counterparty_account'])
    .execute();
  const sides = await db
    .selectFrom('fraud_alert_txns as t')
    .innerJoin('entries as e', 'e.journal_id', 't.journal_id')
    .innerJoin('accounts as a', (j) => j.onRef('a.id', '=', 'e.account_id').on('a.kind', '=', 'customer'))
    .select(['t.alert_id', 'a.account_no'])
    .execute();
  const ruleLinks = await db.selectFrom('fraud_alert_rules').select(['alert_id', 'rule_id']).execute();

  const named = new Map<number, { labels: Set<string>; journals: Set<number>; accounts: Set<string> }>();
  const of = (id: number): { labels: Set<string>; journals: Set<number>; accounts: Set<string> } => {
    let x = named.get(id);
    if (!x) named.set(id, (x = { labels: new Set(), journals: new Set(), accounts: new Set() }));
    return x;
  };
  for (const a of alerts) of(Number(a.id)).accounts.add(a.account_no.toUpperCase());
  for (const l of links) {
    const x = of(Number(l.alert_id));
    const label = labelOf.get(Number(l.journal_id));
    if (label !== undefined) {
      x.labels.add(label);
      x.journals.add(Number(l.journal_id));
    }
    for (const cp of [l.counterparty_account, l.counterparty_name]) if (cp) x.accounts.add(cp.toUpperCase());
  }
  for (const s of sides) of(Number(s.alert_id)).accounts.add(s.account_no.toUpperCase());

  const isTrue = (id: number): boolean => (named.get(id)?.labels.size ?? 0) > 0;
  const trueAlerts = alerts.filter((a) => isTrue(Number(a.id))).length;
  const caught = new Set<number>();
  const namedAccounts = new Set<string>();
  for (const x of named.values()) {
    for (const j of x.journals) caught.add(j);
    for (const a of x.accounts) namedAccounts.add(a);
  }
  const precisionAt: Record<string, number> = {};
  for (const k of PRECISION_AT) {
    const head = alerts.slice(0, k);
    precisionAt[String(k)] = ratio(head.filter((a) => isTrue(Number(a.id))).length, head.length);
  }

  const labels: Record<string, LabelScore> = {};
  for (const [label, accounts] of [...labelAccount].sort((a, b) => a[0].localeCompare(b[0]))) {
    const ids = [...labelOf].filter(([, l]) => l === label).map(([j]) => j);
    const got = ids.filter((j) => caught.has(j)).length;
    const accGot = [...accounts].filter((a) => namedAccounts.has(a)).length;
    const alertsWith = [...named.values()].filter((x) => x.labels.has(label)).length;
    labels[label] = {
      labelled: ids.length,
      caught: got,
      recall: ratio(got, ids.length),
      accounts: accounts.size,
      accountsCaught: accGot,
      accountRecall: ratio(accGot, accounts.size),
      alerts: alertsWith,
    };
  }
  const allLabelAccounts = new Set([...labelAccount.values()].flatMap((s) => [...s]));

  const rules: Record<string, RuleScore> = {};
  const ruleAlerts = new Map<string, { n: number; t: number }>();
  for (const l of ruleLinks) {
    const e = ruleAlerts.get(l.rule_id) ?? { n: 0, t: 0 };
    e.n++;
    if (isTrue(Number(l.alert_id))) e.t++;
    ruleAlerts.set(l.rule_id, e);
  }
  for (const id of [...new Set([...hitsByRule.keys(), ...ruleAlerts.keys()])].sort()) {
    const e = ruleAlerts.get(id) ?? { n: 0, t: 0 };
    rules[id] = { hits: hitsByRule.get(id) ?? 0, alerts: e.n, trueAlerts: e.t, precision: ratio(e.t, e.n) };
  }

  return {
    transactions: scan.transactions,
    alerts: alerts.length,
    trueAlerts,
    precision: ratio(trueAlerts, alerts.length),
    recall: ratio(caught.size, labelOf.size),
    accountRecall: ratio([...allLabelAccounts].filter((a) => namedAccounts.has(a)).length, allLabelAccounts.size),
    precisionAt,
    alertsPer1000: scan.transactions > 0 ? Math.round((alerts.length / scan.transactions) * 1_000_000) / 1000 : 0,
    labels,
    rules,
  };
}

export interface EvaluateOptions {
  /** Rule parameters to run (a saved version); the defaults otherwise. */
  rules?: RuleOverrides;
  onPhase?: (phase: 'import' | 'scan' | 'score') => void;
}

/**
 * `cloudbank fraud evaluate`: loads a labelled canonical CSV into a scratch embedded bank through
 * the real importer (accounts opened as a bank would open them), runs the overnight scan on it and
 * scores the alerts against the file's labels. The scratch bank is removed afterwards.
 */
export async function evaluateLabelledCsv(file: string, opts: EvaluateOptions = {}): Promise<Evaluation> {
  const dir = mkdtempSync(join(tmpdir(), 'cloudbank-evaluate-'));
  const bank = openSqliteBank(join(dir, 'bank.sqlite'));
  try {
    await migrateToLatest(bank.db, 'sqlite');
    opts.onPhase?.('import');
    const imported = await importTransactionsCsv(bank, file, { createMissingAccounts: true });
    const labels = Number(
      (
        await bank.db
          .selectFrom('fraud_labels')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirst()
      )?.n ?? 0,
    );
    if (labels === 0) throw new Error(`${file} has no labelled rows (the "label" column is empty everywhere): there is nothing to score against.`);
    opts.onPhase?.('scan');
    const hits = new Map<string, number>();
    const scan = await scanBank(bank, { detector: { ...(opts.rules ? { rules: opts.rules } : {}), onHit: (h) => hits.set(h.ruleId, (hits.get(h.ruleId) ?? 0) + 1) } });
    opts.onPhase?.('score');
    const score = await scoreLabelledBank(bank, scan, hits);
    return { file: imported.source, ...score, scan: { txPerSec: scan.txPerSec, seconds: Math.round(scan.seconds * 1000) / 1000, importSeconds: imported.seconds } };
  } finally {
    await bank.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
