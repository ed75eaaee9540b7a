import type { DISMISS_REASONS } from '../../shared/contract/fraud';

export type DismissReason = (typeof DISMISS_REASONS)[number];
