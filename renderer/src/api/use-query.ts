import { useCallback, useEffect, useRef, useState, type DependencyList } from 'react';
import { errorMessage } from './client';

export interface QueryState<T> {
  data: T | undefined;
  error: string | null;
  /** True until the first answer (or error) arrives. */
  loading: boolean;
  /** True while a refetch runs with earlier data still shown. */
  refreshing: boolean;
  reload: () => void;
}

/**
 * Runs `load` when `deps` change and on `reload()`. Answers to superseded requests are dropped,
 * and earlier data stays on screen during a refetch so live updates do not flicker.
 */
export function useQuery<T>(load: () => Promise<T>, deps: DependencyList): QueryState<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(true);
  const [tick, setTick] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  const latest = useRef(0);

  useEffect(() => {
    const id = ++latest.current;
    setPending(true);
    loadRef.current().then(
      (result) => {
        if (id !== latest.current) return;
        setData(result);
        setError(null);
        setPending(false);
      },
      (e: unknown) => {
        if (id !== latest.current) return;
        setError(errorMessage(e));
        setPending(false);
      },
    );
  }, [...deps, tick]);

  useEffect(
    () => () => {
      latest.current += 1;
    },
    [],
  );

  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { data, error: pending ? null : error, loading: pending && data === undefined, refreshing: pending && data !== undefined, reload };
}
