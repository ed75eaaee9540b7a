import type Database from 'better-sqlite3-multiple-ciphers';
import { z } from 'zod';

/**
 * The offline outbox (DESIGN §5, issue 3 point 5): write actions allowed offline (notes,
 * dispositions, tasks) are stored in the encrypted cache's `outbox` table as idempotent commands —
 * `command_id` is the caller's idempotency key, unique — and replayed in order on reconnect. Each
 * command remembers the versions (`updated_at`) of the rows it acts on as the cache showed them
 * (`expected`): the capability that replays it compares them with the bank's and reports a conflict
 * instead of overwriting a change made on the server meanwhile. Nothing is ever dropped silently: a
 * conflicting or failed command stays listed until the user discards it.
 *
 * Generic on purpose: the cache knows nothing of fraud alerts; the capability that owns a method
 * gives `replayOutbox` the function that applies its commands.
 */

const OUTBOX_STATUSES = ['pending', 'applied', 'conflict', 'failed'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

export interface OutboxCommand {
  id: number;
  commandId: string;
  method: string;
  input: unknown;
  /** Versions of the rows as seen when the command was made, e.g. `{ "12": 1732530000000 }`. */
  expected: Record<string, number>;
  actor: string;
  createdAt: number;
  status: OutboxStatus;
  attempts: number;
  /** Conflict or failure in words; for applied commands, what was done. */
  message: string | null;
}

export interface NewOutboxCommand {
  commandId: string;
  method: string;
  input: unknown;
  expected: Record<string, number>;
  actor: string;
}

interface OutboxRow {
  id: number;
  command_id: string;
  method: string;
  input: string;
  actor: string;
  created_at: number;
  status: string;
  attempts: number;
  last_error: string | null;
  conflict: string | null;
}

/**
 * The `input` column holds this envelope: the method's input and the expected row versions. The
 * input itself is checked by the capability that replays it, with its method's contract schema.
 */
const envelopeSchema = z.object({ input: z.unknown(), expected: z.record(z.string(), z.number()) });
type Envelope = z.infer<typeof envelopeSchema>;
const statusSchema = z.enum(OUTBOX_STATUSES);

function readEnvelope(text: string): Envelope {
  try {
    const parsed = envelopeSchema.safeParse(JSON.parse(text));
    if (parsed.success) return parsed.data;
  } catch {
    // falls through
  }
  // A damaged row is still listed (and fails on replay: no input passes a method's schema) rather than hidden.
  return { input: null, expected: {} };
}

function toCommand(r: OutboxRow): OutboxCommand {
  const env = readEnvelope(r.input);
  const status = statusSchema.safeParse(r.status);
  return {
    id: Number(r.id),
    commandId: r.command_id,
    method: r.method,
    input: env.input,
    expected: env.expected,
    actor: r.actor,
    createdAt: Number(r.created_at),
    // An unknown status (a newer version wrote it) is shown as failed: listed for the user, never replayed.
    status: status.success ? status.data : 'failed',
    attempts: Number(r.attempts),
    message: r.conflict ?? r.last_error,
  };
}

export class Outbox {
  private readonly listeners = new Set<() => void>();
  /** Set while a replay runs, so reconnect events arriving meanwhile do not start a second one. */
  replaying: Promise<ReplaySummary> | null = null;

  constructor(
    private readonly db: Database.Database,
    private readonly now: () => number = Date.now,
  ) {}

  /** Stores a command; the same `commandId` again returns the first one (a double-click queues once). */
  enqueue(c: NewOutboxCommand): { id: number; created: boolean } {
    const env: Envelope = { input: c.input, expected: c.expected };
    const res = this.db
      .prepare('insert into outbox (command_id, method, input, actor, created_at) values (?, ?, ?, ?, ?) on conflict (command_id) do nothing')
      .run(c.commandId, c.method, JSON.stringify(env), c.actor, this.now());
    const row = this.db.prepare('select id from outbox where command_id = ?').get(c.commandId) as { id: number };
    if (res.changes > 0) this.changed();
    return { id: Number(row.id), created: res.changes > 0 };
  }

  /** Every command, oldest first; only `actor`'s when given. */
  list(actor?: string): OutboxCommand[] {
    const rows = (
      actor === undefined ? this.db.prepare('select * from outbox order by id').all() : this.db.prepare('select * from outbox where actor = ? order by id').all(actor)
    ) as OutboxRow[];
    return rows.map(toCommand);
  }

  get(id: number): OutboxCommand | null {
    const r = this.db.prepare('select * from outbox where id = ?').get(id) as OutboxRow | undefined;
    return r ? toCommand(r) : null;
  }

  /** Commands still to replay, in the order they were made. */
  pending(): OutboxCommand[] {
    return (this.db.prepare("select * from outbox where status = 'pending' order by id").all() as OutboxRow[]).map(toCommand);
  }

  counts(): { pending: number; conflicts: number } {
    const r = this.db
      .prepare("select sum(case when status = 'pending' then 1 else 0 end) as p, sum(case when status in ('conflict', 'failed') then 1 else 0 end) as c from outbox")
      .get() as { p: number | null; c: number | null };
    return { pending: Number(r.p ?? 0), conflicts: Number(r.c ?? 0) };
  }

  markApplied(id: number, message: string | null = null): void {
    this.db.prepare("update outbox set status = 'applied', attempts = attempts + 1, last_error = ?, conflict = null where id = ?").run(message, id);
    this.changed();
  }

  markConflict(id: number, message: string): void {
    this.db.prepare("update outbox set status = 'conflict', attempts = attempts + 1, conflict = ? where id = ?").run(message, id);
    this.changed();
  }

  markFailed(id: number, message: string): void {
    this.db.prepare("update outbox set status = 'failed', attempts = attempts + 1, last_error = ?, conflict = null where id = ?").run(message, id);
    this.changed();
  }

  /** The bank went away again mid-replay: the command stays pending for the next reconnect. */
  retryLater(id: number, message: string): void {
    this.db.prepare('update outbox set attempts = attempts + 1, last_error = ? where id = ?').run(message, id);
  }

  /** Removes a command (the user read the conflict; the server's version stays). Only `actor`'s own when given. */
  discard(id: number, actor?: string): boolean {
    const res = actor === undefined ? this.db.prepare('delete from outbox where id = ?').run(id) : this.db.prepare('delete from outbox where id = ? and actor = ?').run(id, actor);
    if (res.changes > 0) this.changed();
    return res.changes > 0;
  }

  /** Called after every change of the outbox (for the 'outbox.changed' push event). */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    for (const l of this.listeners) l();
  }
}

/** What applying one command on the bank came to. `retry`: the bank is unreachable again; stop and keep it pending. */
export type ReplayOutcome =
  { status: 'applied'; message?: string } | { status: 'conflict'; message: string } | { status: 'failed'; message: string } | { status: 'retry'; message: string };

export interface ReplaySummary {
  applied: number;
  conflicts: number;
  failed: number;
  /** Still pending (the replay stopped because the bank went away again). */
  remaining: number;
}

/**
 * Replays pending commands in order through `apply`. One replay at a time per outbox: a second call
 * while one runs waits for it. Several capabilities share the outbox: each replays only the methods it
 * `accepts` (a caller that found another's replay running replays again after it). A thrown error marks the command failed (never lost: it stays listed).
 */
export function replayOutbox(outbox: Outbox, apply: (c: OutboxCommand) => Promise<ReplayOutcome>, accepts: (method: string) => boolean = () => true): Promise<ReplaySummary> {
  if (outbox.replaying) return outbox.replaying;
  const run = (async (): Promise<ReplaySummary> => {
    const sum: ReplaySummary = { applied: 0, conflicts: 0, failed: 0, remaining: 0 };
    const queue = outbox.pending().filter((c) => accepts(c.method));
    for (let i = 0; i < queue.length; i++) {
      const c = queue[i] as OutboxCommand;
      let out: ReplayOutcome;
      try {
        out = await apply(c);
      } catch (e) {
        out = { status: 'failed', message: e instanceof Error ? e.message : String(e) };
      }
      if (out.status === 'retry') {
        outbox.retryLater(c.id, out.message);
        sum.remaining = queue.length - i;
        break;
      }
      if (out.status === 'applied') {
        outbox.markApplied(c.id, out.message ?? null);
        sum.applied++;
      } else if (out.status === 'conflict') {
        outbox.markConflict(c.id, out.message);
        sum.conflicts++;
      } else {
        outbox.markFailed(c.id, out.message);
        sum.failed++;
      }
    }
    return sum;
  })();
  outbox.replaying = run;
  return run.finally(() => {
    outbox.replaying = null;
  });
}
