import { sql } from 'drizzle-orm';
import type { Db } from './types.ts';

/** The role every tenant transaction runs as: neither superuser nor BYPASSRLS. */
export const APP_ROLE = 'guanxi_app';

/**
 * Runs fn in a transaction bound to one organisation. The transaction switches
 * to the application role and sets app.org_id, so the row-level security
 * policies hide every other tenant even if a query forgets its org filter.
 */
export async function withTenant<T>(db: Db, orgId: string, fn: (tx: Db) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(
      sql`select set_config('role', ${APP_ROLE}, true), set_config('app.org_id', ${orgId}, true)`,
    );
    return fn(tx as unknown as Db);
  });
}

/** A transaction on the owner connection, for the few paths that cross tenants. */
export async function withSystem<T>(db: Db, fn: (tx: Db) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => fn(tx as unknown as Db));
}
