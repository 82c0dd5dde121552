import { Type, type Static } from 'typebox';
import { Nullable, RecordMeta, Uuid, VersionField } from '../../lib/schemas.ts';

// The same list as leads.table.ts LEAD_RULE_KINDS (schemas may not import tables).
export const LeadRuleKind = Type.Enum(['roundRobin', 'region', 'productLine', 'language', 'channel']);

const List = <T extends ReturnType<typeof Type.String>>(item: T) =>
  Type.Optional(Type.Array(item, { maxItems: 300 }));

/** What a rule matches on; empty lists match anything. */
export const LeadRuleMatch = Type.Object(
  {
    /** ISO 3166-1 alpha-2. */
    countries: List(Type.String({ pattern: '^[A-Za-z]{2}$' })),
    /** Official 6-digit province codes (mainland leads). */
    provinces: List(Type.String({ pattern: '^[0-9]{6}$' })),
    /** Dictionary productLine keys: any overlap with the lead's product interest. */
    productLines: List(Type.String({ minLength: 1, maxLength: 60 })),
    /** BCP 47 primary language subtags (zh, en, es…). */
    languages: List(Type.String({ pattern: '^[A-Za-z]{2,3}$' })),
    /** Dictionary leadChannel keys. */
    channels: List(Type.String({ minLength: 1, maxLength: 60 })),
    /** Fairs, platforms or campaigns, as the lead's campaign reads (case-insensitive). */
    campaigns: List(Type.String({ minLength: 1, maxLength: 200 })),
  },
  { additionalProperties: false },
);
export type LeadRuleMatch = Static<typeof LeadRuleMatch>;

const Name = Type.String({ minLength: 1, maxLength: 100 });
const Assignees = Type.Array(Uuid, { maxItems: 200 });

export const LeadRuleCreate = Type.Object(
  {
    name: Name,
    kind: LeadRuleKind,
    match: Type.Optional(LeadRuleMatch),
    /** The rotation: these users in this order… */
    assigneeIds: Type.Optional(Assignees),
    /** …or the active members of this team at assignment time. */
    teamId: Type.Optional(Nullable(Uuid)),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type LeadRuleCreate = Static<typeof LeadRuleCreate>;

export const LeadRulePatch = Type.Object(
  {
    version: VersionField,
    name: Type.Optional(Name),
    kind: Type.Optional(LeadRuleKind),
    match: Type.Optional(LeadRuleMatch),
    assigneeIds: Type.Optional(Assignees),
    teamId: Type.Optional(Nullable(Uuid)),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type LeadRulePatch = Static<typeof LeadRulePatch>;

export const LeadRuleReorder = Type.Object(
  { ids: Type.Array(Uuid, { minItems: 1, maxItems: 500 }) },
  { additionalProperties: false },
);
export type LeadRuleReorder = Static<typeof LeadRuleReorder>;

export const LeadRuleOut = Type.Object({
  ...RecordMeta,
  name: Type.String(),
  position: Type.Integer(),
  kind: LeadRuleKind,
  match: LeadRuleMatch,
  assigneeIds: Type.Array(Uuid),
  assigneeNames: Type.Array(Type.String()),
  teamId: Nullable(Uuid),
  teamName: Nullable(Type.String()),
  rrCounter: Type.Integer(),
  active: Type.Boolean(),
});

export const LeadRuleList = Type.Object({ items: Type.Array(LeadRuleOut) });

export const LeadSettingsSchema = Type.Object(
  {
    /** Hours a new lead may wait for its first contact (1 hour to 30 days). */
    firstContactHours: Type.Integer({ minimum: 1, maximum: 720 }),
    /** Who takes leads no rule and no customer owner takes; null: they stay unassigned. */
    fallbackOwnerId: Nullable(Uuid),
    requireQualification: Type.Boolean(),
    escalate: Type.Boolean(),
  },
  { additionalProperties: false },
);
export type LeadSettingsBody = Static<typeof LeadSettingsSchema>;

export const BulkAssignBody = Type.Object(
  { ids: Type.Array(Uuid, { minItems: 1, maxItems: 1000 }), ownerId: Uuid },
  { additionalProperties: false },
);

export const BulkAssignOut = Type.Object({
  assigned: Type.Integer(),
  refused: Type.Array(Type.Object({ id: Uuid, code: Type.String(), message: Type.String() })),
});
