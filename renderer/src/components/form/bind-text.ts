import type { ChangeEvent } from 'react';

/** A text field kept in component state (useState) rather than in a react-hook-form: its value and what a keystroke does. */
export function bindText(value: string, setValue: (value: string) => void) {
  return { value, onChange: (e: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => setValue(e.currentTarget.value) };
}
