import type { Channel, JournalType } from '../../ledger';
import type { Trans } from './schemas';

/** The bank's side of a Berka transaction: which of its own accounts the counter-entry goes to. */
export type CounterAccount = 'cash' | 'clearing' | 'interestExpense' | 'interestIncome' | 'feeIncome';

export interface Operation {
  /** Money comes into the customer's account. */
  credit: boolean;
  type: JournalType;
  channel: Channel;
  counter: CounterAccount;
  description: string;
}

export type Classified = { ok: true; op: Operation } | { ok: false; column: 'operation' | 'k_symbol'; reason: string };

/** k_symbol of a debit that names its purpose (payments to third parties go out through clearing). */
const DEBIT_PURPOSE: Record<string, Omit<Operation, 'credit' | 'channel'> & { channel?: Channel }> = {
  SLUZBY: { type: 'fee', channel: 'system', counter: 'feeIncome', description: 'Statement fee' },
  'SANKC. UROK': { type: 'interest', channel: 'system', counter: 'interestIncome', description: 'Penalty interest (negative balance)' },
  UVER: { type: 'loan_repayment', counter: 'clearing', description: 'Loan payment' },
  SIPO: { type: 'payment', counter: 'clearing', description: 'Household payment (SIPO)' },
  POJISTNE: { type: 'payment', counter: 'clearing', description: 'Insurance premium' },
  LEASING: { type: 'payment', counter: 'clearing', description: 'Leasing instalment' },
};

/** How the money moved, by Berka operation. */
const DEBIT_OPERATION: Record<string, Omit<Operation, 'credit'>> = {
  VYBER: { type: 'withdrawal', channel: 'branch', counter: 'cash', description: 'Cash withdrawal' },
  'VYBER KARTOU': { type: 'withdrawal', channel: 'atm', counter: 'cash', description: 'Card withdrawal (ATM)' },
  'PREVOD NA UCET': { type: 'transfer', channel: 'wire', counter: 'clearing', description: 'Outgoing transfer' },
};

/**
 * Berka type / operation / k_symbol → journal type, channel and counter-account. PRIJEM is a
 * credit, VYDAJ and VYBER debits; k_symbol, when it names a purpose, decides the journal type
 * (a statement fee is booked as operation VYBER but is a fee), the operation decides the channel.
 * Combinations the guide does not describe are refused rather than guessed.
 */
export function classify(t: Trans): Classified {
  const op = t.operation;
  const k = t.k_symbol;
  if (t.type === 'PRIJEM') {
    if (k !== '' && k !== 'UROK' && k !== 'DUCHOD') return { ok: false, column: 'k_symbol', reason: `"${k}" is not a k_symbol of a credit (UROK, DUCHOD or empty)` };
    if (op === '' || k === 'UROK') return { ok: true, op: { credit: true, type: 'interest', channel: 'system', counter: 'interestExpense', description: 'Interest credited' } };
    if (op === 'VKLAD') return { ok: true, op: { credit: true, type: 'deposit', channel: 'branch', counter: 'cash', description: 'Cash deposit' } };
    if (op === 'PREVOD Z UCTU')
      return { ok: true, op: { credit: true, type: 'transfer', channel: 'wire', counter: 'clearing', description: k === 'DUCHOD' ? 'Pension' : 'Incoming transfer' } };
    return { ok: false, column: 'operation', reason: `"${op}" is not an operation of a credit (VKLAD, PREVOD Z UCTU or empty for interest)` };
  }
  const how = DEBIT_OPERATION[op];
  if (!how) return { ok: false, column: 'operation', reason: `"${op}" is not an operation of a debit (VYBER, VYBER KARTOU or PREVOD NA UCET)` };
  if (k === '') return { ok: true, op: { credit: false, ...how } };
  const purpose = DEBIT_PURPOSE[k];
  if (!purpose) return { ok: false, column: 'k_symbol', reason: `"${k}" is not a k_symbol of a debit (${Object.keys(DEBIT_PURPOSE).join(', ')} or empty)` };
  return { ok: true, op: { credit: false, type: purpose.type, channel: purpose.channel ?? how.channel, counter: purpose.counter, description: purpose.description } };
}

/** Berka's counterparty: a two-letter bank code and an account number ("0" or empty when none). */
export function counterpartyAccount(t: Trans): string | null {
  return t.bank !== '' && t.account !== '' && t.account !== '0' ? `${t.account}/${t.bank}` : null;
}
