import { useEffect, useRef } from 'react';
import type { EventName, EventPayload } from '../../../shared/events';
import { onEvent } from './client';

/** Subscribes for the component's lifetime; the latest `listener` is always the one called. */
export function useApiEvent<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): void {
  const ref = useRef(listener);
  ref.current = listener;
  useEffect(() => onEvent(event, (payload) => ref.current(payload)), [event]);
}
