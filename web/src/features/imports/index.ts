export { ImportHistoryPage } from './ImportHistoryPage';
export { ImportWizardPage } from './ImportWizardPage';
