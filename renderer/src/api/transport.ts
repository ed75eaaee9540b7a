import type { Transport } from '../../../shared/client';

export type ConnectionStatus = 'connecting' | 'open' | 'closed';

/** A transport as the renderer uses it: the shared contract transport plus session binding for push events. */
export interface RendererTransport extends Transport {
  readonly kind: 'electron' | 'http';
  /** Scopes push events (e.g. `session.expired`) to the signed-in session. */
  bindSession(token: string | null): void;
  /** Live-update channel state, for the header indicator. */
  onStatus(listener: (status: ConnectionStatus) => void): () => void;
}

/** A tiny listener set, shared by the transports. */
export function listenerSet<A extends unknown[]>() {
  const listeners = new Set<(...args: A) => void>();
  return {
    add(listener: (...args: A) => void): () => void {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    emit(...args: A): void {
      for (const l of [...listeners]) l(...args);
    },
  };
}
