import type { AuditEntry } from '../../../../shared/contract';
import { errorText, useApiInfiniteQuery } from '../../api/use-api-query';
import { auditQuery, type AuditFilters } from './audit-query';

export { NO_AUDIT_FILTERS, type AuditFilters } from './audit-query';

export const AUDIT_PAGE = 100;

/**
 * Newest-first pages of the audit log; "Load older" continues below the oldest loaded entry. New
 * entries (every audited write, here or synced) refetch the pages loaded so far: method-tables.ts.
 */
export function useAuditPages(filters: AuditFilters) {
  const first = { limit: AUDIT_PAGE, ...auditQuery(filters) };
  const q = useApiInfiniteQuery('audit.list', first, {
    pageInput: (beforeSeq) => (beforeSeq === null ? first : { ...first, beforeSeq }),
    nextCursor: (last, all) => {
      const loaded = all.reduce((n, page) => n + page.entries.length, 0);
      const oldest = last.entries[last.entries.length - 1];
      return oldest && loaded < last.total ? oldest.seq : undefined;
    },
  });
  const pages = q.data?.pages;
  const entries: AuditEntry[] | undefined = pages?.flatMap((p) => p.entries);
  return {
    entries,
    total: pages?.[pages.length - 1]?.total ?? 0,
    error: errorText(q.error),
    loading: q.isFetching && !q.isFetchingNextPage,
    loadingMore: q.isFetchingNextPage,
    hasMore: q.hasNextPage,
    reload: () => void q.refetch(),
    loadOlder: () => void q.fetchNextPage(),
  };
}
