import { Anchor, Button, Group, Paper, Stack, Table, Text, TextInput } from '@mantine/core';
import { IconArrowRight, IconHistory, IconSearch } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { formatIban } from '../../../../shared/account-number';
import { AppError } from '../../../../shared/errors';
import { errorMessage } from '../../api/client';
import { queryClient } from '../../api/query-client';
import { apiQueryOptions } from '../../api/use-api-query';
import { PageHeader } from '../../components/PageHeader';
import { EmptyView } from '../../components/StateViews';
import { formatDateTimeCompact } from '../../format/date';
import { navigate } from '../../state/route';
import { checkAccountNo } from '../operations/account-lookup';
import { useRecentAccounts } from './recent-lookups';

/** Balance inquiry: type or paste an account number (spaces fine) → the account page. */
export function BalanceInquiry() {
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const recent = useRecentAccounts((s) => s.items);
  const clear = useRecentAccounts((s) => s.clear);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const checked = checkAccountNo(text);
    if (checked === null) return setError('Enter an account number.');
    if (!checked.ok) return setError(checked.message);
    setBusy(true);
    setError(null);
    try {
      // Always asked afresh (staleTime 0): an inquiry is about the balance now.
      const account = await queryClient.fetchQuery(apiQueryOptions('accounts.get', { accountNo: checked.accountNo }));
      navigate(`accounts/${account.id}`);
    } catch (err) {
      setError(err instanceof AppError && err.code === 'NOT_FOUND' ? 'No account at this bank has that number.' : errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack gap="md" maw={880} data-testid="balance-inquiry">
      <PageHeader
        title="Accounts"
        description="Balance inquiry: the account’s balance, what is available, its limits, and every action on it. To open an account, start from the customer."
      />
      <Paper withBorder radius="sm" p="md">
        <form onSubmit={(e) => void submit(e)} noValidate>
          <Group align="flex-start" gap="sm" wrap="nowrap">
            <TextInput
              label="Account number"
              description="Type or paste it; spaces and lower case are fine"
              placeholder="CZ65 0800 0000 1920 0014 5399"
              value={text}
              onChange={(e) => {
                setText(e.currentTarget.value);
                setError(null);
              }}
              error={error}
              classNames={{ input: 'mono' }}
              autoFocus
              autoComplete="off"
              spellCheck={false}
              leftSection={<IconSearch size={16} />}
              style={{ flex: 1 }}
              data-testid="inquiry-account-no"
            />
            <Button type="submit" mt={44} loading={busy} rightSection={<IconArrowRight size={16} />} data-testid="inquiry-submit">
              Show account
            </Button>
          </Group>
        </form>
      </Paper>
      <Paper withBorder radius="sm" p="md">
        <Group justify="space-between" mb="xs">
          <Group gap={6}>
            <IconHistory size={16} />
            <Text fw={600} size="sm">
              Recently looked up
            </Text>
          </Group>
          {recent.length > 0 && (
            <Anchor component="button" size="xs" onClick={clear} data-testid="recent-clear">
              Clear list
            </Anchor>
          )}
        </Group>
        {recent.length === 0 ? (
          <EmptyView title="Nothing looked up yet" description="Accounts you open in this session are listed here, for this session only." />
        ) : (
          <Table highlightOnHover verticalSpacing={6} data-testid="recent-accounts">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Account</Table.Th>
                <Table.Th>Holder</Table.Th>
                <Table.Th>Currency</Table.Th>
                <Table.Th className="num">Looked up</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {recent.map((r) => (
                <Table.Tr key={r.id} data-testid="recent-account">
                  <Table.Td>
                    <Anchor href={`#/accounts/${r.id}`} className="mono" size="sm">
                      {formatIban(r.accountNo)}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{r.holder}</Table.Td>
                  <Table.Td className="mono">{r.currency}</Table.Td>
                  <Table.Td className="num">{formatDateTimeCompact(r.at)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Paper>
    </Stack>
  );
}
