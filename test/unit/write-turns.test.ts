import { MessageChannel } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { WriteTurns } from '../../main/dispatch';

/** Counts turns of the event loop: one setImmediate callback per turn, re-armed from inside itself. */
function turnCounter(): { now: () => number; stop: () => void } {
  let turns = 0;
  let on = true;
  const tick = (): void => {
    turns++;
    if (on) setImmediate(tick);
  };
  setImmediate(tick);
  return { now: () => turns, stop: () => (on = false) };
}

describe('WriteTurns', () => {
  it('starts waiting writes one per turn, in arrival order', async () => {
    const turns = new WriteTurns();
    const clock = turnCounter();
    const started: Array<{ id: number; turn: number }> = [];
    await Promise.all([1, 2, 3, 4].map((id) => turns.admit().then(() => started.push({ id, turn: clock.now() }))));
    clock.stop();
    expect(started.map((s) => s.id)).toEqual([1, 2, 3, 4]);
    const distinct = new Set(started.map((s) => s.turn));
    expect(distinct.size).toBe(4);
  });

  it('lets a reply that became ready during one write run before the next write', async () => {
    const turns = new WriteTurns();
    const order: string[] = [];
    // As a read's worker answers: a message between threads, delivered in the loop's I/O phase.
    const { port1, port2 } = new MessageChannel();
    const replied = new Promise<void>((resolve) =>
      port2.once('message', () => {
        order.push('read');
        resolve();
      }),
    );
    const first = turns.admit().then(() => {
      order.push('write 1');
      port1.postMessage('answer');
    });
    const second = turns.admit().then(() => order.push('write 2'));
    await Promise.all([first, second, replied]);
    port1.close();
    expect(order).toEqual(['write 1', 'read', 'write 2']);
  });
});
