import { Text, TextInput, type TextInputProps } from '@mantine/core';
import type { ReactNode, Ref } from 'react';

interface AmountInputProps extends Omit<TextInputProps, 'rightSection'> {
  /** The unit shown inside the field on the right: a currency code, or "%". */
  unit?: ReactNode;
  unitTestId?: string;
  ref?: Ref<HTMLInputElement>;
}

/**
 * A typed decimal amount: the numeric keypad on touch devices, digits aligned (num), no browser
 * autofill, and its unit inside the field — the one shape of every money or rate field.
 */
export function AmountInput({ unit, unitTestId, ref, ...props }: AmountInputProps) {
  return (
    <TextInput
      ref={ref}
      inputMode="decimal"
      autoComplete="off"
      classNames={{ input: 'num' }}
      rightSection={
        unit === undefined ? undefined : (
          <Text size="xs" c="dimmed" className="mono" data-testid={unitTestId}>
            {unit}
          </Text>
        )
      }
      rightSectionWidth={unit === undefined ? undefined : 48}
      {...props}
    />
  );
}
