import { describe, expect, it } from 'vitest';
import {
  compareEntries,
  decodeTimelineCursor,
  encodeTimelineCursor,
  mergeTimeline,
  parseTimelineTypes,
  type TimelineEntry,
} from './timeline.ts';

const id = (n: number) => `00000000-0000-7000-8000-${String(n).padStart(12, '0')}`;
const e = (type: TimelineEntry['type'], at: string, n: number): TimelineEntry => ({
  type,
  at: new Date(at),
  id: id(n),
});

describe('merging the timeline sources', () => {
  it('orders newest first, then by type and id at one instant', () => {
    const items = [
      e('change', '2026-01-01T00:00:00Z', 1),
      e('interaction', '2026-01-02T00:00:00Z', 2),
      e('taskDue', '2026-01-01T00:00:00Z', 3),
      e('change', '2026-01-01T00:00:00Z', 4),
    ].sort(compareEntries);
    expect(items.map((i) => i.id)).toEqual([id(2), id(3), id(4), id(1)]);
  });

  it('keeps the newest `limit` and points the cursor at the last one kept', () => {
    const a = [e('interaction', '2026-01-05T00:00:00Z', 1), e('interaction', '2026-01-01T00:00:00Z', 2)];
    const b = [e('change', '2026-01-04T00:00:00Z', 3), e('change', '2026-01-03T00:00:00Z', 4)];
    const page = mergeTimeline([a, b], 3);
    expect(page.items.map((i) => i.id)).toEqual([id(1), id(3), id(4)]);
    expect(decodeTimelineCursor(page.nextCursor!)).toEqual({
      at: '2026-01-03T00:00:00.000Z',
      type: 'change',
      id: id(4),
    });
    expect(mergeTimeline([a, b], 4).nextCursor).toBeNull();
  });

  it('refuses a forged cursor and unknown types as validation errors', () => {
    expect(() => decodeTimelineCursor('not-base64-json')).toThrow();
    expect(() =>
      decodeTimelineCursor(encodeTimelineCursor({ at: 'x', type: 'change', id: id(1) })),
    ).toThrow();
    expect(() => parseTimelineTypes('interactions,emails')).toThrow();
    expect([...parseTimelineTypes('tasks, changes')]).toEqual(['tasks', 'changes']);
    expect(parseTimelineTypes(undefined).size).toBe(3);
  });
});
