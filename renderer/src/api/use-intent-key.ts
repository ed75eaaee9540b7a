import { useMemo, useRef } from 'react';

/**
 * A fresh idempotency key: 128 random bits in hex, what every idempotent method of the contract accepts.
 * getRandomValues, unlike randomUUID, also exists when the browser edition is opened over plain http.
 */
export function newIdempotencyKey(prefix = ''): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return prefix + Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export interface IntentKey {
  /**
   * The key of the intent `intent` describes (the write's input without its key): the same key for as
   * long as the intent is unchanged — a retry after a timeout or an error reuses it, so the server applies
   * it once — and a new one as soon as the user changes what they are asking for.
   */
  keyFor: (intent: unknown) => string;
  /** The intent was carried out: the next one, even if identical (a second equal note), gets a new key. */
  done: () => void;
}

/** One idempotency key per intent of a form or modal (not per click). */
export function useIntentKey(prefix = ''): IntentKey {
  const current = useRef<{ signature: string; key: string } | null>(null);
  return useMemo(
    () => ({
      keyFor(intent: unknown): string {
        const signature = JSON.stringify(intent);
        if (current.current?.signature !== signature) current.current = { signature, key: newIdempotencyKey(prefix) };
        return current.current.key;
      },
      done(): void {
        current.current = null;
      },
    }),
    [prefix],
  );
}
