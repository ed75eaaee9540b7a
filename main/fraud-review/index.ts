export { createFraudReview, fraudReviewHandlers, type FraudReview, type FraudReviewMethod } from './handlers';
export type { FraudReviewDeps } from './deps';
export { applyCommand, confirmFraud, escalate, type ReviewCommand } from './actions';
export { alertDetail, sarDraft } from './investigate';
export { fraudSummary, listAlerts } from './queue';
export { backtestRule, IMPORTED_LABEL_SCENARIO, listRules, saveRuleVersion, validateParams } from './rules';
