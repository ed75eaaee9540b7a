import { describe, expect, it } from 'vitest';
import { SharedFlights } from '../../main/metrics/shared-flights';

/** A read the test finishes by hand, counting how often it was started and whether it was cancelled. */
function gate() {
  let starts = 0;
  let finish: (v: string) => void = () => undefined;
  let fail: (e: unknown) => void = () => undefined;
  const signals: AbortSignal[] = [];
  const start = (signal: AbortSignal): Promise<string> => {
    starts++;
    signals.push(signal);
    return new Promise<string>((resolve, reject) => {
      finish = resolve;
      fail = reject;
      signal.addEventListener('abort', () => reject(signal.reason), { once: true });
    });
  };
  return { start, finish: (v: string) => finish(v), fail: (e: unknown) => fail(e), starts: () => starts, signals };
}

describe('SharedFlights: identical reads asked while one runs share it', () => {
  it('fifty askers of the same key start one read and all get its answer; the next asker after it ends starts a new one', async () => {
    const flights = new SharedFlights<string>();
    const g = gate();
    const answers = Promise.all(Array.from({ length: 50 }, () => flights.run('dashboard@t1', g.start)));
    expect(g.starts()).toBe(1);
    g.finish('answer');
    expect(await answers).toEqual(Array.from({ length: 50 }, () => 'answer'));
    expect(flights.size).toBe(0);
    const next = flights.run('dashboard@t1', g.start);
    expect(g.starts()).toBe(2);
    g.finish('fresh');
    expect(await next).toBe('fresh');
  });

  it('different keys (another question, or the same one over newer data) never share', async () => {
    const flights = new SharedFlights<string>();
    const g = gate();
    void flights.run('volume@t1', g.start).catch(() => undefined);
    void flights.run('volume@t2', g.start).catch(() => undefined);
    expect(g.starts()).toBe(2);
    expect(flights.size).toBe(2);
  });

  it('a failure reaches every asker, and the failed read is not kept', async () => {
    const flights = new SharedFlights<string>();
    const g = gate();
    const a = flights.run('k', g.start);
    const b = flights.run('k', g.start, new AbortController().signal);
    g.fail(new Error('worker died'));
    await expect(a).rejects.toThrow('worker died');
    await expect(b).rejects.toThrow('worker died');
    expect(flights.size).toBe(0);
  });

  it('one asker withdrawing leaves the read running for the others; the last one withdrawing cancels it', async () => {
    const flights = new SharedFlights<string>();
    const g = gate();
    const first = new AbortController();
    const second = new AbortController();
    const a = flights.run('k', g.start, first.signal);
    const b = flights.run('k', g.start, second.signal);
    first.abort(new Error('page closed'));
    await expect(a).rejects.toThrow('page closed');
    expect(g.signals[0]?.aborted).toBe(false);
    second.abort(new Error('page closed too'));
    await expect(b).rejects.toThrow('page closed too');
    expect(g.signals[0]?.aborted).toBe(true);
    expect(flights.size).toBe(0);
    // A new asker after the cancel starts afresh rather than joining the cancelled read.
    const c = flights.run('k', g.start);
    expect(g.starts()).toBe(2);
    g.finish('again');
    expect(await c).toBe('again');
  });

  it('an asker without a signal keeps the read alive when the others withdraw', async () => {
    const flights = new SharedFlights<string>();
    const g = gate();
    const quitter = new AbortController();
    const stays = flights.run('k', g.start);
    const leaves = flights.run('k', g.start, quitter.signal);
    quitter.abort(new Error('gone'));
    await expect(leaves).rejects.toThrow('gone');
    expect(g.signals[0]?.aborted).toBe(false);
    g.finish('kept');
    expect(await stays).toBe('kept');
  });

  it('an already-aborted signal is refused without starting anything', async () => {
    const flights = new SharedFlights<string>();
    const g = gate();
    const c = new AbortController();
    c.abort(new Error('too late'));
    await expect(flights.run('k', g.start, c.signal)).rejects.toThrow('too late');
    expect(g.starts()).toBe(0);
  });
});
