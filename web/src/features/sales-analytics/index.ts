export { FunnelPage } from './FunnelPage';
export { AcquisitionPage } from './AcquisitionPage';
