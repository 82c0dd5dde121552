export { ApiError, api, buildQuery, configureApi, download, setCsrfToken } from './client';
export type { FieldIssue, ListPage, Query } from './client';
export type { FieldChange, HistoryEntry, RecordMeta } from './types';
