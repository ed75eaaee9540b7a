import { zodResolver } from '@hookform/resolvers/zod';
import { useForm, type FieldError, type UseFormReturn } from 'react-hook-form';
import type { CustomerFields } from '../../../../shared/contract';
import { AppError } from '../../../../shared/errors';
import { FORM_FIELDS, formSchema, type FormInput } from './customer-values';

export type CustomerForm = UseFormReturn<FormInput, unknown, CustomerFields>;

export function useCustomerForm(defaultValues: Partial<FormInput>): CustomerForm {
  return useForm<FormInput, unknown, CustomerFields>({ resolver: zodResolver(formSchema), defaultValues, mode: 'onSubmit', reValidateMode: 'onChange' });
}

/**
 * A field's message; a choice still unmade (zod's "expected number, received undefined") gets a sentence a teller can act on.
 */
export function fieldMessage(error: FieldError | undefined, whenMissing: string): string | undefined {
  if (!error) return undefined;
  if (error.type === 'invalid_type' || error.type === 'invalid_value') return whenMissing;
  return error.message;
}

/** Puts the server's VALIDATION issues on the fields they name; returns whether any was placed. */
export function placeIssues(form: CustomerForm, e: unknown): boolean {
  if (!(e instanceof AppError)) return false;
  let placed = false;
  for (const issue of e.issues ?? []) {
    const field = FORM_FIELDS.find((f) => f === issue.path || issue.path.endsWith(`.${f}`));
    if (field) {
      form.setError(field, { type: 'server', message: issue.message }, { shouldFocus: !placed });
      placed = true;
    }
  }
  return placed;
}
