import { bankDayOf, parseDayIso } from '../../shared/bank-time';
import { AppError } from '../../shared/errors';
import type { OfflineCapability, OutboxCommand, ReplayOutcome, ReplaySummary } from '../cache';
import { noOutbox, replayOnReconnect, replayOutbox, replayOutcome } from '../cache';
import type { CallContext, PartialHandlers } from '../dispatch';
import { bankZone } from '../metrics';
import type { Bank } from '../source';
import { closeCase, fileSar, getCase, listCases, saveSarDraft, updateCase } from './cases';
import { approveChange, listChanges, proposeChange, rejectChange } from './changes';
import { ctrCsv, ctrJson, fileCtr, generateCtr, listCtr, reviewCtr } from './ctr';
import type { ComplianceDeps } from './deps';
import { monitorDetail } from './detail';
import { evaluateMonitors } from './evaluate';
import { kycQueue, verifyKyc } from './kyc';
import { loadSettings } from './settings';
import { checkEvidence, downloadEvidence } from './evidence';
import { applyTaskCommand, commandTaskId, listTasks, readTaskCommand, summarizeTask, TASK_METHODS, type TaskCommand } from './tasks';
import { cdb } from './tables';

export type ComplianceMethod =
  | 'compliance.evaluate'
  | 'compliance.monitor'
  | 'compliance.inputs'
  | 'compliance.changes.list'
  | 'compliance.changes.propose'
  | 'compliance.changes.approve'
  | 'compliance.changes.reject'
  | 'compliance.tasks.list'
  | 'compliance.tasks.create'
  | 'compliance.tasks.update'
  | 'compliance.tasks.evidence.attach'
  | 'compliance.tasks.evidence.download'
  | 'compliance.ctr.list'
  | 'compliance.ctr.generate'
  | 'compliance.ctr.review'
  | 'compliance.ctr.file'
  | 'compliance.ctr.export'
  | 'compliance.cases.list'
  | 'compliance.cases.get'
  | 'compliance.cases.update'
  | 'compliance.cases.saveSar'
  | 'compliance.cases.fileSar'
  | 'compliance.cases.close'
  | 'compliance.kyc.queue'
  | 'compliance.kyc.verify';

function day(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const d = parseDayIso(text);
  if (d === null) throw new AppError('VALIDATION', `${text} is not a calendar date.`);
  return d;
}

export type Compliance = OfflineCapability<PartialHandlers<ComplianceMethod>>;

export function createCompliance(deps: ComplianceDeps): Compliance {
  const clock = deps.clock ?? Date.now;
  const outbox = deps.cache?.outbox ?? null;
  const unsubs: (() => void)[] = [];

  async function write(commandId: string, cmd: TaskCommand, ctx: CallContext) {
    const who = ctx.session.username;
    if (deps.offline()) {
      if (!outbox) throw noOutbox();
      const expected: Record<string, number> = {};
      if (cmd.method === 'compliance.tasks.evidence.attach') {
        // Checked now, so the officer hears at once; checked again when the entry reaches the bank.
        checkEvidence(cmd.input.filename, cmd.input.contentBase64);
        const t = await cdb(deps.readSide().bank).selectFrom('compliance_tasks').select('id').where('id', '=', cmd.input.taskId).executeTakeFirst();
        if (!t) throw new AppError('NOT_FOUND', `There is no task ${cmd.input.taskId} in the local copy.`);
      }
      if (cmd.method === 'compliance.tasks.update') {
        const t = await cdb(deps.readSide().bank).selectFrom('compliance_tasks').select(['id', 'updated_at', 'status']).where('id', '=', cmd.input.id).executeTakeFirst();
        if (!t) throw new AppError('NOT_FOUND', `There is no task ${cmd.input.id} in the local copy.`);
        expected[String(t.id)] = Number(t.updated_at);
      }
      const { id } = outbox.enqueue({ commandId, method: cmd.method, input: cmd.input, expected, actor: who });
      return {
        status: 'queued' as const,
        outboxId: id,
        taskId: commandTaskId(cmd),
        message: `Saved on this workstation (${summarizeTask(cmd)}): it will reach the bank when it is reachable again.`,
      };
    }
    const r = await applyTaskCommand(deps.bank, commandId, cmd, who, clock());
    return { status: 'applied' as const, outboxId: null, taskId: r.taskId, message: r.message };
  }

  async function replay(): Promise<ReplaySummary | null> {
    if (!outbox || deps.offline()) return null;
    // Another capability's replay may be running: ours follows it.
    while (outbox.replaying) await outbox.replaying.catch(() => undefined);
    const apply = async (c: OutboxCommand): Promise<ReplayOutcome> => {
      const cmd = readTaskCommand(c.method, c.input);
      if (!cmd) return { status: 'failed', message: `The stored “${c.method}” is not a valid task change any more.` };
      const expected = cmd.method === 'compliance.tasks.update' ? c.expected[String(cmd.input.id)] : undefined;
      return replayOutcome(() => applyTaskCommand(deps.bank, c.commandId, cmd, c.actor, clock(), expected));
    };
    return replayOutbox(outbox, apply, (m) => TASK_METHODS.has(m));
  }

  if (deps.cache && outbox)
    unsubs.push(
      replayOnReconnect(
        deps.cache,
        replay,
        outbox.pending().some((c) => TASK_METHODS.has(c.method)),
      ),
    );

  const analytics = async (ctx: CallContext) => ({ store: await deps.store(), runner: deps.runner, ...(ctx.signal ? { signal: ctx.signal } : {}) });
  const zone = () => bankZone(deps.readSide().bank);

  /** A handler that makes a change to a case and answers with the case as it then stands. */
  const changeCase =
    <I extends { id: number }>(change: (bank: Bank, input: I, actor: string, now: number) => Promise<void>) =>
    async (input: I, ctx: CallContext) => {
      await change(deps.bank, input, ctx.session.username, clock());
      return getCase(deps.bank, input.id, await zone(), clock());
    };

  const handlers: PartialHandlers<ComplianceMethod> = {
    'compliance.evaluate': async (input, ctx) => {
      const at = day(input.at);
      return evaluateMonitors(await analytics(ctx), { now: clock(), ...(at === undefined ? {} : { at }) });
    },
    'compliance.monitor': async (input, ctx) => monitorDetail(await analytics(ctx), input.id, day(input.at)),
    'compliance.inputs': async () => {
      const rows = await cdb(deps.readSide().bank).selectFrom('compliance_inputs').selectAll().orderBy('input_key').orderBy('effective_day').orderBy('version').execute();
      const view = rows.map((r) => ({
        key: r.input_key as never,
        currency: r.currency,
        effectiveDay: String(r.effective_day).slice(0, 10),
        value: r.value,
        version: Number(r.version),
        enteredBy: r.entered_by,
        approvedBy: r.approved_by,
        at: Number(r.created_at),
      }));
      const plain = view.filter((v) => v.key !== 'fx_rate');
      const latest = new Map<string, (typeof view)[number]>();
      const today = new Date(clock()).toISOString().slice(0, 10);
      for (const v of plain) if (v.effectiveDay <= today) latest.set(v.key, v);
      return { current: [...latest.values()], history: plain.reverse(), rates: view.filter((v) => v.key === 'fx_rate').reverse() };
    },
    'compliance.changes.list': () => listChanges(deps.readSide().bank),
    'compliance.changes.propose': (input, ctx) => proposeChange(deps.bank, input, ctx.session.username, clock()),
    'compliance.changes.approve': (input, ctx) => approveChange(deps.bank, input.id, ctx.session.username, clock()),
    'compliance.changes.reject': (input, ctx) => rejectChange(deps.bank, input.id, input.reason, ctx.session.username, clock()),
    'compliance.tasks.list': async (input) => {
      const side = deps.readSide();
      return { tasks: await listTasks(side.bank, outbox, input), asOf: side.asOf };
    },
    'compliance.tasks.create': (input, ctx) => write(input.idempotencyKey, { method: 'compliance.tasks.create', input }, ctx),
    'compliance.tasks.update': (input, ctx) => write(input.idempotencyKey, { method: 'compliance.tasks.update', input }, ctx),
    'compliance.tasks.evidence.attach': (input, ctx) => write(input.idempotencyKey, { method: 'compliance.tasks.evidence.attach', input }, ctx),
    'compliance.tasks.evidence.download': (input, ctx) => downloadEvidence(deps.bank, input.taskId, input.evidenceId, ctx.session.username, clock()),
    'compliance.ctr.list': async (input) => {
      const read = deps.readSide().bank;
      const settings = await loadSettings(read);
      return { reports: await listCtr(read, await zone(), input, clock()), threshold: settings.ctrThreshold, currency: settings.reportingCurrency };
    },
    'compliance.ctr.generate': async (input, ctx) => generateCtr(deps.bank, await deps.store(), deps.runner, input.from, input.to, ctx.session.username, clock()),
    'compliance.ctr.review': async (input, ctx) => ({ reviewed: await reviewCtr(deps.bank, input.ids, ctx.session.username, clock()) }),
    'compliance.ctr.file': async (input, ctx) => ({ filed: await fileCtr(deps.bank, input.ids, input.reference, ctx.session.username, clock()) }),
    'compliance.ctr.export': async (input) => {
      const read = deps.readSide().bank;
      const settings = await loadSettings(read);
      const reports = await listCtr(read, await zone(), { from: input.from, to: input.to, ...(input.ids ? { ids: input.ids } : {}) }, clock());
      const text = input.format === 'csv' ? ctrCsv(reports) : ctrJson(reports, { from: input.from, to: input.to, threshold: settings.ctrThreshold, generatedAt: clock() });
      return {
        filename: `ctr-${input.from}-${input.to}.${input.format}`,
        mimeType: input.format === 'csv' ? 'text/csv' : 'application/json',
        base64: Buffer.from(text, 'utf8').toString('base64'),
      };
    },
    'compliance.cases.list': async (input) => listCases(deps.readSide().bank, await zone(), clock(), input.status),
    'compliance.cases.get': async (input) => getCase(deps.readSide().bank, input.id, await zone(), clock()),
    'compliance.cases.update': changeCase(updateCase),
    'compliance.cases.saveSar': changeCase(saveSarDraft),
    'compliance.cases.fileSar': changeCase(fileSar),
    'compliance.cases.close': changeCase(closeCase),
    'compliance.kyc.queue': async (input) => kycQueue(deps.readSide().bank, await zone(), clock(), input.limit),
    'compliance.kyc.verify': async (input, ctx) => verifyKyc(deps.bank, await bankZone(deps.bank), input, ctx.session.username, clock()),
  };
  return { handlers, replay, dispose: () => unsubs.forEach((u) => u()) };
}

/** Bank day now in the bank's zone (for the CLI). */
export function todayIn(timeZone: string, now: number): number {
  return bankDayOf(now, timeZone);
}
