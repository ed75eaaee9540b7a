import { Alert, Button, Group, Text } from '@mantine/core';
import { IconCircleCheck, IconCircleX, IconShieldCheck } from '@tabler/icons-react';
import { useState } from 'react';
import type { AuditVerify } from '../../../../shared/contract';
import { call, errorMessage } from '../../api/client';
import { formatCount } from '../../format/number';

/** Recomputes the hash chain on the server and says plainly whether the log was tampered with. */
export function VerifyChain() {
  const [result, setResult] = useState<AuditVerify | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const verify = async () => {
    setBusy(true);
    setError(null);
    try {
      setResult(await call('audit.verify', {}));
    } catch (e) {
      setResult(null);
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Group gap="sm" align="center" wrap="wrap">
      <Button variant="default" leftSection={<IconShieldCheck size={16} />} onClick={() => void verify()} loading={busy} data-testid="verify-chain">
        Verify chain
      </Button>
      {result && result.ok && (
        <Alert py={6} color="teal" variant="light" icon={<IconCircleCheck size={18} />} data-testid="verify-result" data-ok="true">
          <Text size="sm">Chain intact: {formatCount(result.checked)} entries checked.</Text>
        </Alert>
      )}
      {result && !result.ok && (
        <Alert py={6} color="red" variant="light" icon={<IconCircleX size={18} />} data-testid="verify-result" data-ok="false">
          <Text size="sm" c="red" fw={600}>
            Chain broken{result.firstBroken ? ` at entry #${result.firstBroken.seq}: ${result.firstBroken.reason}` : ''} ({formatCount(result.checked)} entries checked).
          </Text>
        </Alert>
      )}
      {error && (
        <Text size="sm" c="red" data-testid="verify-error">
          Could not verify: {error}
        </Text>
      )}
    </Group>
  );
}
