import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import * as schema from './schema.ts';
import { lockDataDir } from './lock.ts';
import type { Database, Db } from './types.ts';

// PGlite's defaults are sized for a browser tab; analytics over a million rows
// ran ~7x slower with work_mem 4MB than with 64MB (architecture.md).
const PGLITE_SETTINGS = [
  "SET work_mem = '64MB'",
  "SET maintenance_work_mem = '256MB'",
  "SET temp_buffers = '32MB'",
];

export interface OpenOptions {
  databaseUrl?: string;
  replicaUrl?: string;
  /** PGlite data directory; undefined means in-memory (tests). */
  dataDir?: string;
  poolSize?: number;
}

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.databaseUrl) return openPostgres(opts.databaseUrl, opts.replicaUrl, opts.poolSize ?? 10);
  return openPglite(opts.dataDir);
}

async function openPglite(dataDir: string | undefined): Promise<Database> {
  const release = dataDir ? lockDataDir(dataDir) : () => {};
  let client: PGlite;
  try {
    client = await PGlite.create(dataDir ? path.join(dataDir, 'pglite') : undefined);
    for (const s of PGLITE_SETTINGS) await client.exec(s);
  } catch (e) {
    release();
    throw e;
  }
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  let closed = false;
  return {
    kind: 'pglite',
    db,
    replica: db,
    exec: async (text) => {
      await client.exec(text);
    },
    close: async () => {
      if (closed) return;
      closed = true;
      try {
        await client.exec('CHECKPOINT');
        await client.close();
      } finally {
        release();
      }
    },
  };
}

/**
 * A connection the server terminates (restart, failover, DROP DATABASE … FORCE) emits
 * 'error'; unheard, that would crash the process. The pool drops broken clients and opens
 * new ones, so losing an idle or closing connection is logged, not fatal.
 */
function guardPool(pool: pg.Pool): void {
  pool.on('error', (err) => console.warn(`guanxi: an idle PostgreSQL connection was lost: ${err.message}`));
  // pool.end() resolves before each client has finished closing; a client in that state has no
  // listener of the pool's any more.
  pool.on('connect', (client) => client.on('error', () => {}));
}

async function openPostgres(url: string, replicaUrl: string | undefined, max: number): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max });
  guardPool(pool);
  // Fail fast with the server's own message when it is unreachable.
  const probe = await pool.connect();
  probe.release();
  const db = drizzlePg(pool, { schema }) as unknown as Db;
  const replicaPool = replicaUrl ? new pg.Pool({ connectionString: replicaUrl, max }) : undefined;
  if (replicaPool) guardPool(replicaPool);
  const replica = replicaPool ? (drizzlePg(replicaPool, { schema }) as unknown as Db) : db;
  let closed = false;
  return {
    kind: 'postgres',
    db,
    replica,
    exec: async (text) => {
      await pool.query(text);
    },
    close: async () => {
      if (closed) return;
      closed = true;
      await pool.end();
      await replicaPool?.end();
    },
  };
}
