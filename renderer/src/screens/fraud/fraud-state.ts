import { notifications } from '@mantine/notifications';
import { useMemo } from 'react';
import { create } from 'zustand';
import type { AlertFilter, MethodOutput } from '../../../../shared/contract';
import { errorMessage } from '../../api/client';
import { queryClient } from '../../api/query-client';
import { apiQueryOptions, useApiQuery } from '../../api/use-api-query';
import { onSignOut } from '../../state/sign-out';
import { stepIndex, type QueueSort } from './fraud-values';

/** The rule catalog's titles, shared by every screen that shows rule chips (one fraud.rules.list, refetched when a version is saved). */
export function useRuleTitles(): ReadonlyMap<string, string> | undefined {
  const rules = useApiQuery('fraud.rules.list', {});
  return useMemo(() => (rules.data ? new Map(rules.data.map((r) => [r.id, r.title])) : undefined), [rules.data]);
}

/**
 * The queue's order as the analyst last saw it (filters, sort, the ids by position), so the
 * investigation's n / p keys walk the same list without going back to the queue.
 */
interface QueueNav {
  filter: AlertFilter;
  sort: QueueSort;
  total: number;
  ids: Map<number, number>;
  setQuery: (filter: AlertFilter, sort: QueueSort) => void;
  remember: (offset: number, ids: readonly number[], total: number) => void;
}

const QUEUE_NAV_START = { filter: { status: ['new', 'in_review'] }, sort: 'risk', total: 0, ids: new Map<number, number>() } satisfies Partial<QueueNav>;

export const useQueueNav = create<QueueNav>()((set, get) => ({
  ...QUEUE_NAV_START,
  setQuery: (filter, sort) => set({ filter, sort, ids: new Map(), total: 0 }),
  remember: (offset, ids, total) => {
    const next = new Map(get().ids);
    ids.forEach((id, i) => next.set(offset + i, id));
    set({ ids: next, total });
  },
}));

onSignOut(() => useQueueNav.setState({ ...QUEUE_NAV_START, ids: new Map() }));

function indexOf(ids: ReadonlyMap<number, number>, id: number): number {
  for (const [index, value] of ids) if (value === id) return index;
  return -1;
}

/**
 * The alert next to `id` in the queue's order (delta +1 / −1), or null at either end. Unknown
 * positions are fetched with the queue's own filters.
 */
export async function neighbourAlert(id: number, delta: 1 | -1): Promise<number | null> {
  const nav = useQueueNav.getState();
  let index = indexOf(nav.ids, id);
  if (index < 0) {
    const page = await queryClient.fetchQuery(apiQueryOptions('alerts.list', { ...nav.filter, sort: nav.sort, offset: 0, limit: 500 }));
    useQueueNav.getState().remember(
      0,
      page.rows.map((r) => r.id),
      page.total,
    );
    index = page.rows.findIndex((r) => r.id === id);
    if (index < 0) return page.rows[0]?.id ?? null;
  }
  const { total } = useQueueNav.getState();
  const target = stepIndex(index, delta, total);
  if (target < 0 || target === index) return null;
  const known = useQueueNav.getState().ids.get(target);
  if (known !== undefined) return known;
  const page = await queryClient.fetchQuery(apiQueryOptions('alerts.list', { ...nav.filter, sort: nav.sort, offset: target, limit: 1 }));
  return page.rows[0]?.id ?? null;
}

type WriteOutcome = MethodOutput<'alerts.assign'>;

export const QUEUED_MESSAGE = 'Saved offline — will be sent when the bank is reachable';

/** Tells the user what became of a write: applied, or waiting in the outbox. */
export function announceOutcome(outcome: WriteOutcome, applied: string): void {
  if (outcome.status === 'queued') {
    notifications.show({ color: 'yellow', title: 'Saved offline', message: QUEUED_MESSAGE, autoClose: 6000, id: `queued-${outcome.outboxId ?? Date.now()}` });
  } else {
    notifications.show({ color: 'teal', message: applied, autoClose: 3000 });
  }
}

export function announceError(e: unknown, title = 'Not saved'): void {
  notifications.show({ color: 'red', title, message: errorMessage(e), autoClose: 8000 });
}
