import { and, eq, ilike, isNotNull, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/types.ts';
import { keyset } from '../../db/record-ops.ts';
import type { Cursor, SortSpec } from '../../lib/paging.ts';
import { partners, type PartnerKind } from './partners.table.ts';

const columns = {
  id: partners.id,
  version: partners.version,
  createdAt: partners.createdAt,
  createdBy: partners.createdBy,
  updatedAt: partners.updatedAt,
  updatedBy: partners.updatedBy,
  kind: partners.kind,
  name: partners.name,
  mainProducts: partners.mainProducts,
  priceLevel: partners.priceLevel,
  deliverySpeed: partners.deliverySpeed,
  serviceLevel: partners.serviceLevel,
  qualityRating: partners.qualityRating,
  phone: partners.phone,
  email: partners.email,
  website: partners.website,
  address: partners.address,
  contacts: partners.contacts,
  tags: partners.tags,
  notes: partners.notes,
};

export type PartnerRow = Awaited<ReturnType<typeof findPartner>> & object;

export async function findPartner(tx: Db, orgId: string, id: string, opts: { deleted?: boolean } = {}) {
  const rows = await tx
    .select(columns)
    .from(partners)
    .where(
      and(
        eq(partners.orgId, orgId),
        eq(partners.id, id),
        opts.deleted ? isNotNull(partners.deletedAt) : isNull(partners.deletedAt),
      ),
    )
    .limit(1);
  return rows[0];
}

export interface PartnerFilter {
  kind?: PartnerKind;
  q?: string;
  tag?: string;
}

function conditions(orgId: string, f: PartnerFilter): (SQL | undefined)[] {
  const where: (SQL | undefined)[] = [eq(partners.orgId, orgId), isNull(partners.deletedAt)];
  if (f.kind) where.push(eq(partners.kind, f.kind));
  if (f.tag) where.push(sql`${f.tag} = any(${partners.tags})`);
  if (f.q) {
    const like = `%${f.q.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    where.push(
      or(
        ilike(partners.name, like),
        ilike(partners.mainProducts, like),
        ilike(partners.phone, like),
        ilike(partners.email, like),
        sql`${partners.contacts}::text ilike ${like}`,
      ),
    );
  }
  return where;
}

const SORT_COLUMNS = {
  name: partners.name,
  kind: partners.kind,
  qualityRating: partners.qualityRating,
  updatedAt: partners.updatedAt,
};

export async function listPartners(
  tx: Db,
  orgId: string,
  f: PartnerFilter,
  page: { sort: SortSpec; cursor?: Cursor; limit: number; count?: boolean },
) {
  const where = conditions(orgId, f);
  const column = SORT_COLUMNS[page.sort.field as keyof typeof SORT_COLUMNS];
  const { orderBy, after } = keyset(column, partners.id, page.sort, page.cursor);
  const rows = await tx
    .select(columns)
    .from(partners)
    .where(and(...where, after))
    .orderBy(...orderBy)
    .limit(page.limit + 1);
  return { rows, total: page.count === false ? 0 : await countPartners(tx, orgId, f) };
}

export async function countPartners(tx: Db, orgId: string, f: PartnerFilter) {
  const [r] = await tx
    .select({ total: sql<number>`count(*)::int` })
    .from(partners)
    .where(and(...conditions(orgId, f)));
  return r?.total ?? 0;
}

export async function insertPartner(tx: Db, row: typeof partners.$inferInsert) {
  await tx.insert(partners).values(row);
}
