import { useEffect, useState } from 'react';

/** The current time, re-read every `intervalMs`: relative times ("2 min ago") keep counting while nothing else changes. */
export function useNow(intervalMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), intervalMs);
    return () => window.clearInterval(timer);
  }, [intervalMs]);
  return now;
}
