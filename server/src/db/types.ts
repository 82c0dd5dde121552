import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type * as schema from './schema.ts';

/** A Drizzle handle on either engine: the database itself or an open transaction. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Db = PgDatabase<PgQueryResultHKT, typeof schema, any>;

export type EngineKind = 'pglite' | 'postgres';

export interface Database {
  kind: EngineKind;
  /** Owner connection: migrations and the few system paths (sign-in, job claims). */
  db: Db;
  /** Same as db, or a read replica when DATABASE_REPLICA_URL is set (analytics). */
  replica: Db;
  /** Runs raw SQL on the owner connection (maintenance only). */
  exec(sqlText: string): Promise<void>;
  close(): Promise<void>;
}
