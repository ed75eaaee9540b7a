import type { z } from 'zod';
import type { Permission } from '../roles';

/** One method of the contract: what goes in, what comes out, who may call it. */
export interface MethodSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType, P extends Permission = Permission> {
  readonly input: I;
  readonly output: O;
  /** Kept as its literal (e.g. 'public') so handlers of signed-in methods get a session that is never null. */
  readonly permission: P;
  /** Methods that change data are audited by the dispatcher's callers and refused offline. */
  readonly mutates: boolean;
  readonly summary: string;
  /**
   * Writes that must reach the bank itself (money movements, customer and account changes): refused
   * at once while the workstation is offline, never queued. Local settings and sign-out work offline.
   */
  readonly requiresBank?: boolean;
}

export function method<I extends z.ZodType, O extends z.ZodType, P extends Permission>(spec: MethodSpec<I, O, P>): MethodSpec<I, O, P> {
  return spec;
}
