import type { PartialHandlers } from '../dispatch';
import type { Bank } from '../source';
import { listAudit, verifyAudit } from './log';
import { sealAudit } from './queue';

export function auditHandlers(bank: Bank): PartialHandlers<'audit.list' | 'audit.verify'> {
  return {
    // Seal what operations queued first, so the viewer and the check always cover every change.
    'audit.list': async (input) => {
      await sealAudit(bank);
      return listAudit(bank.db, input);
    },
    'audit.verify': async () => {
      await sealAudit(bank);
      return verifyAudit(bank.db);
    },
  };
}
