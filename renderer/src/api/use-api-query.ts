import {
  queryOptions,
  skipToken,
  useInfiniteQuery,
  useMutation,
  useQuery,
  type InfiniteData,
  type QueryFunctionContext,
  type SkipToken,
  type UseInfiniteQueryResult,
  type UseMutationOptions,
  type UseMutationResult,
  type UseQueryOptions,
  type UseQueryResult,
} from '@tanstack/react-query';
import type { MethodInput, MethodName, MethodOutput } from '../../../shared/contract';
import { call, errorMessage } from './client';
import type { QueryMethod } from './method-tables';

/** The cache key of a contract read: the method, then its input (what the server answers depends on). */
export function apiQueryKey<M extends QueryMethod>(method: M, input: MethodInput<M>): readonly [M, MethodInput<M>] {
  return [method, input] as const;
}

/** Options for `queryClient.fetchQuery` / `ensureQueryData` outside components, sharing the hook's cache entry. */
export function apiQueryOptions<M extends QueryMethod>(method: M, input: MethodInput<M>) {
  return queryOptions({ queryKey: apiQueryKey(method, input), queryFn: () => call(method, input) });
}

export type ApiQueryOptions<M extends QueryMethod> = Omit<UseQueryOptions<MethodOutput<M>, Error, MethodOutput<M>, readonly [M, MethodInput<M> | null]>, 'queryKey' | 'queryFn'>;

/**
 * A contract read, cached and shared by method + input: two components asking the same thing make
 * one call. Pass `skipToken` as the input while it is not known yet. Refetches when a push or a write
 * changes a table the method reads (declared in method-tables.ts).
 */
export function useApiQuery<M extends QueryMethod>(method: M, input: MethodInput<M> | SkipToken, options?: ApiQueryOptions<M>): UseQueryResult<MethodOutput<M>, Error> {
  return useQuery({
    ...options,
    // A skipped query still needs a stable key; its input slot holds null.
    queryKey: [method, input === skipToken ? null : input] as const,
    queryFn: input === skipToken ? skipToken : () => call(method, input),
  });
}

export interface ApiInfiniteOptions<M extends QueryMethod> {
  /** The method's input for the page at `cursor` (null: the first page). */
  pageInput: (cursor: number | null) => MethodInput<M>;
  /** The cursor of the page after `last` (an offset, a sequence number…), or undefined when the last page is in. */
  nextCursor: (last: MethodOutput<M>, all: MethodOutput<M>[]) => number | undefined;
  enabled?: boolean;
}

/**
 * A list read page after page ("Load more"). Keyed by method + `key` (the input without its cursor), so
 * changing a filter starts again from the first page; a table change refetches the pages already loaded.
 */
export function useApiInfiniteQuery<M extends QueryMethod>(
  method: M,
  key: unknown,
  options: ApiInfiniteOptions<M>,
): UseInfiniteQueryResult<InfiniteData<MethodOutput<M>, number | null>, Error> {
  return useInfiniteQuery({
    queryKey: [method, key, 'pages'] as const,
    queryFn: ({ pageParam }: QueryFunctionContext<readonly [M, unknown, 'pages'], number | null>) => call(method, options.pageInput(pageParam)),
    initialPageParam: null,
    getNextPageParam: (last: MethodOutput<M>, all: MethodOutput<M>[]) => options.nextCursor(last, all),
    ...(options.enabled === undefined ? {} : { enabled: options.enabled }),
  });
}

export type ApiMutationOptions<M extends MethodName> = Omit<UseMutationOptions<MethodOutput<M>, Error, MethodInput<M>>, 'mutationKey' | 'mutationFn'>;

/**
 * A contract write. On success the tables it changes (MUTATION_WRITES) are invalidated, so every
 * screen showing them refetches. Idempotent writes take their key in the input: keep one key per
 * intent (see useIntentKey) so a retry of the same intent is not applied twice.
 */
export function useApiMutation<M extends MethodName>(method: M, options?: ApiMutationOptions<M>): UseMutationResult<MethodOutput<M>, Error, MethodInput<M>> {
  return useMutation({ ...options, mutationKey: [method], mutationFn: (input: MethodInput<M>) => call(method, input) });
}

/** What to show for a query's error, or null when there is none. */
export function errorText(error: Error | null): string | null {
  return error ? errorMessage(error) : null;
}

/** A query's loading / error / retry, as DataTable takes them: `<DataTable {...tableState(q)} … />`. */
export function tableState(q: UseQueryResult<unknown, Error>): { loading: boolean; error: string | null; onRetry: () => void } {
  return { loading: q.isPending, error: errorText(q.error), onRetry: () => void q.refetch() };
}
