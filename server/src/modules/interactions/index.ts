export { interactionsRoutes } from './interactions.routes.ts';
