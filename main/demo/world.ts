import type { Branch } from './branches';
import type { InternalAccounts } from './ledger-accounts';
import type { Ledger } from './ledger';
import type { Loan } from './loans';
import type { Persona } from './persona';
import type { EventQueue, Planned } from './schedule';
import type { DemoWindow } from './window';

/** What every activity planner reads: the bank's structure, its customers and the posting queue. */
export interface World {
  readonly seed: number;
  readonly window: DemoWindow;
  readonly internal: InternalAccounts;
  readonly branches: readonly Branch[];
  /** Customers by id − 1. */
  readonly people: readonly Persona[];
  readonly loansByOwner: ReadonlyMap<number, readonly Loan[]>;
  readonly queue: EventQueue;
  readonly ledger: Ledger;
}

/** Queue a planned movement unless it falls after the generated period. */
export function plan(world: World, ev: Planned): void {
  if (ev.at <= world.window.end) world.queue.push(ev);
}

export const branchOf = (world: World, p: Persona): Branch => world.branches[p.branchId - 1] ?? (world.branches[0] as Branch);

export function vaultOf(world: World, branchId: number): number {
  const id = world.internal.vault[branchId];
  if (id === undefined) throw new Error(`branch ${branchId} has no cash vault`);
  return id;
}
