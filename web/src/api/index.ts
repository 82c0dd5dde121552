export { ApiError, api, buildQuery, configureApi, setCsrfToken } from './client';
export type { FieldIssue, ListPage, Query } from './client';
export type { FieldChange, HistoryEntry, RecordMeta } from './types';
