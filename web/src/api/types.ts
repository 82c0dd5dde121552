// Shapes shared by many resources.

export interface RecordMeta {
  id: string;
  version: number;
  createdAt: string;
  createdBy: string | null;
  updatedAt: string;
  updatedBy: string | null;
}

export interface FieldChange {
  field: string;
  old: unknown;
  new: unknown;
}

export interface HistoryEntry {
  at: string;
  by: string | null;
  byName?: string | null;
  action: string;
  changes: FieldChange[];
}
