export { QuotesListPage, QuoteApprovalsPage } from './QuotesListPage';
export { QuoteEditorPage } from './QuoteEditorPage';
