import { periodLabel as keyLabel, quickPeriodRange, rangeLabel as daysLabel, type DayRange } from './explore-period';
import { exploreState, type ExploreState } from './explore-state';

/** What "Explore" in the menu opens: last month's transactions, day by day. */
export function defaultExploreState(today: string): ExploreState {
  return exploreState({ metric: 'transactions_count', ...quickPeriodRange('last_month', today), grain: 'day' });
}

/** Period and range labels in the user's locale. */
export const periodLabel = (key: string): string => keyLabel(key);
export const rangeLabel = (range: DayRange): string => daysLabel(range);
