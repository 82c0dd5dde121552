import { api, type ListPage } from '../../api/client';
import type { HistoryEntry, RecordMeta } from '../../api/types';

export type StageKind = 'open' | 'won' | 'lost';
export const STAGE_KEYS = ['targetMarket', 'potentialCustomer', 'needsAnalysis', 'proposal', 'won', 'lost'];

export interface Stage {
  id: string;
  version: number;
  pipelineId: string;
  key: string | null;
  name: string;
  /** false while a built-in stage keeps its built-in name: the UI shows the translation of `key`. */
  renamed: boolean;
  kind: StageKind;
  position: number;
  probability: number;
  active: boolean;
}

export interface Pipeline extends RecordMeta {
  name: string;
  isDefault: boolean;
  position: number;
  active: boolean;
  stages: Stage[];
}

export interface Opportunity extends RecordMeta {
  name: string;
  customerId: string;
  customerName: string | null;
  contactId: string | null;
  contactName: string | null;
  leadId: string | null;
  pipelineId: string;
  stageId: string;
  stageKey: string | null;
  stageName: string | null;
  status: StageKind;
  /** Decimal string, never a float. */
  amount: string;
  currency: string;
  probability: number;
  expectedCloseDate: string | null;
  productInterest: string[];
  channel: string | null;
  campaign: string | null;
  ownerId: string;
  ownerName: string | null;
  teamId: string | null;
  departmentId: string | null;
  lostReason: string | null;
  lostNote: string | null;
  closedAt: string | null;
  stageEnteredAt: string;
  tags: string[];
}

export interface BoardColumn {
  stage: Stage;
  count: number;
  amounts: { amount: string; currency: string }[];
  items: Opportunity[];
  nextCursor: string | null;
}

export interface Board {
  pipeline: { id: string; name: string; isDefault: boolean };
  closedSince: string;
  columns: BoardColumn[];
}

export interface BoardFilters {
  pipelineId?: string;
  ownerId?: string;
  teamId?: string;
  channel?: string;
  q?: string;
}

export interface OpportunityFilters extends BoardFilters {
  stageId?: string;
  status?: StageKind;
  customerId?: string;
  campaign?: string;
  expectedCloseFrom?: string;
  expectedCloseTo?: string;
  closedSince?: string;
}

export interface StageChange {
  id: string;
  fromStageId: string | null;
  fromStageName: string | null;
  fromStageKey: string | null;
  toStageId: string;
  toStageName: string | null;
  toStageKey: string | null;
  at: string;
  by: string | null;
  byName: string | null;
  amount: string | null;
  currency: string | null;
}

export interface OpportunityInput {
  name?: string;
  customerId?: string;
  contactId?: string | null;
  pipelineId?: string;
  stageId?: string;
  amount?: string;
  currency?: string;
  probability?: number;
  expectedCloseDate?: string | null;
  productInterest?: string[];
  channel?: string | null;
  campaign?: string | null;
  ownerId?: string;
  lostReason?: string | null;
  lostNote?: string | null;
}

export const opportunitiesKey = ['opportunities'] as const;
export const pipelinesKey = ['pipelines'] as const;

export const listPipelines = () => api.get<{ items: Pipeline[] }>('/pipelines');
export const createPipeline = (input: { name: string; stages: { name: string; probability?: number }[] }) =>
  api.post<Pipeline>('/pipelines', input);
export const updatePipeline = (
  id: string,
  input: { version: number; name?: string; isDefault?: true; active?: boolean },
) => api.patch<Pipeline>(`/pipelines/${id}`, input);
export const deletePipeline = (id: string) => api.delete(`/pipelines/${id}`);
export const addStage = (pipelineId: string, input: { name: string; probability?: number }) =>
  api.post<Pipeline>(`/pipelines/${pipelineId}/stages`, input);
export const updateStage = (
  pipelineId: string,
  stageId: string,
  input: { version: number; name?: string; probability?: number; active?: boolean },
) => api.patch<Pipeline>(`/pipelines/${pipelineId}/stages/${stageId}`, input);
export const deleteStage = (pipelineId: string, stageId: string) =>
  api.delete(`/pipelines/${pipelineId}/stages/${stageId}`);
export const reorderStages = (pipelineId: string, ids: string[]) =>
  api.post<Pipeline>(`/pipelines/${pipelineId}/stages/reorder`, { ids });

export const fetchBoard = (filters: BoardFilters & { limit?: number }) =>
  api.get<Board>('/opportunities/board', { ...filters });
export const listOpportunities = (
  filters: OpportunityFilters & { cursor?: string | null; limit?: number; sort?: string },
) => api.get<ListPage<Opportunity>>('/opportunities', { ...filters });
export const fetchOpportunity = (id: string) => api.get<Opportunity>(`/opportunities/${id}`);
export const createOpportunity = (input: OpportunityInput & { name: string; customerId: string }) =>
  api.post<Opportunity>('/opportunities', input);
export const updateOpportunity = (id: string, input: OpportunityInput & { version: number }) =>
  api.patch<Opportunity>(`/opportunities/${id}`, input);
export const deleteOpportunity = (id: string) => api.delete(`/opportunities/${id}`);
export const changeStage = (
  id: string,
  input: { stageId: string; version: number; lostReason?: string; lostNote?: string },
) => api.post<Opportunity>(`/opportunities/${id}/stage`, input);
export const fetchStageHistory = (id: string) =>
  api.get<{ items: StageChange[] }>(`/opportunities/${id}/stages`);
export const fetchOpportunityHistory = (id: string) =>
  api.get<{ items: HistoryEntry[] }>(`/opportunities/${id}/history`);
