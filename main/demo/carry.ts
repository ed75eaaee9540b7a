import { ownedAccounts } from './customers';
import { ledgerAccountOf, settleBeforeWindow } from './loan-events';
import type { Loan } from './loans';
import { execute } from './schedule';
import type { World } from './world';

/**
 * The ledger starts when the window does: customers who joined earlier bring their balances over
 * from the previous core system, one journal per account (and per running loan's principal)
 * against the "opening balances" account, booked a minute before the window opens so period
 * reports are not distorted by them.
 */
export function postCarriedBalances(world: World, loans: readonly Loan[]): void {
  const at = world.window.carryAt;
  for (const p of world.people) {
    for (const a of ownedAccounts(p)) {
      if (a.carried <= 0 || a.openedAt >= world.window.start) continue;
      execute(
        {
          at,
          type: 'transfer',
          channel: 'system',
          currency: a.currency,
          description: 'Balance brought forward (core system migration)',
          counterpartyName: null,
          counterpartyAccount: null,
          externalRef: null,
          from: world.internal.opening[a.currency],
          to: a.id,
          amount: a.carried,
          policy: 'skip',
        },
        world.ledger,
      );
    }
  }
  for (const loan of loans) {
    const owed = settleBeforeWindow(loan, world.window);
    if (owed <= 0) continue;
    execute(
      {
        at,
        type: 'transfer',
        channel: 'system',
        currency: 'EUR',
        description: `Loan principal brought forward – L${String(loan.id).padStart(6, '0')} (core system migration)`,
        counterpartyName: null,
        counterpartyAccount: null,
        externalRef: `L${String(loan.id).padStart(6, '0')}`,
        from: ledgerAccountOf(world, loan),
        to: world.internal.opening.EUR,
        amount: owed,
        policy: 'skip',
      },
      world.ledger,
    );
  }
}
