import { SegmentedControl, Stack, Text, type SegmentedControlProps } from '@mantine/core';

interface Props extends SegmentedControlProps {
  label: string;
  /** The label's element id: a SegmentedControl has no label of its own, so it is named by this one (aria-labelledby). */
  labelId: string;
}

/** A few mutually exclusive choices shown side by side, under a field label like the other inputs'. */
export function LabelledSegmentedControl({ label, labelId, ...props }: Props) {
  return (
    <Stack gap={4}>
      <Text size="sm" fw={500} id={labelId}>
        {label}
      </Text>
      <SegmentedControl aria-labelledby={labelId} {...props} />
    </Stack>
  );
}
