export { opportunitiesRoutes } from './opportunities.routes.ts';
export { pipelinesRoutes } from './pipelines.routes.ts';
export { opportunitiesVisibleTo } from './opportunities.repository.ts';
export {
  createOpportunityInTx,
  type CreateInput as OpportunityCreateInput,
} from './opportunities.service.ts';
export { defaultPipeline } from './pipelines.service.ts';
export { openOpportunityExport } from './opportunity-export.service.ts';
export { OpportunityListQuery, OPPORTUNITY_LIST_SHAPE } from './opportunities.schema.ts';
export { DEFAULT_STAGES, checkMove, type StageRef } from './stage-rules.ts';
