import type { z } from 'zod';
import type { Permission } from '../roles';

/**
 * Where a read goes. `bank`: always the bank (security, audit). `cache-offline`: the bank while it
 * answers (a balance must include the posting just made), the local cache with its age while it does
 * not. `cache-first`: the cache once it holds a full copy (analytics, catalogs: fast, one sync round
 * behind), the bank before that. `local`: nothing of the bank's (this workstation's settings and
 * files, S3).
 */
export type ReadPolicy = 'bank' | 'cache-offline' | 'cache-first' | 'local';

/** One method of the contract: what goes in, what comes out, who may call it. */
export interface MethodSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType, P extends Permission = Permission> {
  readonly input: I;
  readonly output: O;
  /** Kept as its literal (e.g. 'public') so handlers of signed-in methods get a session that is never null. */
  readonly permission: P;
  /**
   * Where a method that only reads takes its data from (see ReadPolicy). Absent on methods that change
   * the bank's data: they read and write the bank itself, and wake the audit sealer.
   */
  readonly reads?: ReadPolicy;
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
