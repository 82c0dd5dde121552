export type {
  ImportEntity,
  ImportField,
  ImportFieldType,
  LocalText,
  MappedRow,
  RowOutcome,
  RowToWrite,
  UndoRecord,
  UndoResult,
  WriteOptions,
} from './import-entity.ts';
export { countryCode, parseAmount, parseBool, parseDate, parseNumber, splitList } from './cells.ts';
export { importsRoutes } from './imports.routes.ts';
export { importJobHandlers, runImport, runUndo } from './import-run.service.ts';
export { importFiles, type ImportFiles } from './imports.service.ts';
export { importFromCli, resumeFromCli, type CliImport } from './import-cli.service.ts';
export { customFieldsFromRow, importFields, type BuiltinField } from './custom-field-cells.ts';
