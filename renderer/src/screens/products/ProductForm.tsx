import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Button, Grid, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconRefresh } from '@tabler/icons-react';
import { useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { PRODUCT_KINDS, type Product } from '../../../../shared/contract';
import { AppError } from '../../../../shared/errors';
import { minorUnitsOf } from '../../../../shared/money';
import { errorMessage } from '../../api/client';
import { useApiMutation } from '../../api/use-api-query';
import { COMMON_CURRENCIES, formFieldOf, KIND_LABELS, NEW_PRODUCT, productFormSchema, productFormValues, toProductFields, type ProductFormValues } from './product-values';
import { countOf } from '../../format/plural';
import { AmountField, SelectField, SwitchField, TextareaField, TextField } from '../../components/form/bound-fields';
import { FormActions } from '../../components/form/FormActions';
import { FormError } from '../../components/form/FormError';
import { placeServerIssues } from '../../components/form/place-server-issues';

interface Props {
  /** The product being changed; undefined for a new one. */
  product?: Product;
  onSaved: (product: Product) => void;
  onCancel: () => void;
  /** After a CONFLICT: fetch the catalog again and reopen this form on the current version. */
  onReload: () => void;
}

const KIND_OPTIONS = PRODUCT_KINDS.map((k) => ({ value: k, label: KIND_LABELS[k] }));

/** Create or change a catalog product. Rates are typed in %, money in the product currency's decimals. */
export function ProductForm({ product, onSaved, onCancel, onReload }: Props) {
  // Refreshes the catalog (and the products any open form offers) on success: method-tables.ts.
  const save = useApiMutation('products.save');
  const form = useForm<ProductFormValues>({ resolver: zodResolver(productFormSchema), defaultValues: product ? productFormValues(product) : NEW_PRODUCT, mode: 'onTouched' });
  const [problem, setProblem] = useState<string | null>(null);
  const [conflict, setConflict] = useState<string | null>(null);
  const { handleSubmit, control, formState, setError } = form;
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
      if (placeServerIssues(e, setError, formFieldOf)) return;
      if (e instanceof AppError && (e.code === 'DUPLICATE' || e.code === 'CONFLICT')) setError('code', { type: 'server', message: e.message });
      else setProblem(errorMessage(e));
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
        <FormError error={problem} testId="product-form-error" />
        <Grid gap="sm">
          <Grid.Col span={4}>
            <TextField
              form={form}
              name="code"
              label="Code"
              description="Capitals, digits, -"
              autoFocus={!product}
              autoComplete="off"
              className="mono"
              withAsterisk
              data-testid="product-code"
            />
          </Grid.Col>
          <Grid.Col span={8}>
            <TextField
              form={form}
              name="name"
              label="Name"
              description="As tellers and customers see it"
              autoFocus={product !== undefined}
              autoComplete="off"
              withAsterisk
              data-testid="product-name"
            />
          </Grid.Col>
        </Grid>
        <SimpleGrid cols={2} spacing="sm">
          <SelectField form={form} name="kind" label="Kind" data={KIND_OPTIONS} data-testid="product-kind" />
          <SelectField
            form={form}
            name="currency"
            label="Currency"
            description={currencyLocked ? `Fixed: ${countOf(product?.accounts ?? 0, 'account or loan uses', 'accounts or loans use')} this product` : undefined}
            data={currencies}
            searchable
            disabled={currencyLocked}
            data-testid="product-currency"
          />
          <AmountField form={form} name="rate" label="Interest rate" description="Yearly, in % (1.25 = 1.25 %)" unit="%" data-testid="product-rate" />
          <AmountField form={form} name="monthlyFee" label="Monthly fee" description={moneyHint} unit={currency} data-testid="product-fee" />
          <AmountField
            form={form}
            name="overdraftLimit"
            label="Overdraft limit"
            description="How far below zero the balance may go; 0 = none"
            unit={currency}
            data-testid="product-overdraft"
          />
          <AmountField
            form={form}
            name="dailyWithdrawalLimit"
            label="Daily withdrawal limit"
            description="Cash out per day; 0 = no limit"
            unit={currency}
            data-testid="product-daily-limit"
          />
        </SimpleGrid>
        <TextareaField form={form} name="description" label="Description" autosize minRows={2} maxRows={5} data-testid="product-description" />
        <SwitchField
          form={form}
          name="active"
          label="Offered to customers"
          description="Inactive products stay on existing accounts but cannot be chosen for new ones"
          data-testid="product-active"
        />
        <FormActions
          submitLabel={product ? 'Save changes' : 'Create product'}
          busy={formState.isSubmitting}
          disabled={conflict !== null}
          onCancel={onCancel}
          mt="xs"
          submitTestId="product-save"
        />
      </Stack>
    </form>
  );
}
