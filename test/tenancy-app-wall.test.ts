import { describe, expect, it, vi } from 'vitest';
import { sql } from 'drizzle-orm';

// Row-level security is the second wall, not the only one: with it out of the way
// (tenant transactions left on the owner connection, which bypasses RLS), the
// application's own org filters must still keep the two organisations apart.
vi.mock('../server/src/db/tenant.ts', async (importOriginal) => {
  const real = await importOriginal<typeof import('../server/src/db/tenant.ts')>();
  const withTenant: typeof real.withTenant = (db, _orgId, fn) => real.withSystem(db, fn);
  return { ...real, withTenant };
});

import { withTenant } from '../server/src/db/tenant.ts';
import { rows } from './helpers/db-state.ts';
import { describeApiTenancy, useTwoTenants } from './helpers/tenancy.ts';

const world = useTwoTenants();

describe('with row-level security out of the way', () => {
  it('tenant transactions really do see every organisation (so what follows tests the application alone)', async () => {
    const { db } = world();
    const [r] = await withTenant(db, world().A.orgId, (tx) =>
      rows<{ n: number }>(tx, sql`select count(distinct org_id)::int as n from users`),
    );
    expect(r!.n).toBe(2);
  });
});

describeApiTenancy();
