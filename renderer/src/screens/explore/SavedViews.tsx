import { ActionIcon, Button, Group, Menu, Modal, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconBookmark, IconBookmarks, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import type { SavedView } from '../../../../shared/contract/metrics';
import { errorMessage } from '../../api/client';
import { useApiMutation, useApiQuery } from '../../api/use-api-query';
import { formatDateTime } from '../../format/date';
import { toMetricQuery, type ExploreState } from './explore-state';

interface Props {
  state: ExploreState;
  onOpen: (view: SavedView) => void;
}

/** Save the current view under a name, and reopen (or delete) saved ones: metrics.views.*. */
export function SavedViews({ state, onOpen }: Props) {
  const views = useApiQuery('metrics.views.list', {});
  const saveView = useApiMutation('metrics.views.save');
  const deleteView = useApiMutation('metrics.views.delete');
  const [naming, setNaming] = useState(false);
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const save = async () => {
    const trimmed = name.trim();
    if (trimmed === '') {
      setError('Give the view a name.');
      return;
    }
    setSaving(true);
    try {
      const saved = await saveView.mutateAsync({ name: trimmed, query: toMetricQuery(state) });
      notifications.show({ color: 'teal', title: 'View saved', message: `“${saved.name}” is in Saved views.` });
      setNaming(false);
      setName('');
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };

  const remove = async (view: SavedView) => {
    try {
      await deleteView.mutateAsync({ id: view.id });
    } catch (e) {
      notifications.show({ color: 'red', title: 'Could not delete the view', message: errorMessage(e) });
    }
  };

  const list = views.data ?? [];
  return (
    <Group gap="xs">
      <Button
        size="xs"
        variant="default"
        leftSection={<IconBookmark size={14} />}
        onClick={() => {
          setError(null);
          setNaming(true);
        }}
        data-testid="explore-save-view"
      >
        Save view
      </Button>
      <Menu position="bottom-end" width={320} withinPortal>
        <Menu.Target>
          <Button size="xs" variant="default" leftSection={<IconBookmarks size={14} />} loading={views.isPending} data-testid="explore-saved-views">
            Saved views{list.length > 0 ? ` (${list.length})` : ''}
          </Button>
        </Menu.Target>
        <Menu.Dropdown data-testid="explore-saved-list">
          {views.error && <Menu.Label c="red">{errorMessage(views.error)}</Menu.Label>}
          {!views.error && list.length === 0 && <Menu.Label>No saved views yet: “Save view” keeps the one on screen.</Menu.Label>}
          {list.map((v) => (
            <Menu.Item
              key={v.id}
              onClick={() => onOpen(v)}
              data-testid="explore-saved-view"
              data-name={v.name}
              rightSection={
                <ActionIcon
                  component="span"
                  size="sm"
                  variant="subtle"
                  color="red"
                  aria-label={`Delete the view ${v.name}`}
                  onClick={(e) => {
                    e.stopPropagation();
                    void remove(v);
                  }}
                >
                  <IconTrash size={14} />
                </ActionIcon>
              }
            >
              <Text size="sm">{v.name}</Text>
              <Text size="xs" c="dimmed">
                saved {formatDateTime(v.createdAt)}
              </Text>
            </Menu.Item>
          ))}
        </Menu.Dropdown>
      </Menu>
      <Modal opened={naming} onClose={() => setNaming(false)} title="Save this view" size="sm">
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <Stack gap="sm">
            <TextInput
              label="Name"
              description="The metric, period, comparison, filters and split are saved; reopen it from Saved views."
              value={name}
              maxLength={80}
              onChange={(e) => setName(e.currentTarget.value)}
              error={error}
              data-autofocus
              data-testid="explore-view-name"
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setNaming(false)}>
                Cancel
              </Button>
              <Button type="submit" loading={saving} data-testid="explore-view-save">
                Save
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </Group>
  );
}
