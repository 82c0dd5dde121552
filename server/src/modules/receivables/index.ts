export { creditCheck, type CreditCheckResult } from './credit-check.service.ts';
