import type { PartialHandlers } from '../dispatch';
import type { Bank } from '../source';
import { activity, summary, volume } from './queries';

export function dashboardHandlers(bank: Bank, clock: () => number = Date.now): PartialHandlers<'dashboard.summary' | 'dashboard.volume' | 'dashboard.activity'> {
  return {
    'dashboard.summary': (input) => summary(bank, input.dayStart, clock()),
    'dashboard.volume': (input) => volume(bank, input),
    'dashboard.activity': (input) => activity(bank, input.limit),
  };
}
