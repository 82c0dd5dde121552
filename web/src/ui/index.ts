export { BrandMark, BrandName } from './BrandLogo';
export {
  applyFieldErrors,
  clearEditedErrors,
  errorMessage,
  fieldPath,
  isVersionConflict,
  type FieldTargets,
} from './errors';
export { formatDateTime, formatValue } from './format';
export { LanguageSwitch } from './LanguageSwitch';
export { PageHeader } from './PageHeader';
export { SecretBox } from './SecretBox';
export { useApiFeedback } from './useApiFeedback';
export { AuthLayout } from './AuthLayout';
export { CursorPager } from './CursorPager';
export { useCursorPages } from './useCursorPages';
export { testId } from './testid';
export { ChangeList } from './ChangeList';
export { ACTION_COLORS } from './action-colors';
export { useDebouncedValue } from './useDebouncedValue';
export { Highlight, type Segment } from './Highlight';
export { ColumnChooser, useStoredColumns, type ChoosableColumn } from './ColumnChooser';
export { HistoryTimeline } from './HistoryTimeline';
export { ValueListField } from './ValueListField';
