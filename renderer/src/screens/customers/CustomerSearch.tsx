import { Anchor, Button, Group, Loader, Paper, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch, IconUserPlus } from '@tabler/icons-react';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { create } from 'zustand';
import { keepPreviousData, skipToken } from '@tanstack/react-query';
import type { CustomerHit } from '../../../../shared/contract';
import { errorMessage } from '../../api/client';
import { useApiQuery } from '../../api/use-api-query';
import { Screen } from '../../components/Screen';
import { EmptyView, ErrorView } from '../../components/StateViews';
import { navigate } from '../../state/route';
import { useCan } from '../../state/session';
import { onSignOut } from '../../state/sign-out';
import { KycBadge, RiskBadge } from './badges';
import { formatBirthDate, matchLabel } from './customer-values';

const DEBOUNCE_MS = 150;
const LIMIT = 20;

/** The last query, so coming back from a customer shows the same results; forgotten at sign-out. */
const useLastQuery = create<{ query: string }>()(() => ({ query: '' }));
onSignOut(() => useLastQuery.setState({ query: '' }));

export function CustomerSearch() {
  const canOperate = useCan('banking.operate');
  const [query, setQuery] = useState(() => useLastQuery.getState().query);
  const [debounced] = useDebouncedValue(query.trim(), DEBOUNCE_MS);
  const searchable = debounced.length >= 2;
  // Earlier results stay on screen (dimmed) while the next query runs; each query's answer is cached by its text.
  const hits = useApiQuery('customers.search', searchable ? { query: debounced, limit: LIMIT } : skipToken, { placeholderData: keepPreviousData });
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => useLastQuery.setState({ query }), [query]);
  useEffect(() => setActive(0), [hits.data]);
  useEffect(() => input.current?.focus(), []);

  const rows = searchable ? (hits.data ?? []) : [];
  const answered = hits.isSuccess && !hits.isPlaceholderData;
  const open = (hit: CustomerHit | undefined) => hit && navigate(`customers/${hit.id}`);
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' && rows.length > 0) {
      e.preventDefault();
      setActive((i) => Math.min(rows.length - 1, i + 1));
    } else if (e.key === 'ArrowUp' && rows.length > 0) {
      e.preventDefault();
      setActive((i) => Math.max(0, i - 1));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      open(rows[active]);
    } else if (e.key === 'Escape' && query !== '') {
      e.preventDefault();
      setQuery('');
    }
  };

  const stale = hits.isFetching || query.trim() !== debounced;
  let body;
  if (!searchable) {
    body = (
      <EmptyView
        title="Find a customer"
        description="Type at least 2 characters of a name, customer number, account number, phone or national id. Results appear as you type; ↑ ↓ choose, Enter opens."
      />
    );
  } else if (hits.error) {
    body = <ErrorView message={errorMessage(hits.error)} onRetry={() => void hits.refetch()} title="Search failed" />;
  } else if (rows.length === 0 && !answered) {
    body = null;
  } else if (rows.length === 0) {
    body = (
      <EmptyView
        title={`No customer matches “${debounced}”`}
        description="Check the spelling, or search by customer number, account number or phone."
        action={
          canOperate ? (
            <Button size="xs" variant="light" leftSection={<IconUserPlus size={14} />} onClick={() => navigate('customers/new')}>
              Register a new customer
            </Button>
          ) : undefined
        }
      />
    );
  } else {
    body = (
      <div className="table-scroll" style={{ overflow: 'auto' }}>
        <Table
          className="data-table"
          highlightOnHover
          tabularNums
          aria-label="Matching customers"
          id="customer-results"
          data-testid="customer-results"
          style={{ opacity: stale ? 0.6 : 1 }}
        >
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Customer no.</Table.Th>
              <Table.Th>Name</Table.Th>
              <Table.Th>Born</Table.Th>
              <Table.Th>City</Table.Th>
              <Table.Th>Phone</Table.Th>
              <Table.Th>KYC</Table.Th>
              <Table.Th>Risk</Table.Th>
              <Table.Th>Matched on</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((hit, i) => (
              <Table.Tr
                key={hit.id}
                id={`customer-hit-${hit.id}`}
                aria-selected={i === active}
                bg={i === active ? 'var(--mantine-primary-color-light)' : undefined}
                style={{ cursor: 'pointer' }}
                onMouseEnter={() => setActive(i)}
                onClick={() => open(hit)}
                data-testid="customer-hit"
                data-customer-id={hit.id}
                data-active={i === active}
              >
                <Table.Td className="mono">{hit.customerNo}</Table.Td>
                <Table.Td>
                  <Anchor href={`#/customers/${hit.id}`} fw={500} size="sm" data-testid="customer-hit-name" onClick={(e) => e.stopPropagation()}>
                    {hit.legalName}
                  </Anchor>
                </Table.Td>
                <Table.Td className="num">{formatBirthDate(hit.dateOfBirth)}</Table.Td>
                <Table.Td>{hit.city}</Table.Td>
                <Table.Td className="mono">{hit.phone}</Table.Td>
                <Table.Td>
                  <KycBadge status={hit.kycStatus} />
                </Table.Td>
                <Table.Td>
                  <RiskBadge rating={hit.riskRating} />
                </Table.Td>
                <Table.Td>
                  <Text span size="xs" c="dimmed" data-testid="customer-hit-matched">
                    {matchLabel(hit)}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {rows.length === LIMIT && (
          <Text size="xs" c="dimmed" px="sm" py={6}>
            Showing the first {LIMIT} matches — type more to narrow the search.
          </Text>
        )}
      </div>
    );
  }

  const activeHit = rows[active];
  return (
    <Screen
      testId="customers-screen"
      title="Customers"
      description="Search by name, customer number, account number, phone or national id."
      actions={
        canOperate ? (
          <Button leftSection={<IconUserPlus size={16} />} onClick={() => navigate('customers/new')} data-testid="register-customer">
            Register customer
          </Button>
        ) : undefined
      }
    >
      <Paper withBorder radius="sm">
        <div style={{ padding: 'var(--mantine-spacing-sm)', borderBottom: '1px solid var(--mantine-color-default-border)' }}>
          <TextInput
            ref={input}
            value={query}
            onChange={(e) => setQuery(e.currentTarget.value)}
            onKeyDown={onKeyDown}
            placeholder="e.g. Novák, C-000123, CZ65…, +420 601…"
            aria-label="Search customers"
            aria-controls="customer-results"
            aria-activedescendant={activeHit ? `customer-hit-${activeHit.id}` : undefined}
            leftSection={<IconSearch size={16} />}
            rightSection={stale && searchable ? <Loader size={14} data-testid="search-pending" /> : null}
            size="md"
            autoComplete="off"
            spellCheck={false}
            data-testid="customer-search"
          />
        </div>
        {body && <div style={{ padding: rows.length > 0 ? 0 : 'var(--mantine-spacing-sm)' }}>{body}</div>}
        {searchable && !answered && rows.length === 0 && !hits.error && (
          <Group gap="xs" p="sm">
            <Loader size="xs" />
            <Text size="sm" c="dimmed">
              Searching…
            </Text>
          </Group>
        )}
      </Paper>
    </Screen>
  );
}
