-- The schema owner runs the few system paths (sign-in lookup, session and API-key lookup,
-- job claims, organisation creation) without switching role. A superuser ignores RLS anyway;
-- a plain owner (managed PostgreSQL) is subject to FORCE ROW LEVEL SECURITY, so it gets its
-- own policy. It applies to the owner role only: guanxi_app is not a member of it.
CREATE OR REPLACE FUNCTION guanxi_enable_tenant_rls(tbl regclass, col text DEFAULT 'org_id') RETURNS void
LANGUAGE plpgsql AS $fn$
BEGIN
  EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', tbl);
  EXECUTE format('ALTER TABLE %s FORCE ROW LEVEL SECURITY', tbl);
  EXECUTE format('DROP POLICY IF EXISTS tenant_isolation ON %s', tbl);
  EXECUTE format(
    'CREATE POLICY tenant_isolation ON %s USING (%I = nullif(current_setting(''app.org_id'', true), '''')::uuid) '
    'WITH CHECK (%I = nullif(current_setting(''app.org_id'', true), '''')::uuid)',
    tbl, col, col);
  EXECUTE format('DROP POLICY IF EXISTS system_owner ON %s', tbl);
  EXECUTE format('CREATE POLICY system_owner ON %s TO %I USING (true) WITH CHECK (true)', tbl, current_user);
END
$fn$;
--> statement-breakpoint
DO $$
DECLARE t regclass;
BEGIN
  FOR t IN
    SELECT c.oid::regclass FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.relforcerowsecurity
  LOOP
    EXECUTE format('DROP POLICY IF EXISTS system_owner ON %s', t);
    EXECUTE format('CREATE POLICY system_owner ON %s TO %I USING (true) WITH CHECK (true)', t, current_user);
  END LOOP;
END
$$;
