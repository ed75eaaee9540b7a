import { TextInput } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';

interface FilterInputProps {
  value: string;
  onChange: (value: string) => void;
  /** Its accessible name ("Filter products"). */
  label: string;
  placeholder: string;
  w?: number;
  autoFocus?: boolean;
  testId?: string;
}

/** The small search box above a list that narrows it as one types (a table's toolbar, a side panel). */
export function FilterInput({ value, onChange, label, placeholder, w, autoFocus, testId }: FilterInputProps) {
  return (
    <TextInput
      size="xs"
      w={w}
      placeholder={placeholder}
      leftSection={<IconSearch size={14} />}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      aria-label={label}
      autoFocus={autoFocus}
      data-testid={testId}
    />
  );
}
