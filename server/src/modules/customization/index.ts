export {
  activeDictionaryItems,
  checkDictionaryValues,
  dictionaryLabels,
  ensureDictionaries,
  fieldDefsOf,
} from './customization.service.ts';
export {
  displayValue,
  isYmd,
  validateCustomFields,
  CUSTOM_FIELD_KEY,
  type FieldDef,
} from './custom-field-rules.ts';
export { CUSTOMER_DICTIONARY_FIELDS, defaultItems, type DictionaryName } from './dictionary-defaults.ts';
export {
  CF_PARAM,
  cfSortValue,
  parseCfFilters,
  parseCfSort,
  type CfCondition,
  type CfSort,
} from './custom-field-filters.ts';
export { cfConditionSql, cfKeysetSql, cfValueSql } from './custom-field-sql.repository.ts';
