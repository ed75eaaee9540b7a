import { Badge, Loader, Tooltip } from '@mantine/core';
import { IconAlertTriangle, IconCloudOff } from '@tabler/icons-react';
import type { MouseEvent, ReactNode } from 'react';
import { formatClock, formatDateTime } from '../format/date';
import { formatCount } from '../format/number';
import { navigate } from '../state/route';
import { useSyncStatus } from '../state/sync';
import { headerIndicator } from '../state/sync-view';
import { SYNC_ROUTE } from './routes';

function openSyncScreen(e: MouseEvent<HTMLAnchorElement>): void {
  e.preventDefault();
  navigate(SYNC_ROUTE);
}

/** A link that looks like a badge: focusable, opens with Enter, and leads to the details. */
function LinkBadge({
  tooltip,
  children,
  ...rest
}: { tooltip: ReactNode; children: ReactNode; color: string; variant: 'filled' | 'light'; leftSection: ReactNode } & Record<`data-${string}`, string | undefined>) {
  return (
    <Tooltip label={tooltip} multiline maw={360} events={{ hover: true, focus: true, touch: false }}>
      <Badge component="a" href={`#/${SYNC_ROUTE}`} onClick={openSyncScreen} size="md" radius="sm" style={{ cursor: 'pointer', textTransform: 'none', flexShrink: 0 }} {...rest}>
        {children}
      </Badge>
    </Tooltip>
  );
}

/**
 * The data source at a glance: a loud badge when the bank is unreachable and screens show cached data,
 * a quiet one while the first copy runs or the sync has failed, nothing while all is well.
 */
export function SyncIndicator() {
  // Mounted with the header for the whole sign-in: asks once, then pushes keep it current.
  const status = useSyncStatus({ staleTime: Infinity }).data ?? null;
  const indicator = headerIndicator(status);
  if (!indicator) return null;

  if (indicator.kind === 'offline') {
    const asOf = indicator.asOf;
    return (
      <LinkBadge
        color="orange"
        variant="filled"
        leftSection={<IconCloudOff size={14} />}
        data-testid="offline-badge"
        data-as-of={asOf === null ? undefined : String(asOf)}
        tooltip={
          <>
            {indicator.reason ?? 'The bank cannot be reached.'}
            {asOf !== null && ` Cached data as of ${formatDateTime(asOf)}.`} Click for details.
          </>
        }
      >
        {asOf === null ? 'Offline — no cached data' : `Offline — data as of ${formatClock(asOf)}`}
      </LinkBadge>
    );
  }

  if (indicator.kind === 'syncing') {
    const p = indicator.progress;
    const detail =
      p === null
        ? 'Preparing the next table.'
        : p.phase === 'summaries'
          ? `Building summaries: ${p.table} (step ${p.rows + 1} of ${p.total}).`
          : `Copying ${p.table}: ${formatCount(p.rows)} of ${formatCount(p.total)} rows.`;
    return (
      <LinkBadge
        color="blue"
        variant="light"
        leftSection={<Loader size={10} color="blue" />}
        data-testid="sync-indicator"
        data-kind="syncing"
        data-rebuilding={indicator.notice ? 'true' : undefined}
        tooltip={`${indicator.notice ?? 'First copy of the bank into the local cache.'} ${detail} Screens keep reading from the bank meanwhile.`}
      >
        {indicator.notice ? 'Rebuilding cache' : 'Syncing'}
        {indicator.percent === null ? '…' : ` ${indicator.percent}%`}
      </LinkBadge>
    );
  }

  return (
    <LinkBadge
      color="yellow"
      variant="light"
      leftSection={<IconAlertTriangle size={14} />}
      data-testid="sync-indicator"
      data-kind="error"
      tooltip={`${indicator.message} It retries by itself. Click for details.`}
    >
      Sync error
    </LinkBadge>
  );
}
