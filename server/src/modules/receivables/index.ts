export { creditCheck, openReceivables, type CreditCheckResult } from './credit-check.service.ts';
export { receivablesRoutes } from './receivables.routes.ts';
export { creditRoutes } from './credit.routes.ts';
