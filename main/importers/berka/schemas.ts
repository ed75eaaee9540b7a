import { z } from 'zod';
import { amount, balance, code, date, dateTime, decodeBirthNumber, id } from './fields';

/** The columns each Berka file must have, in order, and how each row is read. */
export const DISTRICT = {
  file: 'district.asc',
  columns: ['A1', 'A2', 'A3', 'A4', 'A5', 'A6', 'A7', 'A8', 'A9', 'A10', 'A11', 'A12', 'A13', 'A14', 'A15', 'A16'],
  schema: z.object({ A1: id, A2: z.string().min(1, { error: 'the district name is empty' }), A3: z.string() }),
};

export const ACCOUNT = {
  file: 'account.asc',
  columns: ['account_id', 'district_id', 'frequency', 'date'],
  schema: z.object({
    account_id: id,
    district_id: id,
    frequency: z.enum(['POPLATEK MESICNE', 'POPLATEK TYDNE', 'POPLATEK PO OBRATU'], { error: 'must be POPLATEK MESICNE, POPLATEK TYDNE or POPLATEK PO OBRATU' }),
    date,
  }),
};

export const CLIENT = {
  file: 'client.asc',
  columns: ['client_id', 'birth_number', 'district_id'],
  schema: z.object({
    client_id: id,
    birth_number: z.string().transform((s, ctx) => {
      const d = decodeBirthNumber(s);
      if (!d) {
        ctx.addIssue({ code: 'custom', message: `"${s}" is not a birth number yymmdd (women: month + 50)` });
        return z.NEVER;
      }
      return { raw: s, ...d };
    }),
    district_id: id,
  }),
};

export const DISP = {
  file: 'disp.asc',
  columns: ['disp_id', 'client_id', 'account_id', 'type'],
  schema: z.object({ disp_id: id, client_id: id, account_id: id, type: z.enum(['OWNER', 'DISPONENT'], { error: 'must be OWNER or DISPONENT' }) }),
};

export const ORDER = {
  file: 'order.asc',
  columns: ['order_id', 'account_id', 'bank_to', 'account_to', 'amount', 'k_symbol'],
  schema: z.object({ order_id: id, account_id: id, bank_to: code, account_to: code, amount, k_symbol: code }),
};

export const LOAN = {
  file: 'loan.asc',
  columns: ['loan_id', 'account_id', 'date', 'amount', 'duration', 'payments', 'status'],
  schema: z.object({
    loan_id: id,
    account_id: id,
    date,
    amount,
    duration: z
      .string()
      .regex(/^[1-9]\d{0,2}$/, { error: 'must be a number of months' })
      .transform(Number),
    payments: amount,
    status: z.enum(['A', 'B', 'C', 'D'], { error: 'must be A, B, C or D' }),
  }),
};

export const CARD = {
  file: 'card.asc',
  columns: ['card_id', 'disp_id', 'type', 'issued'],
  schema: z.object({ card_id: id, disp_id: id, type: z.enum(['classic', 'junior', 'gold'], { error: 'must be classic, junior or gold' }), issued: dateTime }),
};

export const TRANS = {
  columns: ['trans_id', 'account_id', 'date', 'type', 'operation', 'amount', 'balance', 'k_symbol', 'bank', 'account'],
  schema: z.object({
    trans_id: id,
    account_id: id,
    date,
    type: z.enum(['PRIJEM', 'VYDAJ', 'VYBER'], { error: 'must be PRIJEM, VYDAJ or VYBER' }),
    operation: code,
    amount,
    balance,
    k_symbol: code,
    bank: code,
    account: code,
  }),
};

export type District = z.output<typeof DISTRICT.schema>;
export type Account = z.output<typeof ACCOUNT.schema>;
export type Client = z.output<typeof CLIENT.schema>;
export type Disp = z.output<typeof DISP.schema>;
export type Order = z.output<typeof ORDER.schema>;
export type Loan = z.output<typeof LOAN.schema>;
export type Card = z.output<typeof CARD.schema>;
export type Trans = z.output<typeof TRANS.schema>;
