import { closestCenter, DndContext, KeyboardSensor, PointerSensor, useSensor, useSensors, type DragEndEvent } from '@dnd-kit/core';
import { arrayMove, SortableContext, sortableKeyboardCoordinates, useSortable, verticalListSortingStrategy } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { ActionIcon, Badge, Group, Paper, Stack, Text, Textarea, TextInput, Tooltip } from '@mantine/core';
import { IconGripVertical, IconTrash } from '@tabler/icons-react';
import type { MetricId } from '../../../../shared/contract';
import type { ReportSectionInput } from '../../../../shared/report-definition';
import { describeSection } from './builder-state';

const KIND_LABEL: Record<ReportSectionInput['kind'], string> = { kpis: 'KPI tiles', chart: 'Chart', table: 'Table', narrative: 'Narrative', compliance: 'Compliance' };

interface Props {
  sections: ReportSectionInput[];
  readOnly: boolean;
  label: (m: MetricId) => string;
  onChange: (sections: ReportSectionInput[]) => void;
}

/** The report's sections in order: drag (or Space + arrow keys) to reorder, rename, edit narrative text, remove. */
export function SectionList({ sections, readOnly, label, onChange }: Props) {
  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 4 } }), useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }));
  const onDragEnd = (e: DragEndEvent): void => {
    if (!e.over || e.active.id === e.over.id) return;
    const from = sections.findIndex((s) => s.id === e.active.id);
    const to = sections.findIndex((s) => s.id === e.over?.id);
    if (from >= 0 && to >= 0) onChange(arrayMove(sections, from, to));
  };
  const update = (i: number, next: ReportSectionInput): void => onChange(sections.map((s, j) => (j === i ? next : s)));
  return (
    <DndContext sensors={sensors} collisionDetection={closestCenter} onDragEnd={onDragEnd}>
      <SortableContext items={sections.map((s) => s.id)} strategy={verticalListSortingStrategy}>
        <Stack gap={6} data-testid="report-sections">
          {sections.map((s, i) => (
            <SortableSection
              key={s.id}
              section={s}
              readOnly={readOnly}
              label={label}
              onChange={(n) => update(i, n)}
              onRemove={() => onChange(sections.filter((_, j) => j !== i))}
            />
          ))}
        </Stack>
      </SortableContext>
    </DndContext>
  );
}

function SortableSection({
  section: s,
  readOnly,
  label,
  onChange,
  onRemove,
}: {
  section: ReportSectionInput;
  readOnly: boolean;
  label: (m: MetricId) => string;
  onChange: (s: ReportSectionInput) => void;
  onRemove: () => void;
}) {
  const { attributes, listeners, setNodeRef, transform, transition, isDragging } = useSortable({ id: s.id, disabled: readOnly });
  return (
    <Paper
      ref={setNodeRef}
      withBorder
      p="xs"
      style={{ transform: CSS.Transform.toString(transform), transition, opacity: isDragging ? 0.6 : 1 }}
      data-testid="report-section-item"
      data-section-id={s.id}
    >
      <Group gap="xs" wrap="nowrap" align="flex-start">
        {!readOnly && (
          <ActionIcon variant="subtle" color="gray" aria-label={`Move ${s.title}`} {...attributes} {...listeners} style={{ cursor: 'grab' }} data-testid="report-section-handle">
            <IconGripVertical size={16} />
          </ActionIcon>
        )}
        <Stack gap={4} style={{ flex: 1, minWidth: 0 }}>
          <Group gap="xs" wrap="nowrap">
            <Badge size="xs" variant="light">
              {KIND_LABEL[s.kind]}
            </Badge>
            <TextInput
              size="xs"
              value={s.title}
              readOnly={readOnly}
              onChange={(e) => onChange({ ...s, title: e.currentTarget.value })}
              aria-label="Section title"
              style={{ flex: 1 }}
            />
          </Group>
          {s.kind === 'narrative' && !readOnly ? (
            <Textarea
              size="xs"
              autosize
              minRows={2}
              maxRows={8}
              value={s.text}
              onChange={(e) => onChange({ ...s, text: e.currentTarget.value })}
              aria-label="Narrative text"
              description="Placeholders: {{period}}, {{bank}}, {{as_of}}, {{filters}}, {{metric_id}} or {{metric_id.change_year_pct}}"
            />
          ) : (
            <Text size="xs" c="dimmed" lineClamp={2}>
              {describeSection(s, label)}
            </Text>
          )}
        </Stack>
        {!readOnly && (
          <Tooltip label="Remove section">
            <ActionIcon variant="subtle" color="red" onClick={onRemove} aria-label={`Remove ${s.title}`}>
              <IconTrash size={16} />
            </ActionIcon>
          </Tooltip>
        )}
      </Group>
    </Paper>
  );
}
