import type { PartialHandlers } from '../dispatch';
import type { Bank } from '../source';
import { activity, summary, volume } from './queries';

/** `reader` answers with the bank while it is reachable and with the local cache while it is not. */
export function dashboardHandlers(reader: () => Bank, clock: () => number = Date.now): PartialHandlers<'dashboard.summary' | 'dashboard.volume' | 'dashboard.activity'> {
  return {
    'dashboard.summary': (input) => summary(reader(), input.dayStart, clock()),
    'dashboard.volume': (input) => volume(reader(), input),
    'dashboard.activity': (input) => activity(reader(), input.limit),
  };
}
