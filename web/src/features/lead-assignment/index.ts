export { LeadAssignmentPage } from './LeadAssignmentPage';
