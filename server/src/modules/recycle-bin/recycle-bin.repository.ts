import { and, desc, eq, isNotNull, lt, or, sql, type SQL } from 'drizzle-orm';
import { alias, unionAll } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/types.ts';
import type { Actor } from '../access/index.ts';
import { roles } from '../access/access.table.ts';
import { departments, teams } from '../org-structure/org-structure.table.ts';
import { usersVisibleTo } from '../users/index.ts';
import { users } from '../users/users.table.ts';
import type { BinEntity } from './recycle-bin.schema.ts';

const TABLES = { users, departments, teams, roles };

/** One branch of the union: the deleted rows of one table, as bin entries. */
function deletedRows(tx: Db, actor: Actor, entity: BinEntity) {
  const t = TABLES[entity];
  // Users are people: the actor's data scope decides which of them it may see, deleted or not.
  const scope = entity === 'users' ? usersVisibleTo(actor) : undefined;
  return tx
    .select({
      // The entity name comes from the fixed list above, never from the request.
      entity: sql<BinEntity>`${sql.raw(`'${entity}'`)}::text`.as('entity'),
      id: t.id,
      label: t.name,
      deletedAt: t.deletedAt,
      deletedBy: t.deletedBy,
    })
    .from(t)
    .where(and(eq(t.orgId, actor.orgId), isNotNull(t.deletedAt), scope));
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
