export { CustomerPoolPage } from './CustomerPoolPage';
export { PoolSettingsPage } from './PoolSettingsPage';
