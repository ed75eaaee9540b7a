import { Badge, Group, Radio, SimpleGrid, Stack, Text } from '@mantine/core';
import type { Product } from '../../../../shared/contract';
import { formatMoney } from '../../format/money';

const KIND_LABEL: Record<Product['kind'], string> = { current: 'Current', savings: 'Savings', term_deposit: 'Term deposit', loan: 'Loan', mortgage: 'Mortgage' };

function rate(bp: number): string {
  return `${new Intl.NumberFormat(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(bp / 100)} %`;
}

function Term({ label, value }: { label: string; value: string }) {
  return (
    <Group justify="space-between" gap="xs" wrap="nowrap">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="xs" className="num" fw={500}>
        {value}
      </Text>
    </Group>
  );
}

/** Active products as radio cards: currency, monthly fee, overdraft, daily limit and rate side by side. Arrow keys move. */
export function ProductPicker({ products, value, onChange, error }: { products: Product[]; value: number | null; onChange: (id: number) => void; error?: string }) {
  return (
    <Radio.Group value={value === null ? null : String(value)} onChange={(v) => onChange(Number(v))} label="Product" error={error} data-testid="open-products">
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="sm" mt={6}>
        {products.map((p) => (
          <Radio.Card key={p.id} value={String(p.id)} radius="sm" p="sm" data-testid="open-product" data-product-id={p.id} data-code={p.code} data-currency={p.currency}>
            <Stack gap={6}>
              <Group gap="xs" wrap="nowrap" align="flex-start">
                <Radio.Indicator mt={2} />
                <div style={{ minWidth: 0 }}>
                  <Text fw={600} size="sm">
                    {p.name}
                  </Text>
                  <Group gap={4} mt={2}>
                    <Text size="xs" c="dimmed" className="mono" mr={4}>
                      {p.code}
                    </Text>
                    <Badge size="xs" variant="light" radius="sm">
                      {KIND_LABEL[p.kind]}
                    </Badge>
                    <Badge size="xs" variant="outline" radius="sm">
                      {p.currency}
                    </Badge>
                  </Group>
                </div>
              </Group>
              <Stack gap={1}>
                <Term label="Interest rate" value={rate(p.interestRateBp)} />
                <Term label="Monthly fee" value={p.monthlyFee === 0 ? 'none' : formatMoney(p.monthlyFee, p.currency)} />
                <Term label="Overdraft" value={p.overdraftLimit === 0 ? 'none' : formatMoney(p.overdraftLimit, p.currency)} />
                <Term label="Daily cash limit" value={p.dailyWithdrawalLimit === 0 ? 'none' : formatMoney(p.dailyWithdrawalLimit, p.currency)} />
              </Stack>
              {p.description && (
                <Text size="xs" c="dimmed" lineClamp={2}>
                  {p.description}
                </Text>
              )}
            </Stack>
          </Radio.Card>
        ))}
      </SimpleGrid>
    </Radio.Group>
  );
}
