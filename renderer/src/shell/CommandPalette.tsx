import { Group, Kbd, Modal, ScrollArea, Stack, Text, TextInput, UnstyledButton } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { useEffect, useMemo, useState, type KeyboardEvent } from 'react';
import { filterActions, type PaletteAction } from './palette-actions';
import { usePaletteSearch } from './palette-search';

interface Props {
  opened: boolean;
  onClose: () => void;
  actions: PaletteAction[];
  /** Also offer customers and accounts matching the query (users who may look them up). */
  searchBank?: boolean;
}

/** Ctrl/Cmd+K: type to filter, arrows to move, Enter to run, Esc to close. */
export function CommandPalette({ opened, onClose, actions, searchBank = false }: Props) {
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const found = usePaletteSearch(query, opened && searchBank);
  const matches = useMemo(() => [...filterActions(actions, query), ...found], [actions, query, found]);

  useEffect(() => {
    if (opened) {
      setQuery('');
      setActive(0);
    }
  }, [opened]);
  useEffect(() => setActive(0), [query]);

  const run = (action: PaletteAction | undefined) => {
    if (!action) return;
    onClose();
    action.run();
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const step = e.key === 'ArrowDown' ? 1 : -1;
      setActive((i) => (matches.length === 0 ? 0 : (i + step + matches.length) % matches.length));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      run(matches[active]);
    }
  };

  return (
    <Modal opened={opened} onClose={onClose} withCloseButton={false} padding={0} size="lg" yOffset="12vh" title={null} aria-label="Command palette">
      <TextInput
        data-autofocus
        size="md"
        variant="unstyled"
        px="md"
        py={4}
        placeholder={searchBank ? 'Go to a screen, customer or account, or run a command…' : 'Go to a screen or run a command…'}
        leftSection={<IconSearch size={18} />}
        value={query}
        onChange={(e) => setQuery(e.currentTarget.value)}
        onKeyDown={onKeyDown}
        aria-controls="palette-list"
        aria-activedescendant={matches[active] ? `palette-${matches[active].id}` : undefined}
        data-testid="palette-input"
        style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}
      />
      <ScrollArea.Autosize mah={360}>
        <Stack gap={0} p={6} id="palette-list" role="listbox" aria-label="Commands">
          {matches.length === 0 && (
            <Text c="dimmed" size="sm" p="md" ta="center">
              Nothing matches “{query}”.
            </Text>
          )}
          {matches.map((a, i) => (
            <UnstyledButton
              key={a.id}
              id={`palette-${a.id}`}
              role="option"
              aria-selected={i === active}
              className="palette-item"
              data-active={i === active}
              data-testid="palette-item"
              tabIndex={-1}
              px="sm"
              py={8}
              style={{ borderRadius: 'var(--mantine-radius-sm)' }}
              onMouseEnter={() => setActive(i)}
              onClick={() => run(a)}
            >
              <Group gap="sm" wrap="nowrap">
                <a.icon size={18} stroke={1.6} />
                <div style={{ flex: 1, minWidth: 0 }}>
                  <Text size="sm" fw={500}>
                    {a.label}
                  </Text>
                  {a.description && (
                    <Text size="xs" c="dimmed" truncate>
                      {a.description}
                    </Text>
                  )}
                </div>
                <Text size="xs" c="dimmed">
                  {a.group}
                </Text>
              </Group>
            </UnstyledButton>
          ))}
        </Stack>
      </ScrollArea.Autosize>
      <Group gap="md" px="md" py={6} style={{ borderTop: '1px solid var(--mantine-color-default-border)' }}>
        <Text size="xs" c="dimmed">
          <Kbd size="xs">↑</Kbd> <Kbd size="xs">↓</Kbd> move · <Kbd size="xs">Enter</Kbd> open · <Kbd size="xs">Esc</Kbd> close
        </Text>
      </Group>
    </Modal>
  );
}
