import { and, asc, eq, ilike, inArray, isNotNull, isNull, ne, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/types.ts';
import { keyset } from '../../db/record-ops.ts';
import type { Cursor, SortSpec } from '../../lib/paging.ts';
import { attachments } from '../interactions/interactions.table.ts';
import { productCategories, products, type ProductStatus } from './products.table.ts';

export const IMAGE_RECORD_TYPE = 'products';

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

// ---------- categories ----------

export async function listCategories(tx: Db, orgId: string) {
  const counts = tx
    .select({ categoryId: products.categoryId, n: sql<number>`count(*)::int`.as('n') })
    .from(products)
    .where(and(eq(products.orgId, orgId), isNull(products.deletedAt)))
    .groupBy(products.categoryId)
    .as('counts');
  return tx
    .select({
      id: productCategories.id,
      version: productCategories.version,
      createdAt: productCategories.createdAt,
      createdBy: productCategories.createdBy,
      updatedAt: productCategories.updatedAt,
      updatedBy: productCategories.updatedBy,
      name: productCategories.name,
      nameEn: productCategories.nameEn,
      parentId: productCategories.parentId,
      path: productCategories.path,
      sortOrder: productCategories.sortOrder,
      productCount: sql<number>`coalesce(${counts.n}, 0)::int`,
    })
    .from(productCategories)
    .leftJoin(counts, eq(counts.categoryId, productCategories.id))
    .where(and(eq(productCategories.orgId, orgId), isNull(productCategories.deletedAt)))
    .orderBy(asc(productCategories.path));
}

export type CategoryRow = typeof productCategories.$inferSelect;

export async function findCategory(tx: Db, orgId: string, id: string): Promise<CategoryRow | undefined> {
  const rows = await tx
    .select()
    .from(productCategories)
    .where(
      and(
        eq(productCategories.orgId, orgId),
        eq(productCategories.id, id),
        isNull(productCategories.deletedAt),
      ),
    );
  return rows[0];
}

export async function insertCategory(tx: Db, row: typeof productCategories.$inferInsert) {
  await tx.insert(productCategories).values(row);
}

/** Rewrites the path prefix `oldRoot` to `newRoot` for a category and its whole subtree. */
export async function movePaths(tx: Db, orgId: string, oldRoot: string, newRoot: string) {
  await tx
    .update(productCategories)
    .set({ path: sql`${newRoot} || substr(${productCategories.path}, ${oldRoot.length + 1})` })
    .where(and(eq(productCategories.orgId, orgId), sql`starts_with(${productCategories.path}, ${oldRoot})`));
}

/** Live children and live products of a category: what keeps it from being deleted. */
export async function categoryUse(tx: Db, orgId: string, id: string) {
  const [c] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(productCategories)
    .where(
      and(
        eq(productCategories.orgId, orgId),
        eq(productCategories.parentId, id),
        isNull(productCategories.deletedAt),
      ),
    );
  const [p] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(products)
    .where(and(eq(products.orgId, orgId), eq(products.categoryId, id), isNull(products.deletedAt)));
  return { children: c?.n ?? 0, products: p?.n ?? 0 };
}

// ---------- products ----------

const columns = {
  id: products.id,
  version: products.version,
  createdAt: products.createdAt,
  createdBy: products.createdBy,
  updatedAt: products.updatedAt,
  updatedBy: products.updatedBy,
  sku: products.sku,
  name: products.name,
  nameEn: products.nameEn,
  categoryId: products.categoryId,
  categoryName: productCategories.name,
  unit: products.unit,
  listPrice: products.listPrice,
  cost: products.cost,
  currency: products.currency,
  taxRate: products.taxRate,
  status: products.status,
  productLine: products.productLine,
  description: products.description,
};

export type ProductRow = Awaited<ReturnType<typeof findProduct>> & object;

function baseQuery(tx: Db) {
  return tx
    .select(columns)
    .from(products)
    .leftJoin(
      productCategories,
      and(eq(productCategories.orgId, products.orgId), eq(productCategories.id, products.categoryId)),
    );
}

export async function findProduct(tx: Db, orgId: string, id: string, opts: { deleted?: boolean } = {}) {
  const rows = await baseQuery(tx)
    .where(
      and(
        eq(products.orgId, orgId),
        eq(products.id, id),
        opts.deleted ? isNotNull(products.deletedAt) : isNull(products.deletedAt),
      ),
    )
    .limit(1);
  return rows[0];
}

export interface ProductFilter {
  q?: string;
  categoryId?: string;
  status?: ProductStatus;
  productLine?: string;
}

function conditions(tx: Db, orgId: string, f: ProductFilter): (SQL | undefined)[] {
  const where: (SQL | undefined)[] = [eq(products.orgId, orgId), isNull(products.deletedAt)];
  if (f.q) {
    const like = `%${escapeLike(f.q.trim())}%`;
    where.push(or(ilike(products.sku, like), ilike(products.name, like), ilike(products.nameEn, like)));
  }
  if (f.categoryId) {
    const root = tx
      .select({ path: productCategories.path })
      .from(productCategories)
      .where(and(eq(productCategories.orgId, orgId), eq(productCategories.id, f.categoryId)));
    const subtree = tx
      .select({ id: productCategories.id })
      .from(productCategories)
      .where(
        and(
          eq(productCategories.orgId, orgId),
          isNull(productCategories.deletedAt),
          sql`starts_with(${productCategories.path}, (${root}))`,
        ),
      );
    where.push(inArray(products.categoryId, subtree));
  }
  if (f.status) where.push(eq(products.status, f.status));
  if (f.productLine) where.push(eq(products.productLine, f.productLine));
  return where;
}

const SORT_COLUMNS = {
  sku: products.sku,
  name: products.name,
  listPrice: products.listPrice,
  updatedAt: products.updatedAt,
};

export async function listProducts(
  tx: Db,
  orgId: string,
  f: ProductFilter,
  page: { sort: SortSpec; cursor?: Cursor; limit: number; count?: boolean },
) {
  const where = conditions(tx, orgId, f);
  const column = SORT_COLUMNS[page.sort.field as keyof typeof SORT_COLUMNS];
  const { orderBy, after } = keyset(column, products.id, page.sort, page.cursor);
  const rows = await baseQuery(tx)
    .where(and(...where, after))
    .orderBy(...orderBy)
    .limit(page.limit + 1);
  if (page.count === false) return { rows, total: 0 };
  return { rows, total: await countProducts(tx, orgId, f) };
}

export async function countProducts(tx: Db, orgId: string, f: ProductFilter) {
  const [r] = await tx
    .select({ total: sql<number>`count(*)::int` })
    .from(products)
    .where(and(...conditions(tx, orgId, f)));
  return r?.total ?? 0;
}

/** A live product with this SKU other than `exceptId`. */
export async function findBySku(tx: Db, orgId: string, sku: string, exceptId?: string) {
  const rows = await tx
    .select({ id: products.id, name: products.name })
    .from(products)
    .where(
      and(
        eq(products.orgId, orgId),
        eq(products.sku, sku),
        isNull(products.deletedAt),
        exceptId ? ne(products.id, exceptId) : undefined,
      ),
    )
    .limit(1);
  return rows[0];
}

export async function productsBySkus(tx: Db, orgId: string, skus: string[]) {
  if (!skus.length) return [];
  return tx
    .select()
    .from(products)
    .where(and(eq(products.orgId, orgId), inArray(products.sku, skus), isNull(products.deletedAt)));
}

export async function productsByIds(tx: Db, orgId: string, ids: string[], opts: { live?: boolean } = {}) {
  if (!ids.length) return [];
  return tx
    .select()
    .from(products)
    .where(
      and(
        eq(products.orgId, orgId),
        inArray(products.id, ids),
        opts.live === false ? undefined : isNull(products.deletedAt),
      ),
    );
}

export async function insertProducts(tx: Db, rows: (typeof products.$inferInsert)[]) {
  if (rows.length) await tx.insert(products).values(rows);
}

/** Import and undo: sets values, bumps the version, returns the new version. */
export async function updateProductValues(
  tx: Db,
  orgId: string,
  id: string,
  set: Record<string, unknown>,
  who: { userId: string; now: Date },
): Promise<number> {
  const [r] = await tx
    .update(products)
    .set({ ...set, version: sql`${products.version} + 1`, updatedAt: who.now, updatedBy: who.userId })
    .where(and(eq(products.orgId, orgId), eq(products.id, id)))
    .returning({ version: products.version });
  return r?.version ?? 0;
}

export async function hardDeleteProducts(tx: Db, orgId: string, ids: string[]) {
  if (ids.length) await tx.delete(products).where(and(eq(products.orgId, orgId), inArray(products.id, ids)));
}

// ---------- images (the shared attachments table, record type 'products') ----------

const imageColumns = {
  id: attachments.id,
  recordId: attachments.recordId,
  fileName: attachments.fileName,
  contentType: attachments.contentType,
  size: attachments.size,
  sha256: attachments.sha256,
  storageKey: attachments.storageKey,
  createdAt: attachments.createdAt,
};

export async function listImages(tx: Db, orgId: string, productId: string) {
  return tx
    .select(imageColumns)
    .from(attachments)
    .where(
      and(
        eq(attachments.orgId, orgId),
        eq(attachments.recordType, IMAGE_RECORD_TYPE),
        eq(attachments.recordId, productId),
        isNull(attachments.deletedAt),
      ),
    )
    .orderBy(asc(attachments.createdAt), asc(attachments.id));
}

export async function findImage(tx: Db, orgId: string, productId: string, imageId: string) {
  const rows = await tx
    .select(imageColumns)
    .from(attachments)
    .where(
      and(
        eq(attachments.orgId, orgId),
        eq(attachments.id, imageId),
        eq(attachments.recordType, IMAGE_RECORD_TYPE),
        eq(attachments.recordId, productId),
        isNull(attachments.deletedAt),
      ),
    );
  return rows[0];
}

export async function insertImage(tx: Db, row: typeof attachments.$inferInsert) {
  await tx.insert(attachments).values(row);
}

export async function deleteImage(tx: Db, orgId: string, imageId: string) {
  await tx.delete(attachments).where(and(eq(attachments.orgId, orgId), eq(attachments.id, imageId)));
}
