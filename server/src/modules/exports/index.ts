export { exportsRoutes } from './exports.routes.ts';
export { exportCleanupJob, exportJob } from './export-job.service.ts';
export { EXPORT_JOB } from './exports.service.ts';
