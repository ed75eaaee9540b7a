import { fraudMethods } from '../../shared/contract/fraud';
import type { DismissReason } from './types';

/*
 * The review writes that may be made offline (assign, dismiss, add a note) as commands: their shape,
 * how one is read back from the outbox (checked with the contract's schema), which alerts it touches and
 * its one line in the outbox list. The same command is applied online, queued, or replayed (actions.ts).
 */

/** The review writes allowed offline: the same command online, queued, or replayed. */
export type ReviewCommand =
  | { method: 'alerts.assign'; input: { ids: number[]; assignee: string | null } }
  | { method: 'alerts.dismiss'; input: { ids: number[]; reason: DismissReason; comment: string } }
  | { method: 'alerts.addNote'; input: { id: number; text: string } };

/** What the outbox stores per queued method: the contract's input without the key (the row's command_id is the key). */
const STORED_INPUT = {
  'alerts.assign': fraudMethods['alerts.assign'].input.omit({ idempotencyKey: true }),
  'alerts.dismiss': fraudMethods['alerts.dismiss'].input.omit({ idempotencyKey: true }),
  'alerts.addNote': fraudMethods['alerts.addNote'].input.omit({ idempotencyKey: true }),
};

export const QUEUEABLE: ReadonlySet<string> = new Set(Object.keys(STORED_INPUT));

/**
 * A command read back from storage (the cache's outbox), checked with the method's own contract
 * schema: a row damaged on disk or written by another version is refused with the reason, never
 * cast into a command and replayed against the bank.
 */
export function readReviewCommand(method: string, input: unknown): { ok: true; command: ReviewCommand } | { ok: false; reason: string } {
  const refuse = (issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>) => {
    const first = issues[0];
    return {
      ok: false as const,
      reason: `The stored “${method}” command is not valid${first ? ` (${first.path.map(String).join('.') || 'input'}: ${first.message})` : ''}; it was not applied.`,
    };
  };
  switch (method) {
    case 'alerts.assign': {
      const r = STORED_INPUT[method].safeParse(input);
      return r.success ? { ok: true, command: { method, input: r.data } } : refuse(r.error.issues);
    }
    case 'alerts.dismiss': {
      const r = STORED_INPUT[method].safeParse(input);
      return r.success ? { ok: true, command: { method, input: r.data } } : refuse(r.error.issues);
    }
    case 'alerts.addNote': {
      const r = STORED_INPUT[method].safeParse(input);
      return r.success ? { ok: true, command: { method, input: r.data } } : refuse(r.error.issues);
    }
    default:
      return { ok: false, reason: `“${method}” cannot be replayed.` };
  }
}

export function commandIds(c: ReviewCommand): number[] {
  return c.method === 'alerts.addNote' ? [c.input.id] : c.input.ids;
}

/** One line for the outbox list. */
export function summarize(c: ReviewCommand): string {
  const ids = commandIds(c);
  const what = ids.length === 1 ? `alert ${ids[0]}` : `${ids.length} alerts`;
  if (c.method === 'alerts.assign') return c.input.assignee ? `Assign ${what} to ${c.input.assignee}` : `Unassign ${what}`;
  if (c.method === 'alerts.dismiss') return `Dismiss ${what} (${c.input.reason.replace(/_/g, ' ')})`;
  return `Note on ${what}: ${c.input.text.length > 60 ? `${c.input.text.slice(0, 57)}…` : c.input.text}`;
}
