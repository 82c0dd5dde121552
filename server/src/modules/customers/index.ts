export { customersVisibleTo, searchCondition, searchVector } from './customers.repository.ts';
export { refreshCustomerSearch } from './customer-write.service.ts';
export { createCustomer } from './customer-write.service.ts';
export { maskedFields } from './customers.service.ts';
export { maskList } from './customer-present.ts';
export { CUSTOMER_LIST_SHAPE } from './customers.schema.ts';
export { searchDocs, searchQuery, type SearchDocs, type SearchQuery } from './search-weights.ts';
export { highlight } from './search-terms.ts';
export { normaliseEmail, normalisePhone, parsePhone, normaliseCompanyName } from './dedupe.ts';
export { dedupeKeys } from './dedupe.ts';
export { creditCodeCheckChar } from './credit-code.ts';
export { cleanText } from './customer-input.ts';
export { parseYmd } from './local-days.ts';
export { addDays, daysBetween, localDate, startOfLocalDay } from './local-days.ts';
export {
  belowTarget,
  contactTargetDays,
  DEFAULT_CONTACT_TARGETS,
  type ContactTargets,
} from './contact-frequency.ts';
export { provinces, citiesOf, districtsOf, divisionByCode, type Division } from './divisions.ts';
export { validateDivision } from './divisions.ts';
export { reclaimPool, type ReclaimResult } from './pool.service.ts';
export {
  findCustomerActivity,
  saveContactActivity,
  recordDeal,
  type CustomerActivityRow,
} from './customer-activity.repository.ts';
export { openCustomerExport } from './customer-export.service.ts';
export { CustomerListQuery } from './customers.schema.ts';
export { customersImport, refreshCustomerSearches } from './customer-import.service.ts';
