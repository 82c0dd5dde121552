export { partnersRoutes } from './partners.routes.ts';
export { openPartnerExport } from './partner-export.service.ts';
export { PartnerListQuery } from './partners.schema.ts';
