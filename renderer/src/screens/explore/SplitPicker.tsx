import { MultiSelect } from '@mantine/core';
import type { Dimension } from '../../../../shared/contract/metrics';

interface Props {
  /** The dimensions the metric may be split by, with their names. */
  options: { id: Dimension; label: string }[];
  value: Dimension[];
  onChange: (by: Dimension[]) => void;
}

/** Split by up to two dimensions (the layer's limit); a filtered dimension has one value left, so it is not offered. */
export function SplitPicker({ options, value, onChange }: Props) {
  return (
    <MultiSelect
      label="Split by"
      w={260}
      data={options.map((o) => ({ value: o.id, label: o.label }))}
      value={value}
      maxValues={2}
      clearable
      placeholder={value.length === 0 ? 'Nothing (one figure)' : undefined}
      onChange={(v) =>
        onChange(
          options
            .filter((o) => v.includes(o.id))
            .map((o) => o.id)
            .sort((a, b) => v.indexOf(a) - v.indexOf(b)),
        )
      }
      data-testid="explore-split"
    />
  );
}
