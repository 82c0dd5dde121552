export { marketRoutes } from './market.routes.ts';
export { marketStatsImport } from './market-import.service.ts';
export { parseRegion, regionName, COUNTRIES } from './countries.ts';
