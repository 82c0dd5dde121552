import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import type { Database } from './types.ts';
import { ensureLeakproofOperators } from './leakproof.ts';

export const MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../drizzle');

/** Applies the committed drizzle-kit migrations; the same SQL on both engines. */
export async function runMigrations(database: Database): Promise<void> {
  const config = { migrationsFolder: MIGRATIONS_DIR, migrationsSchema: 'drizzle' };
  if (database.kind === 'pglite') {
    await migratePglite(database.db as unknown as PgliteDatabase, config);
  } else {
    await migratePg(database.db as unknown as NodePgDatabase, config);
  }
  const missing = await ensureLeakproofOperators(database);
  if (missing.length)
    console.warn(
      `guanxi: search and tag filters cannot use their indexes under row-level security until a superuser runs: ${missing
        .map((f) => `ALTER FUNCTION ${f} LEAKPROOF;`)
        .join(' ')} (docs/decisions/0007-leakproof-search-operators.md)`,
    );
}
