import type { MethodName } from '../../../shared/contract';

/**
 * What each method reads and writes, declared once: `data.changed` pushes name the tables whose rows
 * changed, and a successful write names the tables it touched; queries reading any of them refetch.
 *
 * Bank tables arrive in `data.changed` from the cache's sync and the fraud monitor ('*' = everything,
 * e.g. after a reconnect). The last four are local state that no push names; only writes invalidate them.
 */
export type Table =
  | 'branches'
  | 'products'
  | 'customers'
  | 'accounts'
  | 'cards'
  | 'loans'
  | 'journal'
  | 'entries'
  | 'loan_repayments'
  | 'fraud_alerts'
  | 'fraud_alert_txns'
  | 'fraud_cases'
  // Review cases, their alerts, timeline and protective actions (schema v13–v14); no push names them, writes do.
  | 'review_cases'
  | 'fraud_alert_notes'
  | 'fraud_marks'
  | 'fraud_rule_versions'
  | 'compliance_thresholds'
  | 'compliance_inputs'
  | 'compliance_tasks'
  | 'compliance_task_notes'
  | 'ctr_reports'
  | 'case_sar_drafts'
  | 'pending_changes'
  | 'audit_log'
  | 'bank_meta'
  | 'staff_users'
  | 'connections'
  | 'saved_views'
  | 'reports'
  | 'outbox';

const ledger = ['accounts', 'journal', 'entries'] as const satisfies readonly Table[];
const alertDetail = ['fraud_alerts', 'fraud_alert_txns', 'fraud_alert_notes', 'fraud_marks', 'fraud_cases', 'customers', ...ledger] as const satisfies readonly Table[];
const analytics = [...ledger, 'customers', 'branches', 'products', 'cards', 'loans', 'loan_repayments', 'fraud_alerts', 'bank_meta'] as const satisfies readonly Table[];
const compliance = [...analytics, 'compliance_thresholds', 'compliance_inputs', 'ctr_reports', 'fraud_cases', 'pending_changes'] as const satisfies readonly Table[];
const complianceTasks = ['compliance_tasks', 'compliance_task_notes', 'outbox'] as const satisfies readonly Table[];
const fraudReview = ['review_cases', 'fraud_alerts', 'fraud_alert_notes', 'fraud_cases', 'fraud_marks', 'outbox', 'audit_log'] as const satisfies readonly Table[];

/**
 * Methods a screen may read through `useApiQuery`, with the tables their answers depend on. A method
 * missing here does not type-check as a query: add it with what it reads (over-listing costs a refetch,
 * under-listing leaves a stale screen).
 */
export const QUERY_READS = {
  'auth.status': ['staff_users', 'bank_meta'],
  'auth.me': ['staff_users'],
  'admin.listUsers': ['staff_users'],
  'audit.list': ['audit_log'],
  'dashboard.summary': analytics,
  'dashboard.volume': ledger,
  'dashboard.activity': [...ledger, 'customers'],
  'sync.status': [],
  'connections.list': ['connections'],
  'connections.active': ['connections'],
  'customers.search': ['customers', 'accounts', 'branches'],
  'customers.get': ['customers', 'accounts', 'branches', 'products', 'cards', 'loans'],
  'customers.findDuplicates': ['customers'],
  'products.list': ['products'],
  'branches.list': ['branches'],
  'accounts.get': [...ledger, 'customers', 'products', 'branches', 'cards', 'loans', 'fraud_marks'],
  'statements.get': [...ledger, 'customers', 'products'],
  'ops.receipt': [...ledger, 'customers'],
  'transactions.find': [...ledger],
  'fraud.summary': ['fraud_alerts'],
  'alerts.list': alertDetail,
  'alerts.get': alertDetail,
  'alerts.sarDraft': alertDetail,
  'sync.outbox.list': ['outbox'],
  'fraud.rules.list': ['fraud_rule_versions', 'fraud_alerts'],
  'fraud.rules.history': ['fraud_rule_versions'],
  'fraud.rules.changes.list': ['pending_changes', 'fraud_rule_versions'],
  'metrics.list': [],
  'metrics.query': analytics,
  'metrics.rows': analytics,
  'metrics.views.list': ['saved_views'],
  'reports.templates': [],
  'reports.preview': analytics,
  'reports.history': ['reports'],
  'reports.open': ['reports'],
  'reports.storage.get': ['reports'],
  'settings.reportStorage.get': ['reports'],
  'reports.s3.list': ['reports'],
  'compliance.evaluate': compliance,
  'compliance.monitor': compliance,
  'compliance.inputs': ['compliance_inputs'],
  'compliance.changes.list': ['pending_changes', 'compliance_thresholds', 'compliance_inputs'],
  'compliance.tasks.list': complianceTasks,
  'compliance.ctr.list': ['ctr_reports', 'customers', 'compliance_inputs'],
  'compliance.cases.list': ['fraud_cases', 'case_sar_drafts', 'fraud_alerts', 'customers'],
  'compliance.cases.get': ['fraud_cases', 'case_sar_drafts', 'fraud_alerts', 'customers'],
  'compliance.kyc.queue': ['customers'],
  'cases.list': ['review_cases', 'fraud_alerts'],
  'cases.get': ['review_cases', ...alertDetail, 'cards', 'audit_log'],
} as const satisfies Partial<Record<MethodName, readonly Table[]>>;

export type QueryMethod = keyof typeof QUERY_READS;

/** Tables a successful call of each write changes ('*': everything, e.g. another bank). Unlisted writes change nothing shown. */
export const MUTATION_WRITES: Partial<Record<MethodName, readonly (Table | '*')[]>> = {
  'admin.createUser': ['staff_users', 'audit_log'],
  'admin.unlockUser': ['staff_users', 'audit_log'],
  'admin.setRole': ['staff_users', 'audit_log'],
  'admin.setActive': ['staff_users', 'audit_log'],
  'admin.resetMfa': ['staff_users', 'audit_log'],
  'admin.revokeSessions': ['staff_users', 'audit_log'],
  'admin.setPassword': ['staff_users', 'audit_log'],
  'auth.changePassword': ['staff_users', 'audit_log'],
  'auth.mfaConfirm': ['staff_users', 'audit_log'],
  'customers.register': ['customers', 'audit_log'],
  'customers.update': ['customers', 'audit_log'],
  'products.save': ['products', 'audit_log'],
  'accounts.open': [...ledger, 'customers', 'audit_log'],
  'accounts.setStatus': ['accounts', 'audit_log'],
  'accounts.requestUnfreeze': ['accounts', 'audit_log'],
  'accounts.approveUnfreeze': ['accounts', 'audit_log'],
  'accounts.close': [...ledger, 'audit_log'],
  'ops.submit': [...ledger, 'audit_log'],
  'alerts.assign': fraudReview,
  'alerts.dismiss': fraudReview,
  'alerts.addNote': fraudReview,
  'alerts.confirmFraud': [...fraudReview, 'accounts'],
  'alerts.escalate': fraudReview,
  'sync.outbox.discard': ['outbox', ...fraudReview],
  'fraud.rules.changes.propose': ['pending_changes', 'audit_log'],
  'fraud.rules.changes.restore': ['pending_changes', 'audit_log'],
  'fraud.rules.changes.approve': ['pending_changes', 'fraud_rule_versions', 'audit_log'],
  'fraud.rules.changes.reject': ['pending_changes', 'audit_log'],
  'metrics.views.save': ['saved_views'],
  'metrics.views.delete': ['saved_views'],
  'reports.generate': ['reports'],
  'reports.s3.upload': ['reports'],
  'reports.s3.delete': ['reports'],
  'settings.reportStorage.set': ['reports', 'audit_log'],
  'reports.cloud.status': ['reports'],
  'compliance.changes.propose': ['pending_changes', 'audit_log'],
  'compliance.changes.approve': ['pending_changes', 'compliance_thresholds', 'compliance_inputs', 'ctr_reports', 'audit_log'],
  'compliance.changes.reject': ['pending_changes', 'audit_log'],
  'compliance.tasks.create': ['compliance_tasks', 'compliance_task_notes', 'outbox', 'audit_log'],
  'compliance.tasks.update': ['compliance_tasks', 'compliance_task_notes', 'outbox', 'audit_log'],
  'compliance.tasks.evidence.attach': ['compliance_tasks', 'outbox', 'audit_log'],
  'compliance.tasks.evidence.download': ['audit_log'],
  'compliance.ctr.generate': ['ctr_reports', 'audit_log'],
  'compliance.ctr.review': ['ctr_reports', 'audit_log'],
  'compliance.ctr.file': ['ctr_reports', 'audit_log'],
  'compliance.cases.update': ['fraud_cases', 'audit_log'],
  'compliance.cases.saveSar': ['fraud_cases', 'case_sar_drafts', 'audit_log'],
  'compliance.cases.fileSar': ['fraud_cases', 'audit_log'],
  'compliance.cases.close': ['fraud_cases', 'audit_log'],
  'compliance.kyc.verify': ['customers', 'audit_log'],
  'cases.create': fraudReview,
  'cases.addAlerts': fraudReview,
  'cases.assign': fraudReview,
  'cases.escalate': [...fraudReview, 'fraud_cases'],
  'alerts.reopen': fraudReview,
  'cards.block': ['review_cases', 'cards', 'audit_log'],
  'transfers.recall': ['review_cases', ...ledger, 'audit_log'],
  'contacts.record': ['review_cases', 'audit_log'],
  'connections.save': ['connections'],
  'connections.delete': ['connections'],
  'connections.activate': ['*'],
};

/** Whether a query of `method` must refetch after `changed` tables changed. */
export function readsAny(method: string, changed: ReadonlySet<string>): boolean {
  if (changed.has('*')) return true;
  const reads: readonly string[] | undefined = (QUERY_READS as Partial<Record<string, readonly string[]>>)[method];
  // A key this file does not know (never made by useApiQuery) is refetched rather than left stale.
  if (!reads) return true;
  return reads.some((t) => changed.has(t));
}
