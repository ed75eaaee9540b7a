import { request } from 'node:http';
import type { Session } from '../../shared/contract';
import type { ApiResult } from '../../shared/errors';
import { DEMO_PASSWORD } from '../../main/auth';
import type { RunningHost } from '../../main/host';

export interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/** One HTTP request to the browser edition with exactly these headers (Host and Origin included), as an attacker can send it. */
export function rawRequest(host: RunningHost, path: string, opts: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: host.port,
        path,
        method: opts.method ?? 'POST',
        headers: { ...(opts.body !== undefined ? { 'Content-Length': String(Buffer.byteLength(opts.body)) } : {}), ...opts.headers },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}

/** The browser edition's API as its own page calls it: launch token, own Origin, the session header. */
export function webClient(host: RunningHost) {
  const headers = (session: string | null): Record<string, string> => ({
    'Content-Type': 'application/json',
    Authorization: `Bearer ${host.launchToken}`,
    Origin: host.url,
    Host: new URL(host.url).host,
    ...(session ? { 'X-CloudBank-Session': session } : {}),
  });
  const call = async <T = unknown>(
    session: string | null,
    method: string,
    input: unknown,
    extra: Record<string, string> = {},
  ): Promise<{ status: number; result: ApiResult<T> }> => {
    const r = await rawRequest(host, '/api/call', { headers: { ...headers(session), ...extra }, body: JSON.stringify({ method, input }) });
    return { status: r.status, result: JSON.parse(r.text) as ApiResult<T> };
  };
  const ok = async <T>(session: string | null, method: string, input: unknown): Promise<T> => {
    const { result } = await call<T>(session, method, input);
    if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
    return result.result;
  };
  const signIn = async (username: string, extra: Record<string, string> = {}): Promise<string> => {
    const { result } = await call<Session>(extra['X-CloudBank-Session'] ?? null, 'auth.signIn', { username, password: DEMO_PASSWORD }, extra);
    if (!result.ok) throw new Error(`sign-in ${username}: ${result.error.message}`);
    return result.result.token;
  };
  return { headers, call, ok, signIn };
}
