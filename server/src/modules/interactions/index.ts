export { interactionsRoutes } from './interactions.routes.ts';
export { refreshActivity } from './interactions.service.ts';
