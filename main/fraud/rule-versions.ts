import type { Bank } from '../source';
import type { RuleId } from './rule-def';
import { RULE_IDS, RULES, type RuleOverrides } from './rules';

export interface SavedRuleVersion {
  ruleId: RuleId;
  version: number;
  params: Record<string, number | boolean>;
  enabled: boolean;
  createdBy: string;
  createdAt: number;
  note: string;
  /** Schema v15: the second person who approved it (null: saved before approval was needed). */
  approvedBy: string | null;
  restoredFrom: number | null;
}

/** Every saved version (schema v7 `fraud_rule_versions`) of known rules, oldest first per rule. */
export async function readRuleVersions(bank: Bank): Promise<SavedRuleVersion[]> {
  const rows = await bank.db.selectFrom('fraud_rule_versions').selectAll().orderBy('rule_id').orderBy('version').execute();
  const out: SavedRuleVersion[] = [];
  for (const r of rows) {
    if (!(RULE_IDS as string[]).includes(r.rule_id)) continue;
    let params: Record<string, number | boolean> = {};
    try {
      params = JSON.parse(r.params) as Record<string, number | boolean>;
    } catch {
      params = {};
    }
    out.push({
      ruleId: r.rule_id as RuleId,
      version: Number(r.version),
      params,
      enabled: Number(r.enabled) === 1,
      createdBy: r.created_by,
      createdAt: Number(r.created_at),
      note: r.note,
      approvedBy: r.approved_by ?? null,
      restoredFrom: r.restored_from === null || r.restored_from === undefined ? null : Number(r.restored_from),
    });
  }
  return out;
}

/**
 * The active parameters (or those of `atVersion`): each rule's highest saved version over its defaults (only parameters the
 * rule knows, of the default's type). Rules never saved run on their defaults.
 */
export async function loadRuleOverrides(bank: Bank, atVersion?: number): Promise<RuleOverrides> {
  const latest = new Map<RuleId, SavedRuleVersion>();
  // `atVersion`: each rule as it stood at that version (its latest saved version not above it).
  for (const v of await readRuleVersions(bank)) if (atVersion === undefined || v.version <= atVersion) latest.set(v.ruleId, v);
  const out: Record<string, Record<string, number | boolean>> = {};
  for (const [id, v] of latest) {
    const defaults = RULES[id].defaults as unknown as Record<string, number | boolean>;
    const o: Record<string, number | boolean> = {};
    for (const [k, val] of Object.entries(v.params)) if (k in defaults && typeof val === typeof defaults[k]) o[k] = val;
    if (!v.enabled) o.enabled = false;
    o.version = v.version;
    out[id] = o;
  }
  return out as RuleOverrides;
}
