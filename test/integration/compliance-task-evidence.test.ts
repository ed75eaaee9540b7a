import Database from 'better-sqlite3-multiple-ciphers';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Outbox } from '../../main/cache';
import { createCompliance } from '../../main/compliance';
import { sanitizeFilename, sniffEvidence } from '../../main/compliance/evidence';
import type { CallContext } from '../../main/dispatch';
import { IN_THREAD, metricStore } from '../../main/metrics';
import type { Bank } from '../../main/source';
import { contract, EVIDENCE_MAX_BYTES } from '../../shared/contract';
import { freshBank } from '../support/banks';
import { loadComplianceFixture } from '../support/compliance-fixture';

/**
 * Evidence on corrective tasks, on a real bank (embedded and MariaDB) and a real outbox: the bytes
 * are stored on the bank, listed on the task (name, type, size, who, when), downloaded as stored,
 * every step audited; the type comes from the content, the name is cleaned; offline the file waits
 * in the outbox entry and lands on the bank on reconnect, once.
 */
const NOW = Date.parse('2024-11-20T12:00:00Z');
const ctx = (username: string): CallContext => ({ session: { token: 't', userId: 1, username, role: 'compliance_officer' }, transport: 'test', origin: 'test' });
const b64 = (b: Buffer | string) => Buffer.from(b).toString('base64');
const CSV = 'customer_no,day,cash_in\nC1,2024-11-19,1200000\nC2,2024-11-19,990000\n';
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('IHDR fake image body')]);

function outboxDb(): Database.Database {
  const db = new Database(':memory:');
  db.exec(`create table outbox (id integer primary key autoincrement, command_id text not null unique, method text not null, input text not null, actor text not null,
    created_at integer not null, status text not null default 'pending', attempts integer not null default 0, last_error text, conflict text)`);
  return db;
}

describe('evidence checks', () => {
  it('knows a file by its content, not its name', () => {
    expect(sniffEvidence(Buffer.from('%PDF-1.7\n…'))).toBe('pdf');
    expect(sniffEvidence(PNG)).toBe('png');
    expect(sniffEvidence(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]))).toBe('jpg');
    expect(sniffEvidence(Buffer.from(CSV))).toBe('csv');
    expect(sniffEvidence(Buffer.from('PK\u0003\u0004....[Content_Types].xml....xl/workbook.xml', 'latin1'))).toBe('xlsx');
    // A zip that is not a workbook, a Windows program, bytes that are not UTF-8, text with NULs.
    expect(sniffEvidence(Buffer.from('PK\u0003\u0004....word/document.xml', 'latin1'))).toBeNull();
    expect(sniffEvidence(Buffer.from('MZ\u0090\u0000\u0003', 'latin1'))).toBeNull();
    expect(sniffEvidence(Buffer.from([0x61, 0xc3, 0x28]))).toBeNull();
    expect(sniffEvidence(Buffer.from('a,b\u0000c'))).toBeNull();
  });

  it('cleans names: no folders, controls, bidi overrides or leading dots; the extension says the type', () => {
    expect(sanitizeFilename('../../etc/<rows>.csv', 'csv')).toBe('rows.csv');
    expect(sanitizeFilename('C:\\Users\\clara\\scan\u202egpj.pdf', 'pdf')).toBe('scangpj.pdf');
    expect(sanitizeFilename('...hidden.PNG', 'png')).toBe('hidden.png');
    expect(sanitizeFilename('photo.jpeg', 'jpg')).toBe('photo.jpeg');
    expect(sanitizeFilename('   .csv', 'csv')).toBe('csv.csv');
    expect(sanitizeFilename(`${'x'.repeat(300)}.pdf`, 'pdf')).toBe(`${'x'.repeat(110)}.pdf`);
  });

  it('the contract refuses a file over the size limit before it is decoded', () => {
    const input = contract['compliance.tasks.evidence.attach'].input;
    const big = b64(Buffer.alloc(EVIDENCE_MAX_BYTES + 3, 0x61));
    expect(input.safeParse({ taskId: 1, filename: 'big.csv', source: 'file', contentBase64: big, idempotencyKey: 'evidence-key-00000001' }).success).toBe(false);
    const ok = b64(Buffer.alloc(EVIDENCE_MAX_BYTES, 0x61));
    expect(input.safeParse({ taskId: 1, filename: 'big.csv', source: 'file', contentBase64: ok, idempotencyKey: 'evidence-key-00000001' }).success).toBe(true);
  });
});

describe.each(['sqlite', 'mysql'] as const)('task evidence on %s', (engine) => {
  let bank: Bank;
  let dispose: () => Promise<void>;
  beforeAll(async () => {
    const fresh = await freshBank(engine, 'cbevid');
    bank = fresh.bank;
    dispose = fresh.dispose;
    await loadComplianceFixture(bank);
  });
  afterAll(async () => dispose());

  const setup = () => {
    let offline = false;
    const outbox = new Outbox(outboxDb());
    const clara = createCompliance({
      bank,
      store: () => metricStore(bank, null, NOW),
      runner: IN_THREAD,
      readSide: () => ({ bank, asOf: offline ? NOW : null }),
      offline: () => offline,
      clock: () => NOW,
      cache: { outbox, onReconnect: () => () => undefined },
    });
    return { clara, outbox, goOffline: (v: boolean) => (offline = v) };
  };

  const newTask = async (c: ReturnType<typeof setup>['clara'], key: string) => {
    const r = await c.handlers['compliance.tasks.create'](
      {
        monitorId: 'ctr_large_cash',
        title: 'File the CTRs',
        owner: 'clara',
        dueDay: '2024-11-22',
        links: { customers: [1], accounts: [], transactions: [] },
        note: '',
        idempotencyKey: key,
      },
      ctx('clara'),
    );
    return r.taskId as number;
  };

  it('stores, lists, downloads and audits an attachment; the same key twice attaches once', async () => {
    const { clara } = setup();
    const taskId = await newTask(clara, `evid-${engine}-task-0001`);
    const attach = { taskId, filename: '../drill/large cash rows.csv', source: 'export' as const, contentBase64: b64(CSV), idempotencyKey: `evid-${engine}-att-00001` };
    const r = await clara.handlers['compliance.tasks.evidence.attach'](attach, ctx('clara'));
    expect(r).toMatchObject({ status: 'applied', taskId });
    const again = await clara.handlers['compliance.tasks.evidence.attach'](attach, ctx('clara'));
    expect(again.message).toContain('already applied');
    await clara.handlers['compliance.tasks.evidence.attach'](
      { taskId, filename: 'branch-photo.png', source: 'file', contentBase64: b64(PNG), idempotencyKey: `evid-${engine}-att-00002` },
      ctx('olga'),
    );

    const { tasks } = await clara.handlers['compliance.tasks.list']({}, ctx('clara'));
    const evidence = tasks.find((t) => t.id === taskId)?.evidence ?? [];
    expect(evidence.map((e) => [e.filename, e.mediaType, e.source, e.bytes, e.attachedBy, e.at])).toEqual([
      ['large cash rows.csv', 'text/csv', 'export', Buffer.byteLength(CSV), 'clara', NOW],
      ['branch-photo.png', 'image/png', 'file', PNG.length, 'olga', NOW],
    ]);
    expect(evidence[0]?.sha256).toBe(createHash('sha256').update(CSV).digest('hex'));

    const file = await clara.handlers['compliance.tasks.evidence.download']({ taskId, evidenceId: evidence[1]?.id as number }, ctx('clara'));
    expect(file).toEqual({ filename: 'branch-photo.png', mimeType: 'image/png', base64: b64(PNG) });
    await expect(clara.handlers['compliance.tasks.evidence.download']({ taskId: taskId + 1000, evidenceId: evidence[1]?.id as number }, ctx('clara'))).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });

    const stored = await bank.db
      .withTables<{ compliance_task_evidence: { task_id: number } }>()
      .selectFrom('compliance_task_evidence')
      .selectAll()
      .where('task_id', '=', taskId)
      .execute();
    expect(stored).toHaveLength(2);
    const audit = await bank.db
      .selectFrom('audit_log')
      .select(['action', 'actor', 'details'])
      .where('entity', '=', 'compliance_task')
      .where('entity_id', '=', String(taskId))
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => [a.action, a.actor])).toEqual([
      ['compliance.task_created', 'clara'],
      ['compliance.task_evidence_attached', 'clara'],
      ['compliance.task_evidence_attached', 'olga'],
      ['compliance.task_evidence_downloaded', 'clara'],
    ]);
    expect(audit[1]?.details).toContain(createHash('sha256').update(CSV).digest('hex'));
  });

  it('refuses a file whose content is not an allowed type or does not match its name, storing nothing', async () => {
    const { clara } = setup();
    const taskId = await newTask(clara, `evid-${engine}-task-0002`);
    const tries: [string, Buffer | string][] = [
      ['invoice.pdf', PNG],
      ['rows.csv', Buffer.from('MZ\u0090\u0000\u0003\u0000', 'latin1')],
      ['tool.exe', Buffer.from('%PDF-1.4')],
      ['empty.csv', ''],
    ];
    for (const [i, [filename, content]] of tries.entries()) {
      await expect(
        clara.handlers['compliance.tasks.evidence.attach'](
          { taskId, filename, source: 'file', contentBase64: b64(content), idempotencyKey: `evid-${engine}-bad-0000${i}` },
          ctx('clara'),
        ),
      ).rejects.toMatchObject({ code: 'VALIDATION' });
    }
    const { tasks } = await clara.handlers['compliance.tasks.list']({}, ctx('clara'));
    expect(tasks.find((t) => t.id === taskId)?.evidence).toEqual([]);
  });

  it('offline: the file waits in the outbox (checked at once), lands on the bank on reconnect, once', async () => {
    const { clara, outbox, goOffline } = setup();
    const taskId = await newTask(clara, `evid-${engine}-task-0003`);
    goOffline(true);
    await expect(
      clara.handlers['compliance.tasks.evidence.attach'](
        { taskId, filename: 'scan.pdf', source: 'file', contentBase64: b64(PNG), idempotencyKey: `evid-${engine}-off-00000` },
        ctx('clara'),
      ),
    ).rejects.toMatchObject({ code: 'VALIDATION' });
    const q = await clara.handlers['compliance.tasks.evidence.attach'](
      { taskId, filename: 'drill rows.csv', source: 'export', contentBase64: b64(CSV), idempotencyKey: `evid-${engine}-off-00001` },
      ctx('clara'),
    );
    expect(q).toMatchObject({ status: 'queued', taskId });
    const listed = await clara.handlers['compliance.tasks.list']({}, ctx('clara'));
    const waiting = listed.tasks.find((t) => t.id === taskId);
    expect(waiting?.evidence).toEqual([]);
    expect(waiting?.pending.map((p) => [p.status, p.summary])).toEqual([['pending', `Task ${taskId}: evidence drill rows.csv (${Buffer.byteLength(CSV)} bytes)`]]);

    goOffline(false);
    expect(await clara.replay()).toEqual({ applied: 1, conflicts: 0, failed: 0, remaining: 0 });
    expect(await clara.replay()).toEqual({ applied: 0, conflicts: 0, failed: 0, remaining: 0 });
    const after = await clara.handlers['compliance.tasks.list']({}, ctx('clara'));
    const task = after.tasks.find((t) => t.id === taskId);
    expect(task?.pending).toEqual([]);
    expect(task?.evidence.map((e) => [e.filename, e.bytes, e.attachedBy])).toEqual([['drill rows.csv', Buffer.byteLength(CSV), 'clara']]);
    const file = await clara.handlers['compliance.tasks.evidence.download']({ taskId, evidenceId: task?.evidence[0]?.id as number }, ctx('clara'));
    expect(Buffer.from(file.base64, 'base64').toString()).toBe(CSV);
    expect(outbox.list().map((e) => e.status)).toEqual(['applied']);
  });
});
