import { bankDayOf, dayIso } from '../../shared/bank-time';
import { AppError } from '../../shared/errors';
import { recordAudit } from '../audit';
import type { PartialHandlers } from '../dispatch';
import { roleHas } from '../../shared/roles';
import type { Bank } from '../source';
import { accountDetail, closeAccount, openAccount, setAccountStatus } from './accounts';
import { bankZone } from './bank-zone';
import { InternalRoutes } from './internal-routes';
import { previewOperation, submitOperation } from './operations';
import { findTransactions } from './find-transactions';
import { receiptOrThrow } from './receipts';
import { statementCsv } from './statement-csv';
import { statementPdf } from './statement-pdf';
import { statementFor } from './statements';
import { approveUnfreeze, requestUnfreeze } from './unfreeze-requests';

export interface BankingDeps {
  /** The authoritative bank: every write, and reads while it is reachable. */
  bank: Bank;
  /**
   * Where reads go: the bank while online, the local cache while it is not — with the time the
   * cache was last in step (`asOf`), so a balance shown offline always says how old it is.
   */
  readSide: () => { bank: Bank; asOf: number | null };
  bankName: string;
}

type BankingMethods =
  | 'accounts.get'
  | 'accounts.open'
  | 'accounts.setStatus'
  | 'accounts.requestUnfreeze'
  | 'accounts.approveUnfreeze'
  | 'accounts.close'
  | 'ops.preview'
  | 'ops.submit'
  | 'ops.receipt'
  | 'transactions.find'
  | 'statements.get'
  | 'statements.export';

/** YYYY-MM-DD of the bank day an instant falls in. */
const fileStamp = (ms: number, timeZone: string): string => dayIso(bankDayOf(ms, timeZone));

export function bankingHandlers(deps: BankingDeps): PartialHandlers<BankingMethods> {
  const routes = new InternalRoutes(deps.bank);
  return {
    'accounts.get': (input) => {
      const side = deps.readSide();
      return accountDetail(side.bank.db, input, side.asOf);
    },
    'accounts.open': (input, ctx) => openAccount(deps.bank, routes, input, ctx.session.username),
    'accounts.setStatus': (input, ctx) => {
      // A fraud or compliance freeze is taken by those who may review it: only they can have it lifted.
      if (input.status === 'frozen' && input.kind && input.kind !== 'customer_request' && !roleHas(ctx.session.role, 'fraud.review')) {
        throw new AppError(
          'FORBIDDEN',
          `A ${input.kind} freeze is set by fraud review (fraud analysts, compliance officers, managers); freeze at the customer’s request instead, or report it to them.`,
        );
      }
      return setAccountStatus(deps.bank, input, ctx.session.username);
    },
    'accounts.requestUnfreeze': (input, ctx) => requestUnfreeze(deps.bank, input, ctx.session.username),
    'accounts.approveUnfreeze': (input, ctx) => approveUnfreeze(deps.bank, input, ctx.session.username),
    'accounts.close': (input, ctx) => closeAccount(deps.bank, input, ctx.session.username),
    // The confirmation step reads the bank itself: it must show the balances the posting will meet.
    'ops.preview': (input) => previewOperation(deps.bank, routes, input),
    'ops.submit': (input, ctx) => submitOperation(deps.bank, routes, input.operation, input.idempotencyKey, ctx.session.username),
    'ops.receipt': (input) => receiptOrThrow(deps.readSide().bank.db, input.reference),
    'transactions.find': (input) => findTransactions(deps.readSide().bank.db, input.reference, input.limit),
    'statements.get': (input) => {
      const side = deps.readSide();
      return statementFor(side.bank.db, input, side.asOf);
    },
    'statements.export': async (input, ctx) => {
      const side = deps.readSide();
      const s = await statementFor(side.bank.db, input, side.asOf);
      // Statement dates are bank dates (bank_meta.timezone), whatever zone the teller's desktop is in.
      const timeZone = await bankZone(side.bank.db);
      const name = `statement-${s.account.accountNo}-${fileStamp(input.from, timeZone)}-to-${fileStamp(Math.max(input.from, input.to - 1), timeZone)}`;
      // A statement is a customer's data leaving the bank: audited on the bank before it is handed
      // out (issue 14, finding 11). If the audit cannot be written (bank unreachable), no file.
      await recordAudit(deps.bank, {
        actor: ctx.session.username,
        action: 'statement.exported',
        entity: 'account',
        entityId: s.account.accountNo,
        details: { format: input.format, from: input.from, to: input.to, lines: s.lines.length, fromCache: side.asOf !== null },
      });
      if (input.format === 'csv') {
        return { filename: `${name}.csv`, mimeType: 'text/csv', base64: Buffer.from(statementCsv(s, timeZone), 'utf8').toString('base64') };
      }
      const pdf = await statementPdf(s, { bankName: deps.bankName, timeZone, generatedBy: ctx.session.username });
      return { filename: `${name}.pdf`, mimeType: 'application/pdf', base64: pdf.toString('base64') };
    },
  };
}
