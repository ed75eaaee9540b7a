import { Group, Modal, Select, Stack, TextInput, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import { CASE_CONTACT_OUTCOMES, type CaseDetail } from '../../../../../shared/contract';
import { useApiMutation } from '../../../api/use-api-query';
import { bindText } from '../../../components/form/bind-text';
import { FormActions } from '../../../components/form/FormActions';
import { FormError } from '../../../components/form/FormError';
import { submitHandler } from '../../../components/form/submit-handler';
import { newIdempotencyKey } from '../../../api/use-intent-key';

export const OUTCOME_LABELS: Record<(typeof CASE_CONTACT_OUTCOMES)[number], string> = {
  customer_denies: 'Customer denies the transactions',
  customer_authorised: 'Customer made them',
  no_answer: 'No answer',
  callback_requested: 'Call back requested',
  advised_customer: 'Customer advised',
  other: 'Other',
};

const CHANNEL_OPTIONS = [
  { value: 'phone_call', label: 'Phone call' },
  { value: 'branch_visit', label: 'Branch visit' },
];

/** "2026-12-04T14:05" in the browser's zone, for a datetime-local field. */
function localInput(ms: number): string {
  const d = new Date(ms - new Date(ms).getTimezoneOffset() * 60_000);
  return d.toISOString().slice(0, 16);
}

/** Record a call or branch visit with one of the case's customers: when, who spoke with whom, the outcome. */
export function ContactModal({ detail, opened, onClose }: { detail: CaseDetail; opened: boolean; onClose: () => void }) {
  const record = useApiMutation('contacts.record');
  const first = detail.customers[0];
  const [customerId, setCustomerId] = useState<string | null>(first ? String(first.id) : null);
  const [channel, setChannel] = useState<string | null>('phone_call');
  const [outcome, setOutcome] = useState<string | null>('customer_denies');
  const [spokeWith, setSpokeWith] = useState('');
  const [when, setWhen] = useState(localInput(Date.now()));
  const [summary, setSummary] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  useEffect(() => {
    if (!opened) return;
    setCustomerId(first ? String(first.id) : null);
    setSpokeWith(first?.name ?? '');
    setWhen(localInput(Date.now()));
    setSummary('');
    setErrors({});
    record.reset();
  }, [opened]);

  const submit = async () => {
    const at = new Date(when).getTime();
    const next: Record<string, string> = {};
    if (!customerId) next.customerId = 'Choose the customer';
    if (spokeWith.trim().length < 2) next.spokeWith = 'Who did you speak with?';
    if (!Number.isFinite(at)) next.contactedAt = 'When did it take place?';
    else if (at > Date.now() + 60_000) next.contactedAt = 'The contact cannot be in the future';
    if (summary.trim().length < 5) next.summary = 'Say what was said (at least 5 characters)';
    setErrors(next);
    if (Object.keys(next).length || !customerId || !channel || !outcome) return;
    try {
      const r = await record.mutateAsync({
        caseId: detail.case.id,
        customerId: Number(customerId),
        channel: channel === 'branch_visit' ? 'branch_visit' : 'phone_call',
        outcome: CASE_CONTACT_OUTCOMES.find((o) => o === outcome) ?? 'other',
        spokeWith: spokeWith.trim(),
        contactedAt: at,
        summary: summary.trim(),
        idempotencyKey: newIdempotencyKey(),
      });
      notifications.show({ color: 'teal', title: 'Contact recorded', message: r.message });
      onClose();
    } catch {
      // Shown below the form.
    }
  };

  return (
    <Modal opened={opened} onClose={onClose} title="Record a customer contact" centered data-testid="contact-modal">
      <form onSubmit={submitHandler(submit)} noValidate>
        <Stack gap="sm">
          <Select
            label="Customer"
            withAsterisk
            data={detail.customers.map((c) => ({ value: String(c.id), label: `${c.name} (${c.phone})` }))}
            value={customerId}
            onChange={setCustomerId}
            error={errors.customerId}
            allowDeselect={false}
            data-testid="contact-customer"
          />
          <Group grow>
            <Select label="Contact" data={CHANNEL_OPTIONS} value={channel} onChange={setChannel} allowDeselect={false} data-testid="contact-channel" />
            <TextInput label="When" type="datetime-local" withAsterisk {...bindText(when, setWhen)} error={errors.contactedAt} data-testid="contact-when" />
          </Group>
          <TextInput label="Spoke with" withAsterisk {...bindText(spokeWith, setSpokeWith)} error={errors.spokeWith} maxLength={160} data-testid="contact-spoke-with" />
          <Select
            label="Outcome"
            data={CASE_CONTACT_OUTCOMES.map((o) => ({ value: o, label: OUTCOME_LABELS[o] }))}
            value={outcome}
            onChange={setOutcome}
            allowDeselect={false}
            data-testid="contact-outcome"
          />
          <Textarea
            label="What was said"
            withAsterisk
            {...bindText(summary, setSummary)}
            error={errors.summary}
            maxLength={2000}
            autosize
            minRows={3}
            data-testid="contact-summary"
          />
          <FormError error={record.error} title="Not recorded" />
          <FormActions submitLabel="Record" busy={record.isPending} onCancel={onClose} submitTestId="contact-submit" />
        </Stack>
      </form>
    </Modal>
  );
}
