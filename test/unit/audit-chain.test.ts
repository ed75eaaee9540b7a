import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recordAudit, verifyAudit } from '../../main/audit';
import type { Bank } from '../../main/source';
import { emptySqliteBank } from '../support/banks';
import { tempDir } from '../support/temp';

describe('audit hash chain (embedded bank)', () => {
  let dir: ReturnType<typeof tempDir>;
  let bank: Bank;
  beforeEach(async () => {
    dir = tempDir();
    bank = await emptySqliteBank(dir.path);
    for (let i = 1; i <= 5; i++) await recordAudit(bank, { actor: 'admin', action: 'test.change', entity: 'thing', entityId: i, details: { n: i } });
  });
  afterEach(async () => {
    await bank.close();
    dir.remove();
  });

  it('verifies an intact chain', async () => {
    expect(await verifyAudit(bank.db)).toEqual({ ok: true, checked: 5, firstBroken: null });
  });

  it('names the first entry whose contents were edited', async () => {
    await sql`update audit_log set details = '{"n":99}' where seq = 3`.execute(bank.db);
    const r = await verifyAudit(bank.db);
    expect(r.ok).toBe(false);
    expect(r.firstBroken).toEqual({ seq: 3, reason: expect.stringContaining('changed') });
  });

  it('detects an edit even when the attacker recomputes that row’s hash (the next link breaks)', async () => {
    await sql`update audit_log set actor = 'mallory', hash = ${'f'.repeat(64)} where seq = 2`.execute(bank.db);
    const r = await verifyAudit(bank.db);
    expect(r.firstBroken?.seq).toBe(2);
  });

  it('detects a deleted entry in the middle', async () => {
    await sql`delete from audit_log where seq = 4`.execute(bank.db);
    const r = await verifyAudit(bank.db);
    expect(r.firstBroken).toEqual({ seq: 4, reason: expect.stringContaining('missing') });
  });

  it('detects a deleted last entry through the chain head', async () => {
    await sql`delete from audit_log where seq = 5`.execute(bank.db);
    const r = await verifyAudit(bank.db);
    expect(r.ok).toBe(false);
    expect(r.firstBroken?.seq).toBe(5);
  });
});
