export { ContactFrequencyPage } from './ContactFrequencyPage';
export { FrequencySettingsPage } from './FrequencySettingsPage';
