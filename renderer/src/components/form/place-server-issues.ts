import type { FieldValues, Path, UseFormSetError } from 'react-hook-form';
import { AppError } from '../../../../shared/errors';

/**
 * Puts the server's field issues (a taken name, a weak password) on the fields they name, so the answer
 * stands where the user typed; `fieldOf` maps an issue's path to the form's field, or undefined. Returns
 * whether any was placed: if not, the caller shows the error above the form (FormError).
 */
export function placeServerIssues<T extends FieldValues>(e: unknown, setError: UseFormSetError<T>, fieldOf: (path: string) => Path<T> | undefined): boolean {
  if (!(e instanceof AppError)) return false;
  let placed = false;
  for (const issue of e.issues ?? []) {
    const field = fieldOf(issue.path);
    if (field) {
      setError(field, { type: 'server', message: issue.message });
      placed = true;
    }
  }
  return placed;
}
