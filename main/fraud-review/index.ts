export { createFraudReview, fraudReviewHandlers, type FraudReview, type FraudReviewMethod } from './handlers';
export type { FraudReviewDeps } from './deps';
export { applyCommand } from './actions';
export { assertReviewer } from './alert-guards';
export { confirmFraud } from './confirm-fraud';
export { escalate, handToCompliance } from './escalate';
export type { ReviewCommand } from './review-commands';
export { addAlertEvent, addCaseEvent, type CaseEvent, type CaseEventDetails } from './case-events';
export { alertRowsByIds, fmtTime } from './rows';
export { alertDetail, sarDraft } from './investigate';
export { fraudSummary, listAlerts } from './queue';
export { backtestRule, IMPORTED_LABEL_SCENARIO, listRules, validateParams } from './rules';
export {
  approveRuleChange,
  listRuleChanges,
  proposeRuleChange,
  proposeRuleRestore,
  rejectRuleChange,
  ruleChangeHandlers,
  ruleVersions,
  type RuleChangeMethod,
} from './rule-changes';
