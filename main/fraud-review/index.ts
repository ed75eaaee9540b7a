export { createFraudReview, fraudReviewHandlers, type FraudReview, type FraudReviewMethod } from './handlers';
export type { FraudReviewDeps } from './deps';
export { applyCommand, assertReviewer, confirmFraud, escalate, type ReviewCommand } from './actions';
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
