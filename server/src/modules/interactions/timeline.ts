import { AppError } from '../../lib/errors.ts';

/** The kinds of item on the 360° timeline; the order of the names breaks ties at one instant. */
export const TIMELINE_ITEM_TYPES = ['change', 'interaction', 'taskCreated', 'taskDone', 'taskDue'] as const;
export type TimelineType = (typeof TIMELINE_ITEM_TYPES)[number];

export interface TimelineCursor {
  at: string;
  type: TimelineType;
  id: string;
}

export interface TimelineEntry {
  type: TimelineType;
  at: Date;
  id: string;
}

/** Newest first; at one instant by type, then id, both descending — the order every source reads in. */
export function compareEntries(a: TimelineEntry, b: TimelineEntry): number {
  const t = b.at.getTime() - a.at.getTime();
  if (t !== 0) return t;
  if (a.type !== b.type) return a.type < b.type ? 1 : -1;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

/**
 * Merges the sources (each already newest first, each read with LIMIT limit + 1) into one page;
 * a next page exists when more than `limit` items were read in all.
 */
export function mergeTimeline<T extends TimelineEntry>(sources: T[][], limit: number) {
  const all = sources.flat().sort(compareEntries);
  const items = all.slice(0, limit);
  const last = items.at(-1);
  const nextCursor =
    all.length > limit && last
      ? encodeTimelineCursor({ at: last.at.toISOString(), type: last.type, id: last.id })
      : null;
  return { items, nextCursor };
}

export function encodeTimelineCursor(c: TimelineCursor): string {
  return Buffer.from(JSON.stringify(c)).toString('base64url');
}

export function decodeTimelineCursor(raw: string | undefined): TimelineCursor | undefined {
  if (!raw) return undefined;
  try {
    const c = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as TimelineCursor;
    if (
      typeof c.id !== 'string' ||
      !/^[0-9a-f-]{36}$/i.test(c.id) ||
      !TIMELINE_ITEM_TYPES.includes(c.type) ||
      Number.isNaN(new Date(c.at).getTime())
    )
      throw new Error('bad cursor');
    return c;
  } catch {
    throw new AppError('VALIDATION_FAILED', {}, [{ field: 'cursor', code: 'invalid' }]);
  }
}

/** "interactions,tasks" → the sources asked for; unknown names are a validation error. */
export function parseTimelineTypes(raw: string | undefined): Set<'interactions' | 'tasks' | 'changes'> {
  const all = ['interactions', 'tasks', 'changes'] as const;
  if (!raw) return new Set(all);
  const out = new Set<'interactions' | 'tasks' | 'changes'>();
  for (const part of raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    if (!(all as readonly string[]).includes(part))
      throw new AppError('VALIDATION_FAILED', {}, [
        { field: 'types', code: 'enum', params: { allowed: all } },
      ]);
    out.add(part as (typeof all)[number]);
  }
  return out;
}
