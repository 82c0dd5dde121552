export { ApiError, api, buildQuery, configureApi, download, setCsrfToken, totalText } from './client';
export type { FieldIssue, ListPage, Query } from './client';
export type { FieldChange, HistoryEntry, RecordMeta } from './types';
