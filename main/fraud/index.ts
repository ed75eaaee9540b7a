export type { AccountDirectory, AccountInfo, AlertEvent, DetectedAlert, Txn, TxnChannel, TxnType } from './types';
export { accountDirectory } from './types';
export {
  RULES,
  RULE_IDS,
  defaultParams,
  type RuleCatalog,
  type RuleDef,
  type RuleId,
  type RuleInput,
  type RuleOverrides,
  type RuleParams,
  type RuleParamsMap,
} from './rules';
export { AccountProfile } from './profile';
export { DEFAULT_DETECTOR, Detector, alertKey, combineScores, runDetection, type DetectorOptions } from './detector';
export { entryIdBefore, loadDirectory, maxEntryId, readTxns, toTxn, type TxnRow } from './read';
export { storeAlerts, type StoredAlert } from './store';
export { SCAN_ACTOR, SCAN_POSITION_KEY, readScanPosition, scanBank, type ScanOptions, type ScanProgress, type ScanSummary } from './scan';
export { LiveMonitor, type LiveMonitorOptions } from './live';
export { alertNotice, PUSH_RISK, startFraudMonitor, type FraudMonitorHandle, type FraudMonitorOptions } from './start-monitor';
export { alertsToCsv, exportAlerts, type ExportedAlert, type ExportedTxn } from './export';
export { handler as fraudScanHandler, type FraudScanEvent, type FraudScanResult } from './lambda';
export { loadRuleOverrides, readRuleVersions, type SavedRuleVersion } from './rule-versions';
export {
  PRECISION_AT,
  evaluateLabelledCsv,
  scoreLabelledBank,
  type Evaluation,
  type EvaluateOptions,
  type LabelScore,
  type RuleScore,
} from './evaluate';
