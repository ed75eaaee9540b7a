import {
  PasswordInput,
  Select,
  Switch,
  Textarea,
  TextInput,
  type PasswordInputProps,
  type SelectProps,
  type SwitchProps,
  type TextareaProps,
  type TextInputProps,
} from '@mantine/core';
import type { ComponentProps } from 'react';
import { Controller, type FieldValues, type Path, type UseFormReturn } from 'react-hook-form';
import { AmountInput } from '../AmountInput';

/** The form a field belongs to and its name in it: the field registers itself and shows its own error. */
interface Bound<T extends FieldValues, C, O> {
  form: UseFormReturn<T, C, O>;
  name: Path<T>;
}

/** A field's react-hook-form registration plus its validation message (from zod or the server's setError). */
export function bindField<T extends FieldValues, C, O>({ form, name }: Bound<T, C, O>) {
  return { ...form.register(name), error: form.getFieldState(name, form.formState).error?.message };
}

type Unbound<P> = Omit<P, 'name' | 'error' | 'value' | 'defaultValue' | 'onChange' | 'onBlur' | 'form'>;

export function TextField<T extends FieldValues, C, O>({ form, name, ...props }: Bound<T, C, O> & Unbound<TextInputProps>) {
  return <TextInput {...props} {...bindField({ form, name })} />;
}

export function PasswordField<T extends FieldValues, C, O>({ form, name, ...props }: Bound<T, C, O> & Unbound<PasswordInputProps>) {
  return <PasswordInput {...props} {...bindField({ form, name })} />;
}

export function TextareaField<T extends FieldValues, C, O>({ form, name, ...props }: Bound<T, C, O> & Unbound<TextareaProps>) {
  return <Textarea {...props} {...bindField({ form, name })} />;
}

/** A money or rate amount typed as text (the form's schema parses it), with its unit inside the field. */
export function AmountField<T extends FieldValues, C, O>({ form, name, ...props }: Bound<T, C, O> & Unbound<ComponentProps<typeof AmountInput>>) {
  return <AmountInput {...props} {...bindField({ form, name })} />;
}

/** An on/off field of the form (a boolean value). */
export function SwitchField<T extends FieldValues, C, O>({ form, name, ...props }: Bound<T, C, O> & Omit<SwitchProps, 'name' | 'checked' | 'onChange' | 'form'>) {
  return (
    <Controller control={form.control} name={name} render={({ field }) => <Switch {...props} checked={field.value} onChange={(e) => field.onChange(e.currentTarget.checked)} />} />
  );
}

type Option = string | { value: string; label: string };

/**
 * A choice among fixed options (never empty): the form receives only one of `data`'s values, so a
 * field typed as a union of them (a role, a TLS mode) gets nothing else.
 */
export function SelectField<T extends FieldValues, C, O>({ form, name, data, ...props }: Bound<T, C, O> & Unbound<SelectProps> & { data: readonly Option[] }) {
  return (
    <Controller
      control={form.control}
      name={name}
      render={({ field, fieldState }) => (
        <Select
          {...props}
          data={data}
          allowDeselect={false}
          // null, not undefined, while empty: an undefined value would make the Select uncontrolled.
          value={field.value ?? null}
          onChange={(v) => {
            const chosen = data.map((o) => (typeof o === 'string' ? o : o.value)).find((value) => value === v);
            if (chosen !== undefined) field.onChange(chosen);
          }}
          onBlur={field.onBlur}
          error={fieldState.error?.message}
        />
      )}
    />
  );
}
