export { customersVisibleTo, searchCondition, searchVector } from './customers.repository.ts';
export { refreshCustomerSearch } from './customer-write.service.ts';
export { maskedFields } from './customers.service.ts';
export { maskHistoryValue, maskList } from './customer-present.ts';
export { searchDocs, searchQuery, type SearchDocs, type SearchQuery } from './search-weights.ts';
export { highlight } from './search-terms.ts';
export { normaliseEmail, parsePhone } from './dedupe.ts';
export { cleanText } from './customer-input.ts';
export { parseYmd } from './local-days.ts';
