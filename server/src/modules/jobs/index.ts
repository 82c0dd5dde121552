export {
  enqueueJob,
  createJobRunner,
  type JobHandler,
  type JobContext,
  type JobRunner,
  type Schedule,
} from './queue.service.ts';
export { findJob, findJobById } from './jobs.repository.ts';
