import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Button, Grid, Group, Select, Stack, Switch, Text, Textarea, TextInput } from '@mantine/core';
import { IconAlertTriangle, IconRefresh } from '@tabler/icons-react';
import { useState } from 'react';
import { Controller, useForm, useWatch } from 'react-hook-form';
import { PRODUCT_KINDS, type Product } from '../../../../shared/contract';
import { AppError } from '../../../../shared/errors';
import { minorUnitsOf } from '../../../../shared/money';
import { errorMessage } from '../../api/client';
import { useApiMutation } from '../../api/use-api-query';
import { COMMON_CURRENCIES, formFieldOf, KIND_LABELS, NEW_PRODUCT, productFormSchema, productFormValues, toProductFields, type ProductFormValues } from './product-values';
import { countOf } from '../../format/plural';
import { AmountInput } from '../../components/AmountInput';

interface Props {
  /** The product being changed; undefined for a new one. */
  product?: Product;
  onSaved: (product: Product) => void;
  onCancel: () => void;
  /** After a CONFLICT: fetch the catalog again and reopen this form on the current version. */
  onReload: () => void;
}

function isKind(value: string | null): value is Product['kind'] {
  return value !== null && (PRODUCT_KINDS as readonly string[]).includes(value);
}

/** Create or change a catalog product. Rates are typed in %, money in the product currency's decimals. */
export function ProductForm({ product, onSaved, onCancel, onReload }: Props) {
  // Refreshes the catalog (and the products any open form offers) on success: method-tables.ts.
  const save = useApiMutation('products.save');
  const { register, handleSubmit, control, formState, setError } = useForm<ProductFormValues>({
    resolver: zodResolver(productFormSchema),
    defaultValues: product ? productFormValues(product) : NEW_PRODUCT,
    mode: 'onTouched',
  });
  const [problem, setProblem] = useState<string | null>(null);
  const [conflict, setConflict] = useState<string | null>(null);
  const errors = formState.errors;
  const currency = useWatch({ control, name: 'currency' }).trim().toUpperCase();
  const decimals = minorUnitsOf(currency);
  const moneyHint = decimals === null ? 'choose an ISO 4217 currency first' : decimals === 0 ? `whole ${currency}` : `${currency}, up to ${decimals} decimals`;
  const currencyLocked = product !== undefined && product.accounts > 0;
  const currencies = [...new Set([...COMMON_CURRENCIES, ...(product ? [product.currency] : [])])];

  const onSubmit = handleSubmit(async (values) => {
    setProblem(null);
    const { fields } = toProductFields(values);
    try {
      const saved = await save.mutateAsync(product ? { ...fields, id: product.id, expectedUpdatedAt: product.updatedAt } : fields);
      onSaved(saved);
    } catch (e) {
      if (e instanceof AppError && e.code === 'CONFLICT' && product) {
        setConflict(e.message);
        return;
      }
      let placed = false;
      if (e instanceof AppError) {
        for (const issue of e.issues ?? []) {
          const field = formFieldOf(issue.path);
          if (field) {
            setError(field, { type: 'server', message: issue.message });
            placed = true;
          }
        }
        if (!placed && (e.code === 'DUPLICATE' || e.code === 'CONFLICT')) {
          setError('code', { type: 'server', message: e.message });
          placed = true;
        }
      }
      if (!placed) setProblem(errorMessage(e));
    }
  });

  return (
    <form onSubmit={onSubmit} noValidate data-testid="product-form">
      <Stack gap="sm">
        {conflict && (
          <Alert color="orange" variant="light" title="Someone else changed this product" icon={<IconAlertTriangle size={18} />} data-testid="product-conflict">
            <Stack gap="xs" align="flex-start">
              <Text size="sm">{conflict}</Text>
              <Button size="xs" variant="light" color="orange" leftSection={<IconRefresh size={14} />} onClick={onReload}>
                Reload the catalog
              </Button>
            </Stack>
          </Alert>
        )}
        {problem && (
          <Alert color="red" variant="light" data-testid="product-form-error">
            {problem}
          </Alert>
        )}
        <Grid gap="sm">
          <Grid.Col span={4}>
            <TextInput
              label="Code"
              description="Capitals, digits, -"
              autoFocus={!product}
              autoComplete="off"
              className="mono"
              withAsterisk
              error={errors.code?.message}
              data-testid="product-code"
              {...register('code')}
            />
          </Grid.Col>
          <Grid.Col span={8}>
            <TextInput
              label="Name"
              description="As tellers and customers see it"
              autoFocus={product !== undefined}
              autoComplete="off"
              withAsterisk
              error={errors.name?.message}
              data-testid="product-name"
              {...register('name')}
            />
          </Grid.Col>
          <Grid.Col span={6}>
            <Controller
              control={control}
              name="kind"
              render={({ field }) => (
                <Select
                  label="Kind"
                  data={PRODUCT_KINDS.map((k) => ({ value: k, label: KIND_LABELS[k] }))}
                  value={field.value}
                  onChange={(v) => isKind(v) && field.onChange(v)}
                  onBlur={field.onBlur}
                  allowDeselect={false}
                  data-testid="product-kind"
                />
              )}
            />
          </Grid.Col>
          <Grid.Col span={6}>
            <Controller
              control={control}
              name="currency"
              render={({ field }) => (
                <Select
                  label="Currency"
                  description={currencyLocked ? `Fixed: ${countOf(product?.accounts ?? 0, 'account or loan uses', 'accounts or loans use')} this product` : undefined}
                  data={currencies}
                  value={field.value}
                  onChange={(v) => v && field.onChange(v)}
                  onBlur={field.onBlur}
                  searchable
                  allowDeselect={false}
                  disabled={currencyLocked}
                  error={errors.currency?.message}
                  data-testid="product-currency"
                />
              )}
            />
          </Grid.Col>
          <Grid.Col span={6}>
            <AmountInput label="Interest rate" description="Yearly, in % (1.25 = 1.25 %)" unit="%" error={errors.rate?.message} data-testid="product-rate" {...register('rate')} />
          </Grid.Col>
          <Grid.Col span={6}>
            <AmountInput label="Monthly fee" description={moneyHint} unit={currency} error={errors.monthlyFee?.message} data-testid="product-fee" {...register('monthlyFee')} />
          </Grid.Col>
          <Grid.Col span={6}>
            <AmountInput
              label="Overdraft limit"
              description="How far below zero the balance may go; 0 = none"
              unit={currency}
              error={errors.overdraftLimit?.message}
              data-testid="product-overdraft"
              {...register('overdraftLimit')}
            />
          </Grid.Col>
          <Grid.Col span={6}>
            <AmountInput
              label="Daily withdrawal limit"
              description="Cash out per day; 0 = no limit"
              unit={currency}
              error={errors.dailyWithdrawalLimit?.message}
              data-testid="product-daily-limit"
              {...register('dailyWithdrawalLimit')}
            />
          </Grid.Col>
          <Grid.Col span={12}>
            <Textarea label="Description" autosize minRows={2} maxRows={5} error={errors.description?.message} data-testid="product-description" {...register('description')} />
          </Grid.Col>
          <Grid.Col span={12}>
            <Controller
              control={control}
              name="active"
              render={({ field }) => (
                <Switch
                  label="Offered to customers"
                  description="Inactive products stay on existing accounts but cannot be chosen for new ones"
                  checked={field.value}
                  onChange={(e) => field.onChange(e.currentTarget.checked)}
                  data-testid="product-active"
                />
              )}
            />
          </Grid.Col>
        </Grid>
        <Group justify="flex-end" mt="xs">
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" loading={formState.isSubmitting} disabled={conflict !== null} data-testid="product-save">
            {product ? 'Save changes' : 'Create product'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
