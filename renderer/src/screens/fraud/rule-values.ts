import { z } from 'zod';
import type { FraudRule } from '../../../../shared/contract';
import { formatMinorPlain, formatMoneyText, parseAmount } from '../../../../shared/money';
import { isMoneyRuleParam, ruleParamIssue, ruleParamNumberSchema, ruleParamsCrossIssues } from '../../../../shared/fraud-rule-params';

/** Form values: money parameters as decimal text in the rule's display currency, other numbers as numbers. */
export type ParamValues = Record<string, number | boolean | string>;

/** Whether a parameter is an amount of money (minor units in the API, typed in major units). */
export function isMoneyParam(p: { name: string; defaultValue: number | boolean }): boolean {
  return typeof p.defaultValue === 'number' && isMoneyRuleParam(p.name);
}

type MoneyText = { ok: true; minor: number } | { ok: false; reason: string };

/** A money parameter as typed → minor units by the shared parser (the currency's ISO decimals, no float); zero is allowed. */
export function parseMoneyParam(text: string, currency: string): MoneyText {
  const t = text.trim();
  if (/^0+(?:[.,]0*)?$/.test(t)) return { ok: true, minor: 0 };
  const parsed = parseAmount(t, currency);
  return parsed.ok ? { ok: true, minor: parsed.minor } : parsed;
}

/** A parameter value as the form shows it: money as plain decimal text of `currency` ("10000.00"). */
export function formValue(p: { name: string; defaultValue: number | boolean }, value: number | boolean, currency: string): number | boolean | string {
  return isMoneyParam(p) && typeof value === 'number' && Number.isSafeInteger(value) ? formatMinorPlain(value, currency) : value;
}

/** The rule's current parameters as a form's values (money in major units of the rule's display currency). */
export function paramValues(rule: FraudRule): ParamValues {
  return Object.fromEntries(rule.params.map((p) => [p.name, formValue(p, p.value, rule.currency)]));
}

/** A parameter's description as the form shows it: money is typed in major units, whatever the catalog says. */
export function paramDescription(p: { name: string; defaultValue: number | boolean; description: string }, currency: string): string {
  if (!isMoneyParam(p)) return p.description;
  const plain = p.description.replace(/\s*\(minor units\)/i, '').trim();
  return `${plain}${/[.!?]$/.test(plain) ? '' : '.'} In ${currency}, e.g. ${formatMoneyText(100_000, currency)}; accounts in other currencies compare the same number of minor units.`;
}

/** One form value as the API takes it, or null when it does not read (money text that does not parse). */
function apiValue(v: number | boolean | string, currency: string): number | boolean | null {
  if (typeof v !== 'string') return v;
  const parsed = parseMoneyParam(v, currency);
  return parsed.ok ? parsed.minor : null;
}

/** The form's values as the API takes them (money back in minor units). Call on validated values: one that does not read keeps the rule's. */
export function apiParams(rule: FraudRule, values: ParamValues): Record<string, number | boolean> {
  return Object.fromEntries(rule.params.map((p) => [p.name, apiValue(values[p.name] ?? p.value, rule.currency) ?? p.value]));
}

/** The parameters (form values) that differ from the rule's current version; one being typed that does not read yet counts as changed. */
export function changedParams(rule: FraudRule, values: ParamValues): string[] {
  return rule.params.filter((p) => apiValue(values[p.name] ?? p.value, rule.currency) !== p.value).map((p) => p.name);
}

/**
 * Each parameter against the range the server checks (shared/fraud-rule-params.ts, the same schema):
 * money after the shared parser reads it, other numbers as typed; then the relations between them.
 */
export function paramsSchema(rule: FraudRule) {
  return z
    .object(
      Object.fromEntries(
        rule.params.map((p) => [
          p.name,
          typeof p.defaultValue === 'boolean'
            ? z.boolean()
            : isMoneyParam(p)
              ? z.string().superRefine((t, ctx) => {
                  const parsed = parseMoneyParam(t, rule.currency);
                  if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.reason });
                  else {
                    const issue = ruleParamIssue(p.name, parsed.minor);
                    if (issue) ctx.addIssue({ code: 'custom', message: issue });
                  }
                })
              : ruleParamNumberSchema(p.name),
        ]),
      ),
    )
    .superRefine((values, ctx) => {
      const api = Object.fromEntries(rule.params.map((p) => [p.name, apiValue(values[p.name] as number | boolean | string, rule.currency)]));
      for (const c of ruleParamsCrossIssues(api)) ctx.addIssue({ code: 'custom', message: c.message, path: [c.name] });
    });
}

/** The save form: parameters, on/off and the contract's own note rule (at least 5 characters). */
export function saveFormSchema(rule: FraudRule) {
  return z.object({ params: paramsSchema(rule), enabled: z.boolean(), note: z.string().trim().min(5, 'Say what changed and why').max(1000) });
}

/** Proposed minus current, with its sign ("+12", "−3", "±0"). */
export function signedDelta(current: number, proposed: number, locale?: string): string {
  const d = proposed - current;
  const n = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(Math.abs(d));
  return d > 0 ? `+${n}` : d < 0 ? `−${n}` : '±0';
}

/** Caught ÷ total as a percent, "—" when there was nothing to catch. */
export function catchRate(caught: number, total: number, locale?: string): string {
  if (total <= 0) return '—';
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(caught / total);
}

/** One parameter value as the history and approvals show it: money in the display currency, on/off, grouped numbers. */
export function paramText(name: string, value: number | boolean | null, currency: string, locale?: string): string {
  if (value === null) return '—';
  if (typeof value === 'boolean') return value ? 'on' : 'off';
  if (isMoneyRuleParam(name) && Number.isSafeInteger(value)) return formatMoneyText(value, currency);
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 4 }).format(value);
}
