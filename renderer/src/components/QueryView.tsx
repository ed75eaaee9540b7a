import type { ReactNode } from 'react';
import { errorMessage } from '../api/client';
import { ErrorView, LoadingView } from './StateViews';

/** What QueryView needs of a TanStack query result (useApiQuery's answer). */
interface QueryLike<T> {
  error: Error | null;
  data: T | undefined;
  refetch: () => unknown;
}

interface QueryViewProps<T> {
  query: QueryLike<T>;
  /** What LoadingView says while the first answer is on the way. */
  loadingLabel?: string;
  /** When the answer holds nothing to show, `empty` stands instead of the children. */
  isEmpty?: (data: T) => boolean;
  empty?: ReactNode;
  children: (data: T) => ReactNode;
}

/** The loading → error (with "Try again") → empty → content sequence every panel showing one read goes through. */
export function QueryView<T>({ query, loadingLabel, isEmpty, empty, children }: QueryViewProps<T>) {
  if (query.error) return <ErrorView message={errorMessage(query.error)} onRetry={() => void query.refetch()} />;
  // No answer yet (a query with an answer has its data, even while it asks again).
  if (query.data === undefined) return <LoadingView label={loadingLabel} />;
  if (isEmpty?.(query.data)) return <>{empty}</>;
  return <>{children(query.data)}</>;
}
