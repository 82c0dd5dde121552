export { LeadsPage } from './LeadsPage';
export { LeadDetailPage } from './LeadDetailPage';
export { LeadFormsPage } from './LeadFormsPage';
