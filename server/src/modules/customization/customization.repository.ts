import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/types.ts';
import { newId } from '../../db/columns.ts';
import { customFieldDefs, dictionaryItems } from './customization.table.ts';
import type { DefaultItem } from './dictionary-defaults.ts';

export type CustomFieldDefRow = typeof customFieldDefs.$inferSelect;
export type DictionaryItemRow = typeof dictionaryItems.$inferSelect;

// ---- custom fields ----

export async function listFieldDefs(tx: Db, orgId: string, entity?: string): Promise<CustomFieldDefRow[]> {
  return tx
    .select()
    .from(customFieldDefs)
    .where(
      and(
        eq(customFieldDefs.orgId, orgId),
        isNull(customFieldDefs.deletedAt),
        entity ? eq(customFieldDefs.entity, entity) : undefined,
      ),
    )
    .orderBy(asc(customFieldDefs.entity), asc(customFieldDefs.position), asc(customFieldDefs.createdAt));
}

export async function findFieldDef(
  tx: Db,
  orgId: string,
  id: string,
): Promise<CustomFieldDefRow | undefined> {
  const [row] = await tx
    .select()
    .from(customFieldDefs)
    .where(
      and(eq(customFieldDefs.orgId, orgId), eq(customFieldDefs.id, id), isNull(customFieldDefs.deletedAt)),
    );
  return row;
}

export async function insertFieldDef(tx: Db, row: typeof customFieldDefs.$inferInsert): Promise<void> {
  await tx.insert(customFieldDefs).values(row);
}

// ---- dictionaries ----

export async function listItems(
  tx: Db,
  orgId: string,
  dictionary?: string,
  opts: { activeOnly?: boolean } = {},
): Promise<DictionaryItemRow[]> {
  return tx
    .select()
    .from(dictionaryItems)
    .where(
      and(
        eq(dictionaryItems.orgId, orgId),
        isNull(dictionaryItems.deletedAt),
        dictionary ? eq(dictionaryItems.dictionary, dictionary) : undefined,
        opts.activeOnly ? eq(dictionaryItems.active, true) : undefined,
      ),
    )
    .orderBy(asc(dictionaryItems.dictionary), asc(dictionaryItems.position), asc(dictionaryItems.key));
}

export async function findItem(tx: Db, orgId: string, dictionary: string, id: string) {
  const [row] = await tx
    .select()
    .from(dictionaryItems)
    .where(
      and(
        eq(dictionaryItems.orgId, orgId),
        eq(dictionaryItems.dictionary, dictionary),
        eq(dictionaryItems.id, id),
        isNull(dictionaryItems.deletedAt),
      ),
    );
  return row;
}

export async function insertItem(tx: Db, row: typeof dictionaryItems.$inferInsert): Promise<void> {
  await tx.insert(dictionaryItems).values(row);
}

/** Dictionaries of the organisation that ever had an entry (deleted ones count: no re-seeding). */
export async function seededDictionaries(tx: Db, orgId: string): Promise<Set<string>> {
  const rows = await tx
    .selectDistinct({ dictionary: dictionaryItems.dictionary })
    .from(dictionaryItems)
    .where(eq(dictionaryItems.orgId, orgId));
  return new Set(rows.map((r) => r.dictionary));
}

/** Seeds one dictionary; concurrent seeders collide on the key index and skip. */
export async function seedItems(
  tx: Db,
  orgId: string,
  dictionary: string,
  items: DefaultItem[],
  now: Date,
): Promise<void> {
  if (!items.length) return;
  await tx
    .insert(dictionaryItems)
    .values(items.map((i) => ({ id: newId(), orgId, dictionary, ...i, createdAt: now, updatedAt: now })))
    .onConflictDoNothing({
      target: [dictionaryItems.orgId, dictionaryItems.dictionary, dictionaryItems.key],
      where: sql`deleted_at is null`,
    });
}
