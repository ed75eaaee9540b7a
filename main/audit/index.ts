export { appendAudit, listAudit, recordAudit, verifyAudit, type AuditEvent, type VerifyResult } from './log';
export { auditHandlers } from './handlers';
export { queueAudit, sealAudit } from './queue';
