import { Type, type Static } from 'typebox';
import { DateTime, ListQueryBase, Nullable, RecordMeta, Uuid, VersionField } from '../../lib/schemas.ts';

const Text = (max: number) => Type.Optional(Nullable(Type.String({ maxLength: max })));
/** The channels of interactions.table.ts (kept equal by interaction-rules.test.ts). */
export const CHANNELS = [
  'call',
  'visit',
  'meeting',
  'email',
  'fax',
  'sms',
  'wechat',
  'tradeFair',
  'note',
] as const;
export const Channel = Type.Enum([...CHANNELS]);
const Instant = Type.String({ format: 'date-time' });

const fields = {
  contactId: Type.Optional(Nullable(Uuid)),
  subject: Text(200),
  content: Text(10000),
  outcome: Text(2000),
  nextStep: Text(500),
  nextStepAt: Type.Optional(Nullable(Instant)),
};

export const InteractionCreate = Type.Object(
  {
    customerId: Uuid,
    channel: Channel,
    occurredAt: Instant,
    userId: Type.Optional(Uuid),
    ...fields,
  },
  { additionalProperties: false },
);
export type InteractionCreate = Static<typeof InteractionCreate>;

export const InteractionPatch = Type.Object(
  {
    version: VersionField,
    channel: Type.Optional(Channel),
    occurredAt: Type.Optional(Instant),
    userId: Type.Optional(Uuid),
    ...fields,
  },
  { additionalProperties: false },
);
export type InteractionPatch = Static<typeof InteractionPatch>;

export const AttachmentOut = Type.Object({
  id: Uuid,
  fileName: Type.String(),
  contentType: Type.String(),
  size: Type.Integer(),
  sha256: Type.String(),
  createdAt: DateTime,
  createdBy: Nullable(Uuid),
});

export const InteractionOut = Type.Object({
  ...RecordMeta,
  customerId: Uuid,
  customerName: Type.String(),
  contactId: Nullable(Uuid),
  contactName: Nullable(Type.String()),
  channel: Channel,
  occurredAt: DateTime,
  subject: Nullable(Type.String()),
  content: Nullable(Type.String()),
  outcome: Nullable(Type.String()),
  nextStep: Nullable(Type.String()),
  nextStepAt: Nullable(DateTime),
  userId: Nullable(Uuid),
  userName: Nullable(Type.String()),
  attachments: Type.Array(AttachmentOut),
});

export const InteractionListQuery = Type.Object(
  {
    ...ListQueryBase,
    customerId: Type.Optional(Uuid),
    contactId: Type.Optional(Uuid),
    channel: Type.Optional(Channel),
    userId: Type.Optional(Uuid),
    from: Type.Optional(Instant),
    to: Type.Optional(Instant),
  },
  { additionalProperties: false },
);
export type InteractionListQuery = Static<typeof InteractionListQuery>;

export const INTERACTION_SORTS = ['occurredAt', 'createdAt', 'updatedAt'] as const;

export const TIMELINE_TYPES = ['interactions', 'tasks', 'changes'] as const;
export const TimelineQuery = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
    cursor: ListQueryBase.cursor,
    types: Type.Optional(Type.String({ maxLength: 60 })),
  },
  { additionalProperties: false },
);
export type TimelineQuery = Static<typeof TimelineQuery>;

export const TimelineItem = Type.Object({
  /** interaction | taskCreated | taskDue | taskDone | change */
  type: Type.String(),
  at: DateTime,
  id: Uuid,
  /** The source record: interactions, tasks, customers or contacts. */
  entity: Type.String(),
  entityId: Nullable(Uuid),
  userId: Nullable(Uuid),
  userName: Nullable(Type.String()),
  title: Nullable(Type.String()),
  detail: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
});
export const TimelineOut = Type.Object({
  items: Type.Array(TimelineItem),
  nextCursor: Nullable(Type.String()),
});

export const ActivityOut = Type.Object({
  customerId: Uuid,
  lastContactAt: Nullable(DateTime),
  lastContactChannel: Nullable(Type.String()),
  lastByChannel: Type.Record(Type.String(), Type.String()),
  lastFollowUpAt: Nullable(DateTime),
  lastDealAt: Nullable(DateTime),
  lastPortalLoginAt: Nullable(DateTime),
  lastEnquiryAt: Nullable(DateTime),
  emailOpens: Nullable(Type.Integer()),
  emailClicks: Nullable(Type.Integer()),
  lastEmailCampaignAt: Nullable(DateTime),
  lastSmsCampaignAt: Nullable(DateTime),
});
