import type { PartialHandlers } from '../dispatch';
import type { Bank } from '../source';
import { addAlerts, assignCase, createCase, escalateCase, reopenAlert } from './cases';
import { blockCaseCards, recallCaseTransfer, recordContact } from './protective';
import { getCase, listCases } from './read';

type CaseMethods =
  'cases.list' | 'cases.get' | 'cases.create' | 'cases.addAlerts' | 'cases.assign' | 'cases.escalate' | 'alerts.reopen' | 'cards.block' | 'transfers.recall' | 'contacts.record';

/** Review cases and the protective actions taken within them: all on the bank itself (reads too: a timeline must be current). */
export function fraudCaseHandlers(deps: { bank: Bank }): PartialHandlers<CaseMethods> {
  const { bank } = deps;
  return {
    'cases.list': (input, ctx) => listCases(bank, input, ctx.session.username),
    'cases.get': (input, ctx) => getCase(bank, input.id, ctx.session.username),
    'cases.create': (input, ctx) => createCase(bank, input, ctx.session.username),
    'cases.addAlerts': (input, ctx) => addAlerts(bank, input, ctx.session.username),
    'cases.assign': (input, ctx) => assignCase(bank, input, ctx.session.username),
    'cases.escalate': (input, ctx) => escalateCase(bank, input, ctx.session.username),
    'alerts.reopen': (input, ctx) => reopenAlert(bank, input, ctx.session.username),
    'cards.block': (input, ctx) => blockCaseCards(bank, input, ctx.session.username),
    'transfers.recall': (input, ctx) => recallCaseTransfer(bank, input, ctx.session.username),
    'contacts.record': (input, ctx) => recordContact(bank, input, ctx.session.username),
  };
}
