import { Type, type Static } from 'typebox';
import { DateTime, ListQueryBase, Nullable, RecordMeta, Uuid, VersionField } from '../../lib/schemas.ts';

// The same lists as tasks.table.ts (schemas may not import tables; the type check keeps them equal).
export const TaskKind = Type.Enum(['followUp', 'callback', 'greeting', 'other']);
export const TaskStatus = Type.Enum(['open', 'done', 'cancelled']);
export const TASK_VIEWS = ['mine', 'overdue', 'today', 'week'] as const;
export type TaskView = (typeof TASK_VIEWS)[number];
export const TASK_SORTS = ['dueAt', 'createdAt', 'updatedAt'] as const;

const Title = Type.String({ minLength: 1, maxLength: 200 });
const Notes = Nullable(Type.String({ maxLength: 5000 }));

export const TaskCreate = Type.Object(
  {
    title: Title,
    kind: Type.Optional(TaskKind),
    dueAt: Type.String({ format: 'date-time' }),
    /** Default: the caller. Must be a user within the caller's data scope over users. */
    assigneeId: Type.Optional(Uuid),
    customerId: Type.Optional(Nullable(Uuid)),
    contactId: Type.Optional(Nullable(Uuid)),
    notes: Type.Optional(Notes),
  },
  { additionalProperties: false },
);
export type TaskCreate = Static<typeof TaskCreate>;

export const TaskPatch = Type.Object(
  {
    version: VersionField,
    title: Type.Optional(Title),
    kind: Type.Optional(TaskKind),
    dueAt: Type.Optional(Type.String({ format: 'date-time' })),
    assigneeId: Type.Optional(Uuid),
    customerId: Type.Optional(Nullable(Uuid)),
    contactId: Type.Optional(Nullable(Uuid)),
    notes: Type.Optional(Notes),
    status: Type.Optional(Type.Enum(['open', 'cancelled'])),
  },
  { additionalProperties: false },
);
export type TaskPatch = Static<typeof TaskPatch>;

export const TaskOut = Type.Object({
  ...RecordMeta,
  title: Type.String(),
  kind: TaskKind,
  status: TaskStatus,
  dueAt: DateTime,
  assigneeId: Uuid,
  assigneeName: Nullable(Type.String()),
  customerId: Nullable(Uuid),
  customerName: Nullable(Type.String()),
  contactId: Nullable(Uuid),
  contactName: Nullable(Type.String()),
  relatedType: Nullable(Type.String()),
  relatedId: Nullable(Uuid),
  notes: Nullable(Type.String()),
  completedAt: Nullable(DateTime),
  completedBy: Nullable(Uuid),
  autoKey: Nullable(Type.String()),
});
export type TaskOut = Static<typeof TaskOut>;

export const TaskListQuery = Type.Object(
  {
    limit: ListQueryBase.limit,
    cursor: ListQueryBase.cursor,
    sort: ListQueryBase.sort,
    q: ListQueryBase.q,
    assigneeId: Type.Optional(Uuid),
    status: Type.Optional(TaskStatus),
    kind: Type.Optional(TaskKind),
    customerId: Type.Optional(Uuid),
    dueFrom: Type.Optional(Type.String({ format: 'date-time' })),
    dueTo: Type.Optional(Type.String({ format: 'date-time' })),
    view: Type.Optional(Type.Enum([...TASK_VIEWS])),
  },
  { additionalProperties: false },
);
export type TaskListQuery = Static<typeof TaskListQuery>;
