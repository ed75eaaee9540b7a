import { AppError, type ApiResult } from './errors';
import type { MethodInput, MethodName, MethodOutput } from './contract';
import type { EventName, EventPayload } from './events';

/** What a transport (Electron IPC or HTTP) must provide; the typed client is derived from the contract on top of it. */
export interface Transport {
  invoke(method: MethodName, input: unknown, sessionToken: string | null): Promise<ApiResult<unknown>>;
  subscribe(listener: (event: string, payload: unknown) => void): () => void;
}

export interface ApiClient {
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
  setSessionToken(token: string | null): void;
}

export function createClient(transport: Transport): ApiClient {
  let token: string | null = null;
  return {
    async call(method, input) {
      const res = await transport.invoke(method, input, token);
      if (!res.ok) throw new AppError(res.error.code, res.error.message, res.error.issues);
      // The dispatcher validated the output against the contract before sending it.
      return res.result as MethodOutput<typeof method>;
    },
    on(event, listener) {
      return transport.subscribe((name, payload) => {
        if (name === event) listener(payload as EventPayload<typeof event>);
      });
    },
    setSessionToken(next) {
      token = next;
    },
  };
}
