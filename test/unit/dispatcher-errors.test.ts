import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors';
import { createDispatcher, type Handlers, type SessionGate } from '../../main/dispatch';
import { silentLogger } from '../../main/log';
import { isLinkError, storageFullMessage } from '../../main/source';

const gate: SessionGate = {
  touch: (token) => {
    if (token !== 'ok') throw new AppError('UNAUTHENTICATED', 'Sign in to continue.');
    return { token, userId: 1, username: 'u', role: 'admin' };
  },
};

/** Only the methods a test calls need a body; the rest fail loudly if reached. */
function handlersWith(status: Handlers['auth.status']): Handlers {
  const unreachable = async (): Promise<never> => {
    throw new Error('not under test');
  };
  return new Proxy({} as Handlers, { get: (_t, name) => (name === 'auth.status' ? status : unreachable) });
}

const link = { isOffline: () => false, isLinkError, storageFullMessage };
const call = (dispatch: ReturnType<typeof createDispatcher>) => dispatch({ method: 'auth.status', input: {}, sessionToken: null, transport: 'test', origin: 't' });

describe('dispatcher error mapping', () => {
  it('maps a lost database link to OFFLINE with a message a person can act on', async () => {
    const d = createDispatcher(
      handlersWith(async () => Promise.reject(Object.assign(new Error('connect ECONNREFUSED 10.0.0.5:3306'), { code: 'ECONNREFUSED' }))),
      gate,
      silentLogger,
      link,
    );
    const r = await call(d);
    expect(r).toMatchObject({ ok: false, error: { code: 'OFFLINE' } });
    if (!r.ok) expect(r.error.message).not.toContain('10.0.0.5');
  });

  it('maps a full disk — this computer’s (SQLite, the file system) or the bank server’s (MySQL) — to STORAGE_FULL saying who can free space', async () => {
    const failures: [unknown, RegExp][] = [
      [Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' }), /This computer’s disk is full, so nothing was saved/],
      [Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' }), /This computer’s disk is full/],
      [Object.assign(new Error("The table 'entries' is full"), { code: 'ER_RECORD_FILE_FULL', errno: 1114 }), /The bank’s database has run out of storage.*database administrator/],
      [Object.assign(new Error('Disk full (/var/lib/mysql)'), { errno: 1021 }), /The bank’s database has run out of storage/],
    ];
    for (const [failure, message] of failures) {
      const r = await call(
        createDispatcher(
          handlersWith(async () => Promise.reject(failure)),
          gate,
          silentLogger,
          link,
        ),
      );
      expect(r).toMatchObject({ ok: false, error: { code: 'STORAGE_FULL' } });
      if (!r.ok) expect(r.error.message).toMatch(message);
    }
  });

  it('maps any other failure to INTERNAL with a reference, never the stack', async () => {
    const d = createDispatcher(
      handlersWith(async () => Promise.reject(new TypeError('x is undefined at /src/secret/path.ts:12'))),
      gate,
      silentLogger,
      link,
    );
    const r = await call(d);
    expect(r).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    if (!r.ok) expect(r.error.message).not.toMatch(/path\.ts|undefined/);
  });

  it('refuses output that breaks the contract', async () => {
    const d = createDispatcher(
      handlersWith(async () => ({ mode: 'demo', bankName: 1 }) as never),
      gate,
      silentLogger,
      link,
    );
    expect(await call(d)).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });
});
