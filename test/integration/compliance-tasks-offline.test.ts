import Database from 'better-sqlite3-multiple-ciphers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Outbox } from '../../main/cache';
import { createCompliance } from '../../main/compliance';
import type { CallContext } from '../../main/dispatch';
import { IN_THREAD, metricStore } from '../../main/metrics';
import type { Bank } from '../../main/source';
import { freshBank } from '../support/banks';
import { loadComplianceFixture } from '../support/compliance-fixture';

/**
 * Corrective tasks offline: changes go to the cache's outbox (a real one, on SQLite) with the task's
 * version, are replayed on reconnect, and a change made on the bank meanwhile is a conflict that stays
 * listed — never overwritten; a note alone still applies. The bank is real (embedded and MariaDB).
 */
const NOW = Date.parse('2024-11-20T12:00:00Z');
const ctx = (username: string): CallContext => ({ session: { token: 't', userId: 1, username, role: 'compliance_officer' }, transport: 'test', origin: 'test' });

function outboxDb(): Database.Database {
  const db = new Database(':memory:');
  db.exec(`create table outbox (id integer primary key autoincrement, command_id text not null unique, method text not null, input text not null, actor text not null,
    created_at integer not null, status text not null default 'pending', attempts integer not null default 0, last_error text, conflict text)`);
  return db;
}

describe.each(['sqlite', 'mysql'] as const)('compliance tasks offline on %s', (engine) => {
  let bank: Bank;
  let dispose: () => Promise<void>;
  beforeAll(async () => {
    const fresh = await freshBank(engine, 'cbtaskoff');
    bank = fresh.bank;
    dispose = fresh.dispose;
    await loadComplianceFixture(bank);
  });
  afterAll(async () => dispose());

  it('queues offline, replays on reconnect, reports a conflict and keeps it listed', async () => {
    let offline = false;
    const listeners: (() => void)[] = [];
    const outbox = new Outbox(outboxDb());
    const deps = {
      bank,
      store: () => metricStore(bank, null, NOW),
      runner: IN_THREAD,
      readSide: () => ({ bank, asOf: offline ? NOW : null }),
      offline: () => offline,
      clock: () => NOW,
    };
    const clara = createCompliance({ ...deps, cache: { outbox, onReconnect: (l) => (listeners.push(l), () => undefined) } });
    // Olga works at another workstation that reaches the bank.
    const olga = createCompliance({ ...deps, offline: () => false, readSide: () => ({ bank, asOf: null }), clock: () => NOW + 60_000 });

    const created = await clara.handlers['compliance.tasks.create'](
      {
        monitorId: 'ctr_large_cash',
        title: 'File the overdue CTR',
        owner: 'clara',
        dueDay: '2024-11-22',
        links: { customers: [1], accounts: [], transactions: [] },
        note: '',
        idempotencyKey: 'offline-task-000001',
      },
      ctx('clara'),
    );
    const id = created.taskId as number;

    offline = true;
    const queued = await clara.handlers['compliance.tasks.update']({ id, status: 'done', idempotencyKey: 'offline-task-000002' }, ctx('clara'));
    expect(queued.status).toBe('queued');
    const note = await clara.handlers['compliance.tasks.update']({ id, note: 'Filed with FinCEN, see evidence', idempotencyKey: 'offline-task-000003' }, ctx('clara'));
    expect(note.status).toBe('queued');
    const queuedCreate = await clara.handlers['compliance.tasks.create'](
      {
        monitorId: 'structuring',
        title: 'Interview customer 4',
        owner: 'clara',
        dueDay: '2024-11-25',
        links: { customers: [4], accounts: [], transactions: [] },
        note: '',
        idempotencyKey: 'offline-task-000004',
      },
      ctx('clara'),
    );
    expect(queuedCreate).toMatchObject({ status: 'queued', taskId: null });
    const listed = await clara.handlers['compliance.tasks.list']({}, ctx('clara'));
    expect(listed.tasks.find((t) => t.id === id)?.pending.map((p) => p.status)).toEqual(['pending', 'pending']);
    expect(listed.tasks.some((t) => t.id < 0 && t.title === 'Interview customer 4')).toBe(true);

    // Meanwhile someone else reassigns the task on the bank.
    await olga.handlers['compliance.tasks.update']({ id, owner: 'olga', idempotencyKey: 'offline-task-000005' }, ctx('olga'));

    offline = false;
    const summary = await clara.replay();
    expect(summary).toEqual({ applied: 2, conflicts: 1, failed: 0, remaining: 0 });
    const entries = outbox.list();
    expect(entries.map((e) => e.status)).toEqual(['conflict', 'applied', 'applied']);
    expect(entries[0]?.message).toContain('was changed on the bank while you were offline');
    const after = await clara.handlers['compliance.tasks.list']({}, ctx('clara'));
    const task = after.tasks.find((t) => t.id === id);
    expect(task).toMatchObject({ status: 'open', owner: 'olga' });
    expect(task?.notes.map((n) => n.text)).toEqual(['Filed with FinCEN, see evidence']);
    expect(task?.pending.map((p) => p.status)).toEqual(['conflict']);
    expect(after.tasks.filter((t) => t.title === 'Interview customer 4').map((t) => t.id > 0)).toEqual([true]);
    // A second replay changes nothing.
    expect(await clara.replay()).toEqual({ applied: 0, conflicts: 0, failed: 0, remaining: 0 });
  });
});
