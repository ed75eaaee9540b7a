import type { PartialHandlers } from '../dispatch';
import type { Bank } from '../source';
import { listAudit, verifyAudit } from './log';

export function auditHandlers(bank: Bank): PartialHandlers<'audit.list' | 'audit.verify'> {
  return {
    'audit.list': (input) => listAudit(bank.db, input),
    'audit.verify': () => verifyAudit(bank.db),
  };
}
