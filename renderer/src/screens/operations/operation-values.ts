import { z } from 'zod';
import { isValidIban } from '../../../../shared/account-number';
import type { AccountDetail, Operation, OperationKind } from '../../../../shared/contract';
import type { FieldIssue } from '../../../../shared/errors';
import { parseAmount } from '../../../../shared/money';
import { normaliseAccountNo } from './account-number-input';

/** Everything the operation forms hold, as typed; the kind decides which fields count. */
export interface OperationValues {
  /** The source account number when it was not given by the address. */
  fromText: string;
  amount: string;
  description: string;
  toAccountNo: string;
  beneficiaryIban: string;
  beneficiaryName: string;
}

export type OperationField = keyof OperationValues;
export const OPERATION_FIELDS: readonly OperationField[] = ['fromText', 'amount', 'description', 'toAccountNo', 'beneficiaryIban', 'beneficiaryName'];

export const EMPTY_VALUES: OperationValues = { fromText: '', amount: '', description: '', toAccountNo: '', beneficiaryIban: '', beneficiaryName: '' };

/**
 * The form's rules, the same as the server's: amount positive with at most the currency's decimals (shared/money.ts),
 * a real IBAN for an external beneficiary, a memo of at most 140 characters.
 */
export function operationFormSchema(kind: OperationKind, currency: string | null) {
  const need = (on: boolean, check: (s: string) => string | null) =>
    z.string().superRefine((s, ctx) => {
      if (!on) return;
      const problem = check(s);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    });
  return z.object({
    fromText: z.string(),
    amount: z.string().superRefine((s, ctx) => {
      const parsed = parseAmount(s, currency ?? 'XXX');
      if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.reason });
    }),
    description: z.string().max(140, 'Use at most 140 characters'),
    toAccountNo: need(kind === 'transfer', (s) => (normaliseAccountNo(s).length < 8 ? 'Enter the destination account number' : null)),
    beneficiaryIban: need(kind === 'external_transfer', (s) =>
      s.trim() === '' ? 'Enter the beneficiary’s IBAN' : !isValidIban(s) ? 'Not a valid IBAN: check the country code and the check digits' : null,
    ),
    beneficiaryName: need(kind === 'external_transfer', (s) => (s.trim().length < 2 ? 'Enter the beneficiary’s name' : s.length > 160 ? 'Use at most 160 characters' : null)),
  });
}

/** The contract's operation for the values and the source account. */
export function toOperation(kind: OperationKind, source: AccountDetail, v: OperationValues): Operation {
  const base = { amount: v.amount.trim(), currency: source.currency, description: v.description.trim() };
  switch (kind) {
    case 'deposit':
      return { kind, accountId: source.id, ...base };
    case 'withdrawal':
      return { kind, accountId: source.id, ...base };
    case 'transfer':
      return { kind, fromAccountId: source.id, toAccountNo: normaliseAccountNo(v.toAccountNo), ...base };
    case 'external_transfer':
      return { kind, fromAccountId: source.id, beneficiaryIban: normaliseAccountNo(v.beneficiaryIban), beneficiaryName: v.beneficiaryName.trim(), ...base };
  }
}

/** A server issue's path ("amount", "operation.toAccountNo") → the form field it is about. */
export function fieldOfIssue(issue: FieldIssue): OperationField | null {
  const last = issue.path.split('.').pop() ?? '';
  if (last === 'accountId' || last === 'fromAccountId') return 'fromText';
  return OPERATION_FIELDS.find((f) => f === last) ?? null;
}

/**
 * Whether the server's answer to the reviewed values still speaks about the form: once any field was
 * edited (another destination, another amount) its refusal and field issues are stale and go.
 */
export function answerStillApplies(current: Partial<OperationValues>, reviewed: OperationValues): boolean {
  return OPERATION_FIELDS.every((f) => (current[f] ?? '').trim() === reviewed[f].trim());
}
