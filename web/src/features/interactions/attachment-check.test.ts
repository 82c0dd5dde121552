import { describe, expect, it } from 'vitest';
import { attachmentProblem } from './attachment-check';

describe('checking an attachment before upload', () => {
  it.each([
    [{ name: '报价单.PDF', size: 1000 }, null],
    [{ name: 'photo.jpeg', size: 20 * 1024 * 1024 }, null],
    [{ name: 'photo.jpeg', size: 20 * 1024 * 1024 + 1 }, 'tooLarge'],
    [{ name: 'setup.exe', size: 10 }, 'type'],
    [{ name: 'logo.svg', size: 10 }, 'type'],
    [{ name: 'README', size: 10 }, 'type'],
  ] as const)('%o → %s', (file, problem) => {
    expect(attachmentProblem(file)).toBe(problem);
  });
});
