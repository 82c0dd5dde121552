export { DealerReportsPage } from './DealerReportsPage';
export { DealerDiagnosisPage } from './DealerDiagnosisPage';
