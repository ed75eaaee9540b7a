import { Table, Text } from '@mantine/core';
import type { Branch, CustomerFields } from '../../../../shared/contract';
import { CHANNEL_LABELS, FIELD_LABELS, FORM_FIELDS, formatBirthDate, GENDER_LABELS, KYC_LABELS, RISK_LABELS, type FormField } from './customer-values';

/** A field's value as a person reads it on the confirmation step. */
export function displayValue(field: FormField, values: CustomerFields, branches: readonly Branch[] | undefined): string {
  switch (field) {
    case 'gender':
      return GENDER_LABELS[values.gender];
    case 'riskRating':
      return RISK_LABELS[values.riskRating];
    case 'kycStatus':
      return KYC_LABELS[values.kycStatus];
    case 'preferredChannel':
      return CHANNEL_LABELS[values.preferredChannel];
    case 'dateOfBirth':
    case 'kycNextReview':
      return formatBirthDate(values[field]);
    case 'branchId': {
      const b = branches?.find((x) => x.id === values.branchId);
      return b ? `${b.name} — ${b.city}` : `Branch #${values.branchId}`;
    }
    default:
      return String(values[field]).trim();
  }
}

/** Field-by-field summary: every field for a new customer, or before → after for the changed ones. */
export function CustomerSummary({
  values,
  before,
  fields = FORM_FIELDS,
  branches,
}: {
  values: CustomerFields;
  before?: CustomerFields;
  fields?: readonly FormField[];
  branches: readonly Branch[] | undefined;
}) {
  return (
    <Table withRowBorders={false} verticalSpacing={4} data-testid="customer-summary">
      <Table.Tbody>
        {fields.map((f) => (
          <Table.Tr key={f} data-field={f}>
            <Table.Th w={180} fw={500} c="dimmed" fz="sm">
              {FIELD_LABELS[f]}
            </Table.Th>
            <Table.Td fz="sm">
              {before && (
                <>
                  <Text span inherit c="dimmed" td="line-through" data-testid="summary-before">
                    {displayValue(f, before, branches)}
                  </Text>
                  <Text span inherit c="dimmed" mx={8} aria-label="becomes">
                    →
                  </Text>
                </>
              )}
              <Text span inherit fw={before ? 600 : 400} data-testid="summary-value">
                {displayValue(f, values, branches)}
              </Text>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
