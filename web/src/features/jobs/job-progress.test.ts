import { describe, expect, it } from 'vitest';
import { percent, pollInterval } from './job-progress';

describe('job progress', () => {
  it('polls every two seconds while a job is queued or running', () => {
    expect(pollInterval([{ status: 'done' }, { status: 'running' }])).toBe(2000);
    expect(pollInterval([{ status: 'queued' }])).toBe(2000);
  });

  it('stops polling when every job has settled', () => {
    expect(pollInterval([{ status: 'done' }, { status: 'failed' }, { status: 'cancelled' }])).toBe(false);
    expect(pollInterval(undefined)).toBe(false);
  });

  it('shows processed over total as a whole percentage', () => {
    expect(percent({ status: 'running', progress: { processed: 1, total: 3, message: null } })).toBe(33);
  });

  it('has no percentage while the total is unknown', () => {
    expect(
      percent({ status: 'running', progress: { processed: 10, total: null, message: null } }),
    ).toBeNull();
    expect(percent({ status: 'queued', progress: null })).toBeNull();
  });

  it('a finished job is complete even without counts', () => {
    expect(percent({ status: 'done', progress: null })).toBe(100);
  });
});
