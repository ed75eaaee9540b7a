import { vi } from 'vitest';
import { EventHub } from '../../../main/events';
import type { CallRequest } from '../../../main/dispatch';
import type { ApiResult } from '../../../shared/errors';
import type { Runtime } from '../../../main/runtime';

/** A Runtime whose dispatch records its calls; the real EventHub, so session scoping is real. */
export function fakeRuntime(): Runtime & { dispatch: ReturnType<typeof vi.fn<(req: CallRequest) => Promise<ApiResult<unknown>>>> } {
  return {
    info: { mode: 'demo', bankName: 'Test Bank', source: 'fake', demoCredentials: null },
    events: new EventHub(),
    dispatch: vi.fn(async (req: CallRequest): Promise<ApiResult<unknown>> => ({ ok: true, result: { echoed: req.method } })),
    isLiveSession: () => true,
    close: vi.fn(async () => undefined),
  };
}
