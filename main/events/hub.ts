import type { EventName, EventPayload } from '../../shared/events';

export type EventListener = (event: EventName, payload: unknown) => void;

/**
 * Fan-out of push events to connected clients. A subscriber may be bound to a session token:
 * session-scoped events (like `session.expired`) reach only that session's clients.
 */
export class EventHub {
  private readonly subs = new Set<{ listener: EventListener; session: () => string | null }>();

  subscribe(listener: EventListener, session: () => string | null = () => null): () => void {
    const sub = { listener, session };
    this.subs.add(sub);
    return () => this.subs.delete(sub);
  }

  /** To every client whose session is signed in. */
  broadcast<E extends EventName>(event: E, payload: EventPayload<E>): void {
    for (const s of this.subs) if (s.session()) s.listener(event, payload);
  }

  /** To signed-in clients whose session passes `allow` (e.g. only roles that may see fraud alerts). */
  broadcastWhere<E extends EventName>(allow: (token: string) => boolean, event: E, payload: EventPayload<E>): void {
    for (const s of this.subs) {
      const token = s.session();
      if (token && allow(token)) s.listener(event, payload);
    }
  }

  toSession<E extends EventName>(token: string, event: E, payload: EventPayload<E>): void {
    for (const s of this.subs) if (s.session() === token) s.listener(event, payload);
  }

  get size(): number {
    return this.subs.size;
  }
}
