import type { FormEvent } from 'react';

/** A form's onSubmit that stays on the page (no browser submit) and runs `submit`; a promise it returns is the caller's to handle. */
export function submitHandler(submit: () => unknown) {
  return (e: FormEvent) => {
    e.preventDefault();
    void submit();
  };
}
