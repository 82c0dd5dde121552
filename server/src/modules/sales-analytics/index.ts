export { salesAnalyticsRoutes } from './sales-analytics.routes.ts';
export { addDecimals, compareDecimals, decimalRatio, subtractDecimals, toCents, fromCents } from './money.ts';
