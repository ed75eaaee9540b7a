import { Alert, Anchor, Divider, Grid, List, Select, Stack, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconAlertTriangle, IconCopy } from '@tabler/icons-react';
import { keepPreviousData, skipToken } from '@tanstack/react-query';
import { useEffect, useMemo } from 'react';
import { Controller, useWatch } from 'react-hook-form';
import { CONTACT_CHANNELS, GENDERS, KYC_STATUSES, RISK_RATINGS, type DuplicateCustomer } from '../../../../shared/contract';
import { errorMessage } from '../../api/client';
import { useApiQuery } from '../../api/use-api-query';
import { TextField } from '../../components/form/bound-fields';
import { LabelledSegmentedControl } from '../../components/form/LabelledSegmentedControl';
import { useCan } from '../../state/session';
import { CHANNEL_LABELS, dayKey, duplicateQuery, FIELD_LABELS, formatBirthDate, GENDER_LABELS, KYC_LABELS, RISK_LABELS } from './customer-values';
import { fieldMessage, type CustomerForm } from './use-customer-form';

const DUPLICATE_CHECK_MS = 350;

function oneOf<T extends string>(options: readonly T[], value: string | null): T | undefined {
  return options.find((o) => o === value);
}

function Section({ title, hint }: { title: string; hint?: string }) {
  return (
    <Divider
      label={
        <Text size="xs" fw={700} tt="uppercase" lts={0.4} c="dimmed">
          {title}
          {hint && (
            <Text span size="xs" fw={400} tt="none" lts={0} ml={6}>
              — {hint}
            </Text>
          )}
        </Text>
      }
      labelPosition="left"
    />
  );
}

/** Existing customers that look like the one being entered. */
export function DuplicateWarning({ duplicates, saving = 'registering' }: { duplicates: DuplicateCustomer[]; saving?: string }) {
  if (duplicates.length === 0) return null;
  const hard = duplicates.some((d) => d.reason === 'national_id');
  return (
    <Alert
      color={hard ? 'red' : 'yellow'}
      variant="light"
      icon={hard ? <IconAlertTriangle size={18} /> : <IconCopy size={18} />}
      title={hard ? 'This national id belongs to an existing customer' : 'Possible duplicate: same name and date of birth'}
      data-testid="duplicate-warning"
      data-hard={hard}
    >
      <Text size="sm" mb={4}>
        {hard
          ? `A person can be registered only once. ${saving === 'registering' ? 'Open the existing customer instead:' : 'Correct the national id, or open the other customer:'}`
          : `Check that this is not the same person before ${saving}:`}
      </Text>
      <List size="sm" spacing={2}>
        {duplicates.map((d) => (
          <List.Item key={d.id} data-testid="duplicate-match">
            <Anchor href={`#/customers/${d.id}`} size="sm" fw={500}>
              {d.legalName}
            </Anchor>{' '}
            <Text span size="sm" c="dimmed">
              <span className="mono">{d.customerNo}</span>, born {formatBirthDate(d.dateOfBirth)} — {d.reason === 'national_id' ? 'same national id' : 'same name and birth date'}
            </Text>
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}

interface Props {
  form: CustomerForm;
  /** Edit: the customer itself is not its own duplicate. */
  excludeId?: number;
  onDuplicates: (duplicates: DuplicateCustomer[]) => void;
  autoFocus?: boolean;
}

/** Every KYC field of a customer, with a live duplicate check on national id and name + birth date. */
export function CustomerFormFields({ form, excludeId, onDuplicates, autoFocus }: Props) {
  // KYC is verified and risk re-rated by compliance (their review queue); tellers capture and submit.
  const canVerifyKyc = useCan('kyc.verify');
  const editing = excludeId !== undefined;
  const { control } = form;
  // The same answer as the page around the form asks for: one branches.list call between them.
  const branches = useApiQuery('branches.list', {});

  const [nationalId, legalName, dateOfBirth] = useWatch({ control, name: ['nationalId', 'legalName', 'dateOfBirth'] });
  const probe = duplicateQuery({ nationalId, legalName, dateOfBirth });
  const [key] = useDebouncedValue(probe ? JSON.stringify(probe) : '', DUPLICATE_CHECK_MS);
  const duplicates = useApiQuery(
    'customers.findDuplicates',
    key === '' ? skipToken : { ...(JSON.parse(key) as { nationalId: string; legalName: string; dateOfBirth: string }), excludeId },
    // The last answer stays while the next probe runs, so the warning does not blink while typing.
    { placeholderData: keepPreviousData },
  );
  const found = useMemo(() => (key === '' ? [] : (duplicates.data ?? [])), [key, duplicates.data]);
  useEffect(() => onDuplicates(found), [found, onDuplicates]);

  const branchOptions = (branches.data ?? []).map((b) => ({ value: String(b.id), label: `${b.name} — ${b.city}` }));
  const today = dayKey();

  return (
    <Stack gap="sm">
      <Section title="Identity" />
      <Grid gap="sm">
        <Grid.Col span={{ base: 12, md: 8 }}>
          <TextField
            form={form}
            name="legalName"
            label={FIELD_LABELS.legalName}
            description="Given and family name exactly as on the identity document"
            autoFocus={autoFocus}
            autoComplete="off"
            withAsterisk
            data-testid="cust-legal-name"
          />
        </Grid.Col>
        <Grid.Col span={{ base: 6, md: 4 }}>
          <TextField form={form} name="dateOfBirth" type="date" label={FIELD_LABELS.dateOfBirth} description="As on the document" max={today} withAsterisk data-testid="cust-dob" />
        </Grid.Col>
        <Grid.Col span={{ base: 6, md: 4 }}>
          <TextField
            form={form}
            name="nationalId"
            label={FIELD_LABELS.nationalId}
            description="Birth number or passport no."
            autoComplete="off"
            spellCheck={false}
            withAsterisk
            data-testid="cust-national-id"
          />
        </Grid.Col>
        <Grid.Col span={{ base: 6, md: 4 }}>
          <Controller
            control={control}
            name="gender"
            render={({ field, fieldState }) => (
              <Select
                label={FIELD_LABELS.gender}
                description="For the identity check"
                placeholder="Choose…"
                data={GENDERS.map((g) => ({ value: g, label: GENDER_LABELS[g] }))}
                value={field.value ?? null}
                onChange={(v) => field.onChange(oneOf(GENDERS, v))}
                onBlur={field.onBlur}
                allowDeselect={false}
                withAsterisk
                error={fieldMessage(fieldState.error, 'Choose the gender as on the document')}
                data-testid="cust-gender"
              />
            )}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 6, md: 4 }}>
          <TextField
            form={form}
            name="occupation"
            label={FIELD_LABELS.occupation}
            description="Employer or line of work"
            autoComplete="off"
            withAsterisk
            data-testid="cust-occupation"
          />
        </Grid.Col>
      </Grid>
      <DuplicateWarning duplicates={found} saving={excludeId === undefined ? 'registering' : 'saving'} />

      <Section title="Contact" />
      <Grid gap="sm">
        <Grid.Col span={{ base: 12, md: 8 }}>
          <TextField form={form} name="address" label={FIELD_LABELS.address} autoComplete="off" withAsterisk data-testid="cust-address" />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <TextField form={form} name="city" label={FIELD_LABELS.city} autoComplete="off" withAsterisk data-testid="cust-city" />
        </Grid.Col>
        <Grid.Col span={{ base: 6, md: 4 }}>
          <TextField form={form} name="phone" type="tel" label={FIELD_LABELS.phone} placeholder="+420 601 234 567" autoComplete="off" withAsterisk data-testid="cust-phone" />
        </Grid.Col>
        <Grid.Col span={{ base: 6, md: 4 }}>
          <TextField form={form} name="email" type="email" label={FIELD_LABELS.email} placeholder="name@example.com" autoComplete="off" withAsterisk data-testid="cust-email" />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Controller
            control={control}
            name="branchId"
            render={({ field, fieldState }) => (
              <Select
                label={FIELD_LABELS.branchId}
                placeholder={branches.isPending ? 'Loading branches…' : 'Choose…'}
                data={branchOptions}
                value={field.value ? String(field.value) : null}
                onChange={(v) => field.onChange(v ? Number(v) : undefined)}
                onBlur={field.onBlur}
                searchable
                allowDeselect={false}
                nothingFoundMessage="No branch matches"
                withAsterisk
                disabled={branches.isPending && !branches.data}
                error={branches.error ? `Branches could not be loaded: ${errorMessage(branches.error)}` : fieldMessage(fieldState.error, 'Choose the home branch')}
                data-testid="cust-branch"
              />
            )}
          />
        </Grid.Col>
        <Grid.Col span={12}>
          <Controller
            control={control}
            name="preferredChannel"
            render={({ field }) => (
              <LabelledSegmentedControl
                label={FIELD_LABELS.preferredChannel}
                labelId="cust-channel-label"
                data={CONTACT_CHANNELS.map((c) => ({ value: c, label: CHANNEL_LABELS[c] }))}
                value={field.value}
                onChange={(v) => field.onChange(oneOf(CONTACT_CHANNELS, v) ?? field.value)}
                data-testid="cust-channel"
                w="fit-content"
              />
            )}
          />
        </Grid.Col>
      </Grid>

      <Section title="KYC and risk" hint="reviewed by compliance" />
      <Grid gap="sm">
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Controller
            control={control}
            name="riskRating"
            render={({ field }) => (
              <LabelledSegmentedControl
                label={FIELD_LABELS.riskRating}
                labelId="cust-risk-label"
                data={RISK_RATINGS.map((r) => ({ value: r, label: RISK_LABELS[r].replace(' risk', '') }))}
                value={field.value}
                onChange={(v) => field.onChange(oneOf(RISK_RATINGS, v) ?? field.value)}
                color={field.value === 'high' ? 'red' : field.value === 'medium' ? 'orange' : undefined}
                disabled={editing && !canVerifyKyc}
                data-testid="cust-risk"
                fullWidth
              />
            )}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 6, md: 4 }}>
          <Controller
            control={control}
            name="kycStatus"
            render={({ field }) => (
              <Select
                label={FIELD_LABELS.kycStatus}
                data={KYC_STATUSES.filter((k) => canVerifyKyc || k !== 'verified' || field.value === 'verified').map((k) => ({
                  value: k,
                  label: KYC_LABELS[k].replace('KYC ', '').replace(/^./, (c) => c.toUpperCase()),
                  disabled: !canVerifyKyc && k === 'verified',
                }))}
                description={canVerifyKyc ? undefined : 'Submitted as pending, compliance verifies'}
                value={field.value}
                onChange={(v) => field.onChange(oneOf(KYC_STATUSES, v) ?? field.value)}
                onBlur={field.onBlur}
                allowDeselect={false}
                data-testid="cust-kyc"
              />
            )}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 6, md: 4 }}>
          <TextField form={form} name="kycNextReview" type="date" label={FIELD_LABELS.kycNextReview} data-testid="cust-kyc-review" />
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
