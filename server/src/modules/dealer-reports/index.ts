export { dealerReportsRoutes } from './dealer-reports.routes.ts';
export { dealerReportsImport } from './dealer-report-import.service.ts';
