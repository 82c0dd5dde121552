import { and, desc, eq, isNotNull, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import { alias, unionAll, type AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/types.ts';
import type { Actor } from '../access/index.ts';
import { roles } from '../access/access.table.ts';
import { contacts } from '../contacts/contacts.table.ts';
import { customersVisibleTo } from '../customers/index.ts';
import { customers } from '../customers/customers.table.ts';
import { departments, teams } from '../org-structure/org-structure.table.ts';
import { usersVisibleTo } from '../users/index.ts';
import { users } from '../users/users.table.ts';
import type { BinEntity } from './recycle-bin.schema.ts';

/** A table column as an aliasable expression, decoded like the column (dates come back as dates). */
const decoded = <T>(column: AnyPgColumn) => sql`${column}`.mapWith(column) as SQL<T>;

/**
 * The columns of a bin entry: the same shape for every branch of the union, under names no
 * table has (the outer query joins users, whose id and deleted_* would clash). The entity
 * name comes from the fixed list of the schema, never from the request.
 */
function binColumns(
  entity: BinEntity,
  t: { id: AnyPgColumn; deletedAt: AnyPgColumn; deletedBy: AnyPgColumn },
  label: SQL,
) {
  return {
    entity: sql<BinEntity>`${sql.raw(`'${entity}'`)}::text`.as('bin_entity'),
    id: decoded<string>(t.id).as('bin_id'),
    label: sql<string>`${label}`.as('bin_label'),
    deletedAt: decoded<Date | null>(t.deletedAt).as('bin_deleted_at'),
    deletedBy: decoded<string | null>(t.deletedBy).as('bin_deleted_by'),
  };
}

/** Tables whose rows are their own label, and the data scope (if any) that decides which the actor sees. */
function deletedNamedRows(tx: Db, actor: Actor, entity: Exclude<BinEntity, 'contacts'>) {
  const t = { users, departments, teams, roles, customers }[entity];
  // People and customers are seen through the actor's data scope, deleted or not.
  const scope: SQL | undefined =
    entity === 'users'
      ? usersVisibleTo(actor)
      : entity === 'customers'
        ? // A merged duplicate lives on in the customer it was merged into: it cannot come back.
          and(isNull(customers.mergedIntoId), customersVisibleTo(actor))
        : undefined;
  return tx
    .select(binColumns(entity, t, sql`${t.name}`))
    .from(t)
    .where(and(eq(t.orgId, actor.orgId), isNotNull(t.deletedAt), scope));
}

/**
 * Deleted contacts, labelled with their customer. A contact is visible exactly when its
 * customer is live and in the actor's scope — the same rule /contacts/:id/restore applies,
 * so a contact of a deleted customer shows up again once the customer is restored.
 */
function deletedContacts(tx: Db, actor: Actor) {
  return tx
    .select(binColumns('contacts', contacts, sql`${contacts.name} || ' · ' || ${customers.name}`))
    .from(contacts)
    .innerJoin(
      customers,
      and(
        eq(customers.orgId, contacts.orgId),
        eq(customers.id, contacts.customerId),
        isNull(customers.deletedAt),
        customersVisibleTo(actor),
      ),
    )
    .where(and(eq(contacts.orgId, actor.orgId), isNotNull(contacts.deletedAt)));
}

/** One branch of the union: the deleted rows of one entity, as bin entries. */
function deletedRows(tx: Db, actor: Actor, entity: BinEntity) {
  return entity === 'contacts' ? deletedContacts(tx, actor) : deletedNamedRows(tx, actor, entity);
}

const deleter = alias(users, 'deleter');

/** The deleted records of the given entities, newest deletion first, one page after `cursor`. */
export async function listDeleted(
  tx: Db,
  actor: Actor,
  entities: readonly BinEntity[],
  page: { cursor?: { at: Date; id: string }; limit: number },
) {
  const [first, second, ...rest] = entities.map((e) => deletedRows(tx, actor, e));
  const bin = (second ? unionAll(first!, second, ...rest) : first!).as('bin');
  const after: SQL | undefined = page.cursor
    ? or(
        lt(bin.deletedAt, page.cursor.at),
        and(eq(bin.deletedAt, page.cursor.at), lt(bin.id, page.cursor.id)),
      )
    : undefined;
  const rows = await tx
    .select({
      entity: bin.entity,
      id: bin.id,
      label: bin.label,
      deletedAt: bin.deletedAt,
      deletedBy: bin.deletedBy,
      deletedByName: deleter.name,
    })
    .from(bin)
    .leftJoin(deleter, and(eq(deleter.orgId, actor.orgId), eq(deleter.id, bin.deletedBy)))
    .where(after)
    .orderBy(desc(bin.deletedAt), desc(bin.id))
    .limit(page.limit + 1);
  const [{ total } = { total: 0 }] = await tx.select({ total: sql<number>`count(*)::int` }).from(bin);
  return { rows, total };
}
