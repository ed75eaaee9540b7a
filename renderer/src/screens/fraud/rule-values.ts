import { z } from 'zod';
import type { FraudRule } from '../../../../shared/contract';
import { isMoneyFigure } from './fraud-values';

export type ParamValues = Record<string, number | boolean>;

/** Rules keep money in minor units; people type it in major units (2 decimals in every currency the bank uses). */
const MINOR_PER_MAJOR = 100;

/** Whether a parameter is an amount of money (shown and typed in major units). */
export function isMoneyParam(p: { name: string; defaultValue: number | boolean }): boolean {
  return typeof p.defaultValue === 'number' && isMoneyFigure(p.name);
}

/** A parameter value as the form shows it. */
export function formValue(p: { name: string; defaultValue: number | boolean }, value: number | boolean): number | boolean {
  return isMoneyParam(p) && typeof value === 'number' ? value / MINOR_PER_MAJOR : value;
}

/** The rule's current parameters as a form's values (money in major units). */
export function paramValues(rule: FraudRule): ParamValues {
  return Object.fromEntries(rule.params.map((p) => [p.name, formValue(p, p.value)]));
}

/** A parameter's description as the form shows it: money is typed in major units, whatever the catalog says. */
export function paramDescription(p: { name: string; defaultValue: number | boolean; description: string }): string {
  if (!isMoneyParam(p)) return p.description;
  const plain = p.description.replace(/\s*\(minor units\)/i, '').trim();
  return `${plain}${/[.!?]$/.test(plain) ? '' : '.'} In the account’s currency, e.g. 1,000.00.`;
}

/** The form's values as the API takes them (money back in minor units). */
export function apiParams(rule: FraudRule, values: ParamValues): ParamValues {
  return Object.fromEntries(
    rule.params.map((p) => {
      const v = values[p.name] ?? p.value;
      return [p.name, isMoneyParam(p) && typeof v === 'number' ? Math.round(v * MINOR_PER_MAJOR) : v];
    }),
  );
}

/** The parameters (form values) that differ from the rule's current version. */
export function changedParams(rule: FraudRule, values: ParamValues): string[] {
  const api = apiParams(rule, values);
  return rule.params.filter((p) => api[p.name] !== p.value).map((p) => p.name);
}

/** Every numeric parameter must be a finite non-negative number; booleans stay booleans. */
export function paramsSchema(rule: FraudRule) {
  return z.object(
    Object.fromEntries(
      rule.params.map((p) => [
        p.name,
        typeof p.defaultValue === 'boolean' ? z.boolean() : z.number({ error: 'Enter a number' }).finite().min(0, 'Must be 0 or more'),
      ]),
    ),
  );
}

/** The save form: parameters, on/off and the contract's own note rule (at least 5 characters). */
export function saveFormSchema(rule: FraudRule) {
  return z.object({
    params: paramsSchema(rule),
    enabled: z.boolean(),
    note: z.string().trim().min(5, 'Say what changed and why').max(1000),
  });
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
