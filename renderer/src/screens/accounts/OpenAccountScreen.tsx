import { Alert, Anchor, Badge, Breadcrumbs, Button, Group, List, Paper, Stack, Text, Title } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { IconAlertTriangle, IconArrowLeft, IconArrowRight, IconCheck, IconCircleCheck, IconWallet } from '@tabler/icons-react';
import { useMemo, useState, type FormEvent } from 'react';
import { formatIban } from '../../../../shared/account-number';
import type { AccountDetail, Product, Receipt } from '../../../../shared/contract';
import { AppError } from '../../../../shared/errors';
import { parseAmount } from '../../../../shared/money';
import { errorMessage } from '../../api/client';
import { useApiMutation, useApiQuery } from '../../api/use-api-query';
import { useIntentKey } from '../../api/use-intent-key';
import { EmptyView, ErrorView, LoadingView } from '../../components/StateViews';
import { formatMoney } from '../../format/money';
import { navigate } from '../../state/route';
import { holdersOf } from '../operations/LegsTable';
import { ReceiptView } from '../operations/ReceiptView';
import { explainRefusal, type Refusal } from '../operations/refusal';
import { usePostOnce } from '../operations/use-post-once';
import { RefusalAlert } from '../operations/RefusalAlert';
import { ProductPicker } from './ProductPicker';
import { CopyIconButton } from '../../components/CopyIconButton';
import { countOf } from '../../format/plural';
import { AmountInput } from '../../components/AmountInput';

/** Loan products are set up by the lending process, not opened at the counter. */
const COUNTER_KINDS: readonly Product['kind'][] = ['current', 'savings', 'term_deposit'];

type Step = { step: 'edit' } | { step: 'confirm'; product: Product; deposit: number | null } | { step: 'done'; account: AccountDetail; receipt: Receipt | null };

/** accounts/open/<customerId>: product, optional initial deposit, confirmation of what will be created and posted, result. */
export function OpenAccountScreen({ customerId }: { customerId: number }) {
  const customer = useApiQuery('customers.get', { id: customerId });
  const products = useApiQuery('products.list', { includeInactive: false });
  const openAccount = useApiMutation('accounts.open');
  const [productId, setProductId] = useState<number | null>(null);
  const [deposit, setDeposit] = useState('');
  const [errors, setErrors] = useState<{ product?: string; deposit?: string }>({});
  const [state, setState] = useState<Step>({ step: 'edit' });
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  // One key per account the teller asks for: a retried confirmation opens one account, not two.
  const intent = useIntentKey('open-');
  const { posting, postOnce } = usePostOnce();

  const offered = useMemo(() => (products.data ?? []).filter((p) => p.active && COUNTER_KINDS.includes(p.kind)), [products.data]);
  const product = offered.find((p) => p.id === productId) ?? null;
  const c = customer.data?.customer;

  useHotkeys([['Escape', () => state.step === 'confirm' && !posting && setState({ step: 'edit' })]], []);

  const review = (e: FormEvent) => {
    e.preventDefault();
    setRefusal(null);
    const next: typeof errors = {};
    if (!product) next.product = 'Choose a product';
    let minor: number | null = null;
    if (deposit.trim() !== '' && product) {
      const parsed = parseAmount(deposit, product.currency);
      if (parsed.ok) minor = parsed.minor;
      else next.deposit = parsed.reason;
    }
    setErrors(next);
    if (!product || next.deposit) return;
    setState({ step: 'confirm', product, deposit: minor });
  };

  const open = async () => {
    if (state.step !== 'confirm') return;
    await postOnce(async () => {
      setRefusal(null);
      try {
        const request = { customerId, productId: state.product.id, initialDeposit: deposit.trim() };
        const result = await openAccount.mutateAsync({ ...request, idempotencyKey: intent.keyFor(request) });
        intent.done();
        setState({ step: 'done', account: result.account, receipt: result.receipt });
      } catch (err) {
        // A product the customer may not hold (eligibility, product withdrawn): back to the picker, the reason under it.
        const productIssue = err instanceof AppError && err.code === 'VALIDATION' && err.issues?.some((i) => i.path === 'productId');
        if (productIssue) {
          setErrors({ product: err.message });
          setState({ step: 'edit' });
          return;
        }
        setRefusal(explainRefusal(err, { currency: state.product.currency }));
      }
    });
  };

  const header = (
    <div>
      <Breadcrumbs separator="›" fz="xs" mb={4}>
        <Anchor href="#/customers" size="xs">
          Customers
        </Anchor>
        <Anchor href={`#/customers/${customerId}`} size="xs">
          {c?.legalName ?? `#${customerId}`}
        </Anchor>
        <Text size="xs">Open an account</Text>
      </Breadcrumbs>
      <Title order={2}>Open an account</Title>
      {c ? (
        <Group gap="xs" mt={2} data-testid="open-customer">
          <Text size="sm" fw={600}>
            {c.legalName}
          </Text>
          <Text size="sm" c="dimmed">
            {c.customerNo} · born {c.dateOfBirth} · {c.city} · {countOf(customer.data?.accounts.length ?? 0, 'account', 'accounts')}
          </Text>
          <Badge size="sm" radius="sm" variant="light" color={c.kycStatus === 'verified' ? 'teal' : 'orange'}>
            KYC {c.kycStatus}
          </Badge>
        </Group>
      ) : (
        <Text size="sm" c="dimmed">
          Loading the customer…
        </Text>
      )}
    </div>
  );

  if (customer.error && !customer.data) {
    return (
      <Stack gap="md" data-testid="open-account">
        {header}
        <ErrorView message={errorMessage(customer.error)} onRetry={() => void customer.refetch()} title="Could not load the customer" />
      </Stack>
    );
  }

  let body;
  if (state.step === 'done') {
    const a = state.account;
    body = (
      <Stack gap="md" data-testid="open-done" data-account-id={a.id} data-account-no={a.accountNo}>
        <Paper withBorder radius="sm" p="md">
          <Group gap="sm" align="flex-start">
            <IconCircleCheck size={32} color="var(--mantine-color-teal-6)" />
            <div style={{ flex: 1 }}>
              <Title order={3}>Account opened</Title>
              <Text size="sm" c="dimmed">
                {a.productName} in {a.currency} for {a.customer?.legalName ?? c?.legalName}
              </Text>
              <Group gap={6} mt="xs">
                <Text fz={22} fw={700} className="mono" data-testid="open-done-account-no">
                  {formatIban(a.accountNo)}
                </Text>
                <CopyIconButton value={a.accountNo} label="Copy account number" />
              </Group>
              <Text size="sm" mt={4}>
                Balance <b className="num">{formatMoney(a.balance, a.currency)}</b>
              </Text>
            </div>
            <Group gap="xs">
              <Button variant="default" onClick={() => navigate(`customers/${customerId}`)} data-testid="open-done-customer">
                Customer
              </Button>
              <Button leftSection={<IconWallet size={16} />} onClick={() => navigate(`accounts/${a.id}`)} autoFocus data-testid="open-done-account">
                Go to the account
              </Button>
            </Group>
          </Group>
        </Paper>
        {state.receipt && <ReceiptView receipt={state.receipt} accountId={a.id} holders={holdersOf(a)} title="Initial deposit posted" />}
      </Stack>
    );
  } else if (state.step === 'confirm') {
    const p = state.product;
    body = (
      <Paper withBorder radius="sm" p="md" data-testid="open-confirm">
        <Stack gap="sm">
          <Text size="xs" c="dimmed" tt="uppercase" fw={600} lts={0.3}>
            Please confirm
          </Text>
          <List spacing={4} size="sm">
            <List.Item>
              A new <b>{p.name}</b> account ({p.code}) in <b>{p.currency}</b> for <b>{c?.legalName}</b> ({c?.customerNo}), at {c?.branchName}.
            </List.Item>
            <List.Item>
              Terms: interest {(p.interestRateBp / 100).toFixed(2)} % a year; monthly fee {p.monthlyFee === 0 ? 'none' : formatMoney(p.monthlyFee, p.currency)}; overdraft{' '}
              {p.overdraftLimit === 0 ? 'none' : formatMoney(p.overdraftLimit, p.currency)}; daily cash limit{' '}
              {p.dailyWithdrawalLimit === 0 ? 'none' : formatMoney(p.dailyWithdrawalLimit, p.currency)}.
            </List.Item>
            <List.Item data-testid="open-confirm-deposit">
              {state.deposit === null ? (
                'No initial deposit: the account opens with a zero balance.'
              ) : (
                <>
                  Initial cash deposit of <b>{formatMoney(state.deposit, p.currency)}</b>, posted in the same step: the balance will be {formatMoney(state.deposit, p.currency)}.
                </>
              )}
            </List.Item>
          </List>
          {refusal && <RefusalAlert refusal={refusal} />}
          <Group justify="space-between">
            <Button variant="default" leftSection={<IconArrowLeft size={16} />} onClick={() => setState({ step: 'edit' })} disabled={posting} data-testid="open-back">
              Back to edit{' '}
              <Text span size="xs" c="dimmed" ml={6}>
                Esc
              </Text>
            </Button>
            <Button leftSection={<IconCheck size={16} />} onClick={() => void open()} loading={posting} autoFocus data-testid="open-submit">
              {refusal?.retryable ? 'Try again' : 'Open the account'}
            </Button>
          </Group>
        </Stack>
      </Paper>
    );
  } else if (products.isPending || customer.isPending) {
    body = <LoadingView label="Loading products…" />;
  } else if (products.error && !products.data) {
    body = <ErrorView message={errorMessage(products.error)} onRetry={() => void products.refetch()} title="Could not load the products" />;
  } else if (offered.length === 0) {
    body = <EmptyView title="No products to open" description="The catalog has no active deposit products. An administrator manages them under Products." />;
  } else {
    body = (
      <Paper withBorder radius="sm" p="md">
        <form onSubmit={review} noValidate data-testid="open-form">
          <Stack gap="md">
            {c && c.kycStatus !== 'verified' && (
              <Alert color="orange" variant="light" icon={<IconAlertTriangle size={18} />} title={`KYC is ${c.kycStatus}`}>
                Check the customer’s documents before opening an account; the bank may refuse it.
              </Alert>
            )}
            <ProductPicker
              products={offered}
              value={productId}
              onChange={(id) => {
                setProductId(id);
                setErrors({});
              }}
              error={errors.product}
            />
            <AmountInput
              label="Initial deposit (optional)"
              description={product ? `Cash paid in now, in ${product.currency}` : 'Choose a product first; the deposit is in its currency'}
              placeholder="0.00"
              unit={product?.currency ?? '—'}
              w={320}
              value={deposit}
              onChange={(e) => {
                setDeposit(e.currentTarget.value);
                setErrors((x) => ({ ...x, deposit: undefined }));
              }}
              error={errors.deposit}
              data-testid="open-deposit"
            />
            <Group justify="space-between">
              <Anchor href={`#/customers/${customerId}`} size="sm">
                Cancel
              </Anchor>
              <Button type="submit" rightSection={<IconArrowRight size={16} />} data-testid="open-review">
                Review
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
    );
  }

  return (
    <Stack gap="md" maw={1100} data-testid="open-account">
      {header}
      {body}
    </Stack>
  );
}
