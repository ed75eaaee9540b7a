import { Button } from '@mantine/core';
import { IconArrowLeft, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import type { AccountDetail, Operation, OperationKind, OperationPreview, Receipt } from '../../../../shared/contract';
import { AppError, type FieldIssue } from '../../../../shared/errors';
import { call } from '../../api/client';
import { useApiMutation } from '../../api/use-api-query';
import { useIntentKey } from '../../api/use-intent-key';
import { navigate } from '../../state/route';
import { ConfirmStep } from './ConfirmStep';
import { holdersOf, type Holders } from './LegsTable';
import { EMPTY_VALUES, toOperation, type OperationValues } from './operation-values';
import { OperationForm } from './OperationForm';
import { ReceiptView } from './ReceiptView';
import { usePostOnce } from './use-post-once';
import { explainRefusal, type Refusal } from './refusal';

type Step =
  | { step: 'edit' }
  | { step: 'confirm'; preview: OperationPreview; operation: Operation; source: AccountDetail; destination: AccountDetail | null }
  | { step: 'receipt'; receipt: Receipt; source: AccountDetail; holders: Holders };

/**
 * Form → confirmation (ops.preview: exactly what will post) → receipt (ops.submit).
 * One idempotency key per filled-in form: kept while the same confirmation is retried (a double click, "Post again"
 * after the bank was unreachable), replaced as soon as the operation differs. The server answers a repeated key
 * with the first receipt, so even two submits that both leave this tab post once.
 */
export function OperationFlow({ kind, fixedSource }: { kind: OperationKind; fixedSource: AccountDetail | null }) {
  const [state, setState] = useState<Step>({ step: 'edit' });
  const [values, setValues] = useState<OperationValues>(EMPTY_VALUES);
  const [reviewing, setReviewing] = useState(false);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [issues, setIssues] = useState<FieldIssue[]>([]);
  const [formRun, setFormRun] = useState(0);
  const intent = useIntentKey('op-');
  const submit = useApiMutation('ops.submit');
  const { posting, postOnce } = usePostOnce();

  const cancel = () => navigate(fixedSource ? `accounts/${fixedSource.id}` : 'operations');

  const review = async (v: OperationValues, source: AccountDetail, destination: AccountDetail | null) => {
    setValues(v);
    setRefusal(null);
    setIssues([]);
    const operation = toOperation(kind, source, v);
    setReviewing(true);
    try {
      const preview = await call('ops.preview', operation);
      setState({ step: 'confirm', preview, operation, source, destination });
    } catch (e) {
      if (e instanceof AppError && e.code === 'VALIDATION' && e.issues?.length) setIssues(e.issues);
      setRefusal(explainRefusal(e, { account: source, destination, currency: source.currency }));
    } finally {
      setReviewing(false);
    }
  };

  const post = async () => {
    if (state.step !== 'confirm') return;
    await postOnce(async () => {
      setRefusal(null);
      try {
        const receipt = await submit.mutateAsync({ operation: state.operation, idempotencyKey: intent.keyFor(state.operation) });
        intent.done();
        setState({ step: 'receipt', receipt, source: state.source, holders: holdersOf(state.source, state.destination) });
      } catch (e) {
        setRefusal(explainRefusal(e, { account: state.source, destination: state.destination, currency: state.source.currency }));
      }
    });
  };

  const backToEdit = () => {
    setRefusal(null);
    setState({ step: 'edit' });
  };

  const startOver = () => {
    intent.done();
    setValues(fixedSource ? EMPTY_VALUES : { ...EMPTY_VALUES, fromText: values.fromText });
    setRefusal(null);
    setIssues([]);
    setFormRun((n) => n + 1);
    setState({ step: 'edit' });
  };

  if (state.step === 'confirm') {
    return (
      <ConfirmStep
        preview={state.preview}
        posting={posting}
        refusal={refusal}
        onConfirm={() => void post()}
        onBack={backToEdit}
        holders={holdersOf(state.source, state.destination)}
      />
    );
  }
  if (state.step === 'receipt') {
    const accountId = state.source.id;
    return (
      <ReceiptView
        receipt={state.receipt}
        accountId={accountId}
        holders={state.holders}
        actions={
          <>
            <Button variant="default" leftSection={<IconArrowLeft size={16} />} onClick={() => navigate(`accounts/${accountId}`)} data-testid="op-receipt-account">
              Account
            </Button>
            <Button leftSection={<IconPlus size={16} />} onClick={startOver} autoFocus data-testid="op-receipt-new">
              New operation
            </Button>
          </>
        }
      />
    );
  }
  return (
    <OperationForm
      key={formRun}
      kind={kind}
      fixedSource={fixedSource}
      defaults={values}
      reviewing={reviewing}
      refusal={refusal}
      issues={issues}
      onReview={(v, s, d) => void review(v, s, d)}
      onCancel={cancel}
    />
  );
}
