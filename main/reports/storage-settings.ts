import type { S3Settings } from '../../shared/contract';
import { recordAudit } from '../audit';
import type { PartialHandlers } from '../dispatch';
import type { Bank } from '../source';
import type { ReportHistory } from './history';

export type StorageSettingsMethod = 'settings.reportStorage.get' | 'settings.reportStorage.set';

export interface StorageSettingsDeps {
  history: ReportHistory;
  /** Where the audit chain lives: the runtime's source of truth. */
  bank: Bank;
  /** After a change: retry the reports waiting in the outbox against the new bucket. */
  onSaved?: () => void;
}

const same = (a: S3Settings | null, b: S3Settings): boolean => a !== null && JSON.stringify(a) === JSON.stringify(b);

/**
 * Settings → Report storage: the one place the S3 bucket, prefix, region and encryption are edited.
 * A change is recorded in the audit chain first (who, the settings before and after) and then saved;
 * saving the same settings again changes nothing and records nothing. The settings hold no secret, so
 * the audit entry carries them whole.
 */
export function storageSettingsHandlers(deps: StorageSettingsDeps): PartialHandlers<StorageSettingsMethod> {
  return {
    'settings.reportStorage.get': async () => ({ settings: await deps.history.storage() }),
    'settings.reportStorage.set': async (input, ctx) => {
      const before = await deps.history.storage();
      if (same(before, input)) return { settings: input, changed: false };
      // Audit first: a recorded change that failed to save is better than an unrecorded one.
      await recordAudit(deps.bank, {
        actor: ctx.session.username,
        action: before ? 'report_storage.changed' : 'report_storage.set',
        entity: 'settings',
        entityId: 'report-storage',
        details: { before, after: input },
      });
      const settings = await deps.history.setStorage(input);
      deps.onSaved?.();
      return { settings, changed: true };
    },
  };
}
