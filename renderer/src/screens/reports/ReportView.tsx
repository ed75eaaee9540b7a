import { Badge, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { IconArrowDownRight, IconArrowUpRight, IconMinus } from '@tabler/icons-react';
import { useMemo } from 'react';
import type { KpiTileResult, ReportResult, SectionResult } from '../../../../shared/contract';
import { COMPARISON_LABELS } from '../../../../shared/report-definition';
import { EChart } from '../../components/chart/EChart';
import type { ChartOption } from '../../components/chart/echarts';
import { formatDateTime } from '../../format/date';
import { minorToMajorForChart } from '../../format/money';
import { ComplianceSectionView } from './ComplianceSectionView';
import { changeColor, formatFigure } from './report-format';

/** A generated (or previewed) report drawn from its result model: the same sections the PDF prints. */
export function ReportView({ result, testId = 'report-view' }: { result: ReportResult; testId?: string }) {
  return (
    <Stack gap="md" data-testid={testId}>
      <Paper withBorder p="md">
        <Group justify="space-between" align="flex-start">
          <div>
            <Title order={3} data-testid="report-title">
              {result.title}
            </Title>
            <Text size="sm" c="dimmed">
              {result.bankName} · {result.period.label} ({result.period.from} – {result.period.lastDay}, bank days in {result.timeZone})
            </Text>
          </div>
          <Badge variant="light" color={result.source === 'cache' ? 'orange' : 'blue'}>
            {result.source === 'cache' ? 'From this workstation’s cache' : 'From the bank'}
          </Badge>
        </Group>
        <Text size="xs" c="dimmed" mt={6}>
          Compared with {result.comparisons.length ? result.comparisons.map((c) => `${COMPARISON_LABELS[c.kind]} (${c.range.label})`).join(' and ') : 'nothing'} · Filters:{' '}
          {result.filters.length ? result.filters.map((f) => f.label).join(', ') : 'whole bank'} · Data as of {formatDateTime(result.asOf)} · Prepared by {result.author}
        </Text>
        {result.audience && (
          <Text size="sm" mt="xs">
            {result.audience}
          </Text>
        )}
      </Paper>
      {result.sections.map((s) => (
        <SectionView key={s.id} section={s} result={result} />
      ))}
    </Stack>
  );
}

function SectionView({ section: s, result }: { section: SectionResult; result: ReportResult }) {
  return (
    <Paper withBorder p="md" data-testid={`report-section-${s.id}`}>
      <Title order={4} mb={4}>
        {s.title}
      </Title>
      {'notes' in s &&
        s.notes.map((n) => (
          <Text key={n} size="xs" c="dimmed">
            {n}
          </Text>
        ))}
      {s.kind === 'narrative' && (
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} data-testid="report-narrative">
          {s.text}
        </Text>
      )}
      {s.kind === 'kpis' && (
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" mt="xs">
          {s.tiles.map((t, i) => (
            <Tile key={`${t.metric}-${i}`} tile={t} result={result} />
          ))}
        </SimpleGrid>
      )}
      {s.kind === 'chart' && <SectionChart section={s} />}
      {s.kind === 'table' && <SectionTable section={s} />}
      {s.kind === 'compliance' && <ComplianceSectionView section={s} />}
    </Paper>
  );
}

function Tile({ tile, result }: { tile: KpiTileResult; result: ReportResult }) {
  return (
    <Paper withBorder p="sm" bg="var(--mantine-color-default-hover)" data-testid="report-tile">
      <Text size="xs" c="dimmed" truncate>
        {tile.label}
      </Text>
      {tile.figures.slice(0, 3).map((f) => (
        <div key={f.currency ?? 'one'}>
          <Text fw={700} size="md" style={{ fontVariantNumeric: 'tabular-nums' }} data-testid="report-tile-value">
            {formatFigure(f.value, tile.unit, f.currency)}
          </Text>
          {result.comparisons.map((c) => {
            const abs = c.kind === 'previous' ? f.changePrevious : f.changeYear;
            const rel = c.kind === 'previous' ? f.changePreviousPct : f.changeYearPct;
            const Icon = !abs ? IconMinus : abs > 0 ? IconArrowUpRight : IconArrowDownRight;
            const words =
              tile.unit === 'ratio'
                ? formatFigure(abs, 'ratio_pp', null)
                : rel !== null && rel !== undefined
                  ? formatFigure(rel, 'change_ratio', null)
                  : `${abs !== null && abs !== undefined && abs > 0 ? '+' : ''}${formatFigure(abs, tile.unit, f.currency)}`;
            return (
              <Group key={c.kind} gap={4} wrap="nowrap">
                <Icon size={14} color={`var(--mantine-color-${changeColor(abs, tile.better)}-6, var(--mantine-color-dimmed))`} aria-hidden />
                <Text size="xs" c={changeColor(abs, tile.better)} style={{ fontVariantNumeric: 'tabular-nums' }}>
                  {words}
                </Text>
                <Text size="xs" c="dimmed">
                  vs {c.range.label}
                </Text>
              </Group>
            );
          })}
        </div>
      ))}
    </Paper>
  );
}

function SectionChart({ section: s }: { section: Extract<SectionResult, { kind: 'chart' }> }) {
  const option = useMemo<ChartOption>(() => {
    const major = (v: number | null, currency: string | null): number | null =>
      v === null ? null : s.unit === 'money' && currency ? minorToMajorForChart(v, currency) : s.unit === 'ratio' ? v * 100 : v;
    return {
      grid: { left: 64, right: 16, top: 32, bottom: 40 },
      tooltip: { trigger: 'axis' },
      legend: { show: s.series.length > 1 || s.series.some((x) => x.currency !== null), top: 0 },
      xAxis: { type: 'category', data: s.categories, name: s.axis, nameLocation: 'middle', nameGap: 26 },
      yAxis: { type: 'value', axisLabel: { formatter: (v: number) => new Intl.NumberFormat(undefined, { notation: 'compact' }).format(v) + (s.unit === 'ratio' ? ' %' : '') } },
      series: s.series.map((x) => ({
        name: x.currency && !x.name.includes(x.currency) ? `${x.name} (${x.currency})` : x.name,
        type: s.style === 'line' ? ('line' as const) : ('bar' as const),
        ...(s.style === 'stacked' ? { stack: 'all' } : {}),
        data: x.values.map((v) => major(v, x.currency)),
      })),
    };
  }, [s]);
  if (!s.categories.length)
    return (
      <Text size="sm" c="dimmed">
        No figures for this period and these filters.
      </Text>
    );
  return <EChart option={option} height={260} label={s.title} testId="report-chart" />;
}

function SectionTable({ section: s }: { section: Extract<SectionResult, { kind: 'table' }> }) {
  if (!s.rows.length)
    return (
      <Text size="sm" c="dimmed">
        No figures for this period and these filters.
      </Text>
    );
  return (
    <Table.ScrollContainer minWidth={480} mah={420}>
      <Table striped stickyHeader highlightOnHover data-testid="report-table">
        <Table.Thead>
          <Table.Tr>
            {s.columns.map((c) => (
              <Table.Th key={c.key} ta={c.kind === 'text' ? 'left' : 'right'}>
                {c.label}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {s.rows.map((r, i) => (
            <Table.Tr key={i}>
              {s.columns.map((c) => {
                const v = r.cells[c.key];
                return (
                  <Table.Td
                    key={c.key}
                    ta={c.kind === 'text' ? 'left' : 'right'}
                    style={c.kind === 'text' ? undefined : { fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}
                  >
                    {c.kind === 'text' ? String(v ?? '') : formatFigure(typeof v === 'number' ? v : null, c.kind, r.currency, { code: false })}
                  </Table.Td>
                );
              })}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
