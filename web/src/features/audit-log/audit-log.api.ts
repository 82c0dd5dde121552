import { api, type ListPage } from '../../api/client';
import type { FieldChange } from '../../api/types';

export interface AuditEntry {
  id: string;
  at: string;
  actorId: string | null;
  actorName: string | null;
  actorKind: 'user' | 'apiKey' | 'system';
  ip: string | null;
  entity: string;
  entityId: string | null;
  action: string;
  changes: FieldChange[];
}

export interface AuditFilters {
  entity?: string;
  entityId?: string;
  actorId?: string;
  action?: string;
  from?: string;
  to?: string;
}

export const auditKey = ['audit-log'] as const;

export function listAudit(filters: AuditFilters & { cursor?: string | null; limit?: number }) {
  return api.get<ListPage<AuditEntry>>('/audit-log', { ...filters });
}

export const AUDIT_ACTIONS = ['create', 'update', 'delete', 'restore', 'reveal', 'login', 'logout', 'export'];

const LABEL_FIELDS = ['name', 'label', 'title', 'email'];

/** A readable name for the record of an entry, taken from its name-like changes. */
export function auditRecordLabel(entry: Pick<AuditEntry, 'changes'>): string | null {
  for (const field of LABEL_FIELDS) {
    const change = entry.changes.find((c) => c.field === field);
    const value = change ? (change.new ?? change.old) : undefined;
    if (typeof value === 'string' && value) return value;
  }
  return null;
}
