export { CustomFieldsPage } from './CustomFieldsPage';
export { DictionariesPage } from './DictionariesPage';
export { CustomFieldInputs } from './CustomFieldInputs';
export { CustomFieldValues, customFieldText } from './CustomFieldValues';
export * from './customization.api';
export { changedCustomFields, filledCustomFields } from './custom-field-form';
