export { contactFrequencyRoutes } from './contact-frequency.routes.ts';
