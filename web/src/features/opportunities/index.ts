export { OpportunityBoardPage } from './OpportunityBoardPage';
export { OpportunitiesListPage } from './OpportunitiesListPage';
export { OpportunityDetailPage } from './OpportunityDetailPage';
export { PipelinesPage } from './PipelinesPage';
