import { describe, expect, it } from 'vitest';
import { parseMessage } from '../../renderer/src/api/event-message';
import { toApiResult } from '../../renderer/src/api/api-result';

describe('browser transport: /api/call answers', () => {
  it('passes the envelope through', () => {
    expect(toApiResult({ ok: true, result: { a: 1 } }, 200)).toEqual({ ok: true, result: { a: 1 } });
    expect(toApiResult({ ok: false, error: { code: 'LOCKED', message: 'Locked for 15 minutes.' } }, 423)).toEqual({
      ok: false,
      error: { code: 'LOCKED', message: 'Locked for 15 minutes.' },
    });
  });

  it('turns anything else into an INTERNAL error naming the HTTP status', () => {
    const res = toApiResult('<html>Bad gateway</html>', 502);
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.error).toEqual({ code: 'INTERNAL', message: expect.stringContaining('HTTP 502') });
    const unknownCode = toApiResult({ ok: false, error: { code: 'TEAPOT', message: 'x' } }, 418);
    expect(unknownCode.ok === false && unknownCode.error.code).toBe('INTERNAL');
  });
});

describe('browser transport: WebSocket messages', () => {
  it('accepts contract events with valid payloads', () => {
    expect(parseMessage(JSON.stringify({ event: 'data.changed', payload: { tables: ['transactions'] } }))).toEqual({
      event: 'data.changed',
      payload: { tables: ['transactions'] },
    });
    expect(parseMessage(JSON.stringify({ event: 'session.expired', payload: { reason: 'Idle for 15 minutes.' } }))?.event).toBe('session.expired');
  });

  it('drops unknown events, bad payloads and non-JSON', () => {
    expect(parseMessage(JSON.stringify({ event: 'toString', payload: {} }))).toBeNull();
    expect(parseMessage(JSON.stringify({ event: 'data.changed', payload: { tables: 'all' } }))).toBeNull();
    expect(parseMessage('not json')).toBeNull();
    expect(parseMessage(42)).toBeNull();
  });
});
