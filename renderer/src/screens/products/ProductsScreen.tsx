import { Badge, Button, Group, Modal, Switch, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconEdit, IconPlus } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import type { Product } from '../../../../shared/contract';
import { formatMinorPlain } from '../../../../shared/money';
import { keepPreviousData } from '@tanstack/react-query';
import { tableState, useApiQuery } from '../../api/use-api-query';
import { FilterInput } from '../../components/FilterInput';
import { Screen } from '../../components/Screen';
import { DataTable } from '../../components/table/DataTable';
import { actionsColumn, type ColumnSpec } from '../../components/table/columns';
import { formatMinor } from '../../format/money';
import { formatCount } from '../../format/number';
import { useCan } from '../../state/session';
import { formatRate, KIND_COLORS, KIND_LABELS, KIND_SHORT } from './product-values';
import { ProductForm } from './ProductForm';

/** Money in the row's currency (its own column); a zero that means "none" in words. */
function money(minor: number, currency: string, noneLabel: string) {
  if (minor === 0)
    return (
      <Text span size="sm" c="dimmed">
        {noneLabel}
      </Text>
    );
  return formatMinor(minor, currency);
}

/** An amount of the product's terms in its currency; CSV writes the plain figure. */
function moneyColumn(id: string, header: string, minorOf: (p: Product) => number, noneLabel: string, extra: Partial<ColumnSpec<Product>> = {}): ColumnSpec<Product> {
  return { id, header, numeric: true, value: minorOf, render: (p) => money(minorOf(p), p.currency, noneLabel), csv: (p) => formatMinorPlain(minorOf(p), p.currency), ...extra };
}

function columns(canManage: boolean, onEdit: (p: Product) => void): ColumnSpec<Product>[] {
  const cols: ColumnSpec<Product>[] = [
    { id: 'code', header: 'Code', value: (p) => p.code, render: (p) => <span className="mono">{p.code}</span>, testId: 'product-code-cell' },
    {
      id: 'name',
      header: 'Name',
      value: (p) => p.name,
      render: (p) => (
        <Group gap={6} wrap="nowrap">
          <span className="clip" style={{ maxWidth: 220 }} title={p.description || p.name}>
            {p.name}
          </span>
          {!p.active && (
            <Badge size="xs" radius="sm" variant="outline" color="gray" data-testid="product-inactive-badge">
              Inactive
            </Badge>
          )}
        </Group>
      ),
      testId: 'product-name-cell',
    },
    {
      id: 'kind',
      header: 'Kind',
      value: (p) => KIND_LABELS[p.kind],
      render: (p) => (
        <Badge size="sm" radius="sm" variant="light" color={KIND_COLORS[p.kind]} title={KIND_LABELS[p.kind]}>
          {KIND_SHORT[p.kind]}
        </Badge>
      ),
    },
    { id: 'currency', header: 'Currency', value: (p) => p.currency, render: (p) => <span className="mono">{p.currency}</span> },
    {
      id: 'rate',
      header: 'Rate p.a.',
      numeric: true,
      value: (p) => p.interestRateBp,
      render: (p) => formatRate(p.interestRateBp),
      csv: (p) => (p.interestRateBp / 100).toFixed(2),
      testId: 'product-rate-cell',
    },
    moneyColumn('fee', 'Monthly fee', (p) => p.monthlyFee, 'free', { testId: 'product-fee-cell' }),
    moneyColumn('overdraft', 'Overdraft', (p) => p.overdraftLimit, 'none'),
    moneyColumn('daily', 'Daily limit', (p) => p.dailyWithdrawalLimit, 'no limit', { hideBelow: 1100 }),
    // Inactive products carry a badge beside their name; the status is its own column in CSV.
    { id: 'active', header: 'Active', value: (p) => (p.active ? 'yes' : 'no'), csvOnly: true },
    { id: 'accounts', header: 'Accounts / loans', numeric: true, value: (p) => p.accounts, render: (p) => formatCount(p.accounts) },
    { id: 'description', header: 'Description', value: (p) => p.description, csvOnly: true },
  ];
  if (canManage) {
    cols.push(
      actionsColumn(80, (p) => (
        <Button size="compact-xs" variant="subtle" leftSection={<IconEdit size={13} />} onClick={() => onEdit(p)} data-testid="edit-product" aria-label={`Edit ${p.name}`}>
          Edit
        </Button>
      )),
    );
  }
  return cols;
}

type Editing = { kind: 'new' } | { kind: 'edit'; product: Product } | null;

/** Products: the catalog (main/catalog). Everyone with banking access reads it; product managers (admins) change it. */
export function ProductsScreen() {
  const canManage = useCan('products.manage');
  const [includeInactive, setIncludeInactive] = useState(false);
  const [filter, setFilter] = useState('');
  // The list on screen stays while the other one (with or without inactive products) loads.
  const products = useApiQuery('products.list', { includeInactive }, { placeholderData: keepPreviousData });
  const [editing, setEditing] = useState<Editing>(null);
  const cols = useMemo(() => columns(canManage, (product) => setEditing({ kind: 'edit', product })), [canManage]);

  const rows = useMemo(() => {
    const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
    if (!products.data || words.length === 0) return products.data;
    return products.data.filter((p) => {
      const text = `${p.code} ${p.name} ${KIND_LABELS[p.kind]} ${p.currency} ${p.description}`.toLowerCase();
      return words.every((w) => text.includes(w));
    });
  }, [products.data, filter]);

  const close = () => setEditing(null);
  const saved = (p: Product, created: boolean) => {
    close();
    notifications.show({ color: 'teal', title: created ? 'Product created' : 'Product saved', message: `${p.code} — ${p.name}` });
  };
  const editingProduct = editing?.kind === 'edit' ? editing.product : undefined;

  return (
    <Screen
      testId="products-screen"
      title="Products"
      description={`Deposit and loan products: yearly rates, monthly fees, arranged overdrafts and daily cash limits.${canManage ? '' : ' Only administrators change the catalog.'}`}
      actions={
        canManage ? (
          <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing({ kind: 'new' })} data-testid="new-product">
            New product
          </Button>
        ) : undefined
      }
    >
      <DataTable
        columns={cols}
        rows={rows}
        rowKey={(p) => String(p.id)}
        {...tableState(products)}
        emptyTitle={filter ? `No product matches “${filter}”` : includeInactive ? 'The catalog is empty' : 'No active products'}
        emptyDescription={!filter && !includeInactive ? 'Show inactive products to see withdrawn ones.' : undefined}
        initialSort={{ id: 'code', desc: false }}
        csvName="products"
        toolbar={
          <>
            <FilterInput value={filter} onChange={setFilter} label="Filter products" placeholder="Filter products" w={240} testId="product-filter" />
            <Switch size="sm" label="Show inactive" checked={includeInactive} onChange={(e) => setIncludeInactive(e.currentTarget.checked)} data-testid="show-inactive" />
          </>
        }
        rowTestId="product-row"
        rowAttributes={(p) => ({ 'data-code': p.code, 'data-active': String(p.active) })}
        testId="products-table"
        caption="Product catalog"
      />
      <Text size="xs" c="dimmed">
        Amounts are in each product’s own currency; rates are yearly (p.a.).
      </Text>
      <Modal opened={editing !== null} onClose={close} title={editingProduct ? `Edit ${editingProduct.code}` : 'New product'} size="lg">
        {editing && (
          <ProductForm
            key={editingProduct ? `${editingProduct.id}-${editingProduct.updatedAt}` : 'new'}
            product={editingProduct}
            onCancel={close}
            onSaved={(p) => saved(p, editing.kind === 'new')}
            onReload={() => {
              close();
              void products.refetch();
            }}
          />
        )}
      </Modal>
    </Screen>
  );
}
