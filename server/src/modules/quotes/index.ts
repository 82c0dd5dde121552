export { quotesRoutes } from './quotes.routes.ts';
export { quotesVisibleTo } from './quotes.repository.ts';
export { createQuoteInTx } from './quotes.service.ts';
export { quoteTotals, lineTotals, type QuoteTotals } from './quote-rules.ts';
