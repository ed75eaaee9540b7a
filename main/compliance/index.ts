export { createCompliance, type Compliance, type ComplianceMethod } from './handlers';
export type { ComplianceDeps } from './deps';
export { evaluateMonitors, TREND_DAYS, type EvalDeps } from './evaluate';
export { PROJECTION_FIT_DAYS } from './status';
export { computeCtr, ctrCsv, ctrJson, listCtr } from './ctr';
export { MONITORS, monitorSpec } from './monitors';
export { loadSettings } from './settings';
export { startMonitorWatch, transitions, type MonitorTransition } from './watch';
export type { ComplianceInputTable } from './tables';
