import { afterAll, afterEach, expect, it } from 'vitest';
import type { CallRequest } from '../../main/dispatch';
import { startHost, type RunningHost } from '../../main/host';
import { silentLogger } from '../../main/log';
import type { ApiResult } from '../../shared/errors';
import { fakeRuntime } from './electron/fake-runtime';
import { tempDir } from '../support/temp';

let host: RunningHost | null = null;
const dir = tempDir('cbhostcancel-');
afterEach(async () => {
  await host?.close();
  host = null;
});
afterAll(() => dir.remove());

it('aborts the call’s signal when the browser drops the request before the answer, and not after it', async () => {
  const runtime = fakeRuntime();
  const seen: CallRequest[] = [];
  let release: (() => void) | null = null;
  runtime.dispatch.mockImplementation(async (req: CallRequest): Promise<ApiResult<unknown>> => {
    seen.push(req);
    if (req.method === 'slow') await new Promise<void>((r) => (release = r));
    return { ok: true, result: null };
  });
  host = await startHost({ runtime, staticDir: dir.path, port: 0, log: silentLogger });
  const call = (method: string, signal?: AbortSignal) =>
    fetch(`${host?.url}/api/call`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${host?.launchToken}` },
      body: JSON.stringify({ method, input: {} }),
      signal,
    });

  const quick = await call('quick');
  expect(quick.status).toBe(200);
  await quick.json();
  // The connection closing after a complete answer is no cancellation.
  await new Promise((r) => setImmediate(r));
  expect(seen[0]?.signal?.aborted).toBe(false);

  const browser = new AbortController();
  const dropped = call('slow', browser.signal).catch((e: unknown) => e);
  while (seen.length < 2) await new Promise((r) => setTimeout(r, 5));
  const signal = seen[1]?.signal;
  expect(signal?.aborted).toBe(false);
  const aborted = new Promise<void>((r) => signal?.addEventListener('abort', () => r(), { once: true }));
  browser.abort();
  await aborted;
  expect(signal?.aborted).toBe(true);
  expect(await dropped).toMatchObject({ name: 'AbortError' });
  (release as (() => void) | null)?.();
});
