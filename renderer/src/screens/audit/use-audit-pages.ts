import { useCallback, useEffect, useRef, useState } from 'react';
import type { AuditEntry } from '../../../../shared/contract';
import { call, errorMessage } from '../../api/client';

export const AUDIT_PAGE = 100;

export interface AuditFilters {
  actor: string;
  action: string;
}

/** Newest-first pages of the audit log; "Load older" continues below the oldest loaded entry. */
export function useAuditPages(filters: AuditFilters) {
  const [entries, setEntries] = useState<AuditEntry[] | undefined>(undefined);
  const [total, setTotal] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<'first' | 'more' | null>('first');
  const generation = useRef(0);

  const fetchPage = useCallback(
    async (beforeSeq: number | undefined) => {
      const input = {
        limit: AUDIT_PAGE,
        ...(beforeSeq ? { beforeSeq } : {}),
        ...(filters.actor.trim() ? { actor: filters.actor.trim() } : {}),
        ...(filters.action.trim() ? { action: filters.action.trim() } : {}),
      };
      return call('audit.list', input);
    },
    [filters.actor, filters.action],
  );

  const reload = useCallback(async () => {
    const gen = ++generation.current;
    setBusy('first');
    try {
      const page = await fetchPage(undefined);
      if (gen !== generation.current) return;
      setEntries(page.entries);
      setTotal(page.total);
      setError(null);
    } catch (e) {
      if (gen === generation.current) setError(errorMessage(e));
    } finally {
      if (gen === generation.current) setBusy(null);
    }
  }, [fetchPage]);

  const loadOlder = useCallback(async () => {
    const oldest = entries?.[entries.length - 1];
    if (!oldest) return;
    const gen = generation.current;
    setBusy('more');
    try {
      const page = await fetchPage(oldest.seq);
      if (gen !== generation.current) return;
      setEntries((prev) => [...(prev ?? []), ...page.entries]);
      setTotal(page.total);
      setError(null);
    } catch (e) {
      if (gen === generation.current) setError(errorMessage(e));
    } finally {
      if (gen === generation.current) setBusy(null);
    }
  }, [entries, fetchPage]);

  useEffect(() => {
    setEntries(undefined);
    void reload();
  }, [reload]);

  const loaded = entries?.length ?? 0;
  return { entries, total, error, loading: busy === 'first', loadingMore: busy === 'more', hasMore: loaded > 0 && loaded < total, reload, loadOlder };
}
