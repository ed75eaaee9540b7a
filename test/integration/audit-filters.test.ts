import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendAudit, listAudit } from '../../main/audit';
import type { Bank } from '../../main/source';
import { auditQuery } from '../../renderer/src/screens/audit/audit-query';
import { freshBank } from '../support/banks';

const DAY = 86_400_000;

/** Issue 16: the audit log filters by date and actor (the screen's days become an instant range). */
describe('audit log filters', () => {
  let bank: Bank;
  let dispose: () => Promise<void>;
  const d1 = new Date(2026, 10, 30, 15, 0).getTime();
  beforeAll(async () => {
    ({ bank, dispose } = await freshBank('sqlite', 'cbauditfilter'));
    const entries: [string, number][] = [
      ['teller', d1],
      ['analyst', d1 + DAY],
      ['teller', d1 + DAY + 3_600_000],
      ['teller', d1 + 3 * DAY],
    ];
    for (const [actor, at] of entries)
      await bank.db
        .transaction()
        .execute((trx) => appendAudit(trx, bank.dialect, { actor, action: 'test.entry', entity: 'test', entityId: String(at), details: { amount: 20000, currency: 'EUR' } }, at));
  });
  afterAll(async () => dispose?.());

  it('keeps the entries of the chosen days and actor', async () => {
    const day2 = new Date(d1 + DAY);
    const key = `${day2.getFullYear()}-${String(day2.getMonth() + 1).padStart(2, '0')}-${String(day2.getDate()).padStart(2, '0')}`;
    const q = auditQuery({ actor: '', action: '', fromDay: key, toDay: key });
    const oneDay = await listAudit(bank.db, { limit: 50, ...q });
    expect(oneDay.entries.map((e) => e.actor).sort()).toEqual(['analyst', 'teller']);
    const tellerFrom = await listAudit(bank.db, { limit: 50, ...auditQuery({ actor: 'teller', action: '', fromDay: key, toDay: '' }) });
    expect(tellerFrom.total).toBe(2);
    expect(tellerFrom.entries.every((e) => e.actor === 'teller' && e.at >= d1 + DAY - 15 * 3_600_000)).toBe(true);
    const all = await listAudit(bank.db, { limit: 50, ...auditQuery({ actor: '', action: '', fromDay: '', toDay: '' }) });
    expect(all.total).toBe(4);
  });
});
