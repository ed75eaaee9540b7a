import { AppError } from '../../shared/errors';

/** The typed refusal a call ends with; fails the test when the call succeeds or throws anything else. */
export async function refused(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected a refusal, but the call succeeded');
}
