import { describe, expect, it } from 'vitest';
import { checkInteractionTimes, summariseContacts } from './interaction-rules.ts';
import { CHANNELS } from './interactions.schema.ts';
import { INTERACTION_CHANNELS } from './interactions.table.ts';

const now = new Date('2026-06-01T08:00:00Z');

describe('interaction times', () => {
  it.each([
    ['an hour ago', '2026-06-01T07:00:00Z', []],
    ['exactly one day ahead', '2026-06-02T08:00:00Z', []],
    ['a day and a second ahead', '2026-06-02T08:00:01Z', ['occurredAt:tooFarInFuture']],
  ])('occurred %s', (_label, at, errors) => {
    expect(
      checkInteractionTimes({ occurredAt: new Date(at) }, now).map((e) => `${e.field}:${e.code}`),
    ).toEqual(errors);
  });

  it('a next step cannot come before the interaction itself', () => {
    const occurredAt = new Date('2026-05-30T08:00:00Z');
    expect(checkInteractionTimes({ occurredAt, nextStepAt: new Date('2026-05-29T08:00:00Z') }, now)).toEqual([
      { field: 'nextStepAt', code: 'beforeOccurredAt' },
    ]);
    expect(checkInteractionTimes({ occurredAt, nextStepAt: occurredAt }, now)).toEqual([]);
  });
});

describe('communication behaviour from the latest interaction per channel', () => {
  it('names the newest channel and lists every channel’s last time', () => {
    expect(
      summariseContacts([
        { channel: 'wechat', at: new Date('2026-05-01T01:00:00Z') },
        { channel: 'visit', at: new Date('2026-05-20T01:00:00Z') },
        { channel: 'call', at: new Date('2026-05-10T01:00:00Z') },
      ]),
    ).toEqual({
      lastContactAt: new Date('2026-05-20T01:00:00Z'),
      lastContactChannel: 'visit',
      lastByChannel: {
        call: '2026-05-10T01:00:00.000Z',
        visit: '2026-05-20T01:00:00.000Z',
        wechat: '2026-05-01T01:00:00.000Z',
      },
    });
  });

  it('is empty when no interaction is left', () => {
    expect(summariseContacts([])).toEqual({
      lastContactAt: null,
      lastContactChannel: null,
      lastByChannel: {},
    });
  });

  it('the API offers exactly the channels the table stores', () => {
    expect([...CHANNELS]).toEqual([...INTERACTION_CHANNELS]);
  });
});
