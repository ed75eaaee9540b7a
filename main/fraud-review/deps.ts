import type { OfflineWriteDeps } from '../cache';

/** What the fraud review capability needs from the runtime: notes, assignments and dismissals are queued offline. */
export type FraudReviewDeps = OfflineWriteDeps;
