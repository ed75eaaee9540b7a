import { useEffect, useRef } from 'react';
import type { EventName, EventPayload } from '../../../shared/events';
import { onEvent } from './client';

/** Subscribes for the component's lifetime; the latest `listener` is always the one called. */
export function useApiEvent<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): void {
  const ref = useRef(listener);
  ref.current = listener;
  useEffect(() => onEvent(event, (payload) => ref.current(payload)), [event]);
}

/** Calls `refetch` when any `data.changed` event arrives, coalescing bursts into one refetch. */
export function useRefetchOnDataChange(refetch: () => void, delayMs = 750): void {
  const timer = useRef<number | undefined>(undefined);
  useApiEvent('data.changed', () => {
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(refetch, delayMs);
  });
  useEffect(() => () => window.clearTimeout(timer.current), []);
}
