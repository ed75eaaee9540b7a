import type { Lined } from './read-table';
import type { Trans } from './schemas';

/**
 * Berka gives transactions a date but no time, and the file's order within a day does not
 * follow the balances (a month-end interest credit is often listed after the fee that was
 * booked on top of it). The order is rebuilt from the balance column: starting from the
 * balance carried into the day, the next transaction is the one whose amount leads most
 * nearly to its own stated balance (exactly, in all but Berka's ±0.10 CZK rounding cases);
 * ties keep the file's order. The result is deterministic, so re-imports agree.
 *
 * Returns the account's transactions in booking order, each with its position within its day.
 */
export function orderAccountDays(rows: readonly Lined<Trans>[], signed: (t: Trans) => number): Array<{ t: Lined<Trans>; slot: number }> {
  const sorted = [...rows].sort((a, b) => a.row.date.at - b.row.date.at || a.line - b.line);
  const out: Array<{ t: Lined<Trans>; slot: number }> = [];
  let state = 0;
  for (let i = 0; i < sorted.length;) {
    let j = i;
    const day = sorted[i]?.row.date.at;
    while (j < sorted.length && sorted[j]?.row.date.at === day) j++;
    const pool = sorted.slice(i, j);
    for (let slot = 0; pool.length > 0; slot++) {
      let best = 0;
      let bestGap = Infinity;
      pool.forEach((c, n) => {
        const gap = Math.abs(state + signed(c.row) - c.row.balance);
        if (gap < bestGap) {
          bestGap = gap;
          best = n;
        }
      });
      const [chosen] = pool.splice(best, 1);
      if (!chosen) break;
      out.push({ t: chosen, slot });
      state = chosen.row.balance;
    }
    i = j;
  }
  return out;
}
