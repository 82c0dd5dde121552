export { audit, auditChange, recordHistory, maskChanges } from './audit.service.ts';
export { diffRecords, type FieldChange } from './diff.ts';
export { insertAudit } from './audit.repository.ts';
