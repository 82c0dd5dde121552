export { ReceivablesPage } from './ReceivablesPage';
export { AgeingPage } from './AgeingPage';
export { StatementPage } from './StatementPage';
export { CreditHoldsPage } from './CreditHoldsPage';
export { CreditPanel } from './CreditPanel';
