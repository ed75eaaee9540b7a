import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import { AppError } from '../../shared/errors';

/**
 * The staff password policy (issue 14, finding 11), checked in main/ wherever a password is set:
 * at least 12 characters (the contract's schema), not a common or easily guessed password —
 * zxcvbn-ts with its list of common passwords, keyboard patterns and l33t variants, so
 * "password1234" and "Passw0rd2024!" are refused — and not built from the user's own name.
 */
const MIN_SCORE = 3;

let estimator: ZxcvbnFactory | null = null;
function zxcvbn(): ZxcvbnFactory {
  estimator ??= new ZxcvbnFactory({ dictionary: { ...common.dictionary }, graphs: common.adjacencyGraphs });
  return estimator;
}

const compact = (s: string): string => s.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');

/** Why `password` is refused for this user, or null when it is acceptable. */
export function passwordProblem(password: string, who: { username: string; displayName?: string }): string | null {
  if (password.length < 12) return 'Use at least 12 characters.';
  const pw = compact(password);
  const name = compact(who.username);
  if (name.length >= 3 && pw.includes(name)) return 'The password must not contain the username.';
  for (const part of (who.displayName ?? '').split(/\s+/).map(compact)) {
    if (part.length >= 4 && pw.includes(part)) return 'The password must not contain the person’s name.';
  }
  const r = zxcvbn().check(password, [who.username, ...(who.displayName ?? '').split(/\s+/), 'cloudbank']);
  if (r.score < MIN_SCORE) {
    return `This password is too easy to guess — it is common or follows a common pattern. Try a few unrelated words.`;
  }
  return null;
}

/** Throws VALIDATION on the given field when the password breaks the policy. */
export function assertPasswordPolicy(password: string, who: { username: string; displayName?: string }, field = 'password'): void {
  const problem = passwordProblem(password, who);
  if (problem) throw new AppError('VALIDATION', problem, [{ path: field, message: problem }]);
}
