-- The application role: tenant transactions switch to it (SET LOCAL ROLE), so
-- row-level security applies even though the connection's own user owns the schema.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'guanxi_app') THEN
    CREATE ROLE guanxi_app NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
  END IF;
END
$$;
--> statement-breakpoint
GRANT guanxi_app TO CURRENT_USER;
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO guanxi_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO guanxi_app;
--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO guanxi_app;
--> statement-breakpoint
-- Every later migration calls this for each new tenant table.
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
END
$fn$;
--> statement-breakpoint
SELECT guanxi_enable_tenant_rls('orgs', 'id');
--> statement-breakpoint
SELECT guanxi_enable_tenant_rls('departments');
--> statement-breakpoint
SELECT guanxi_enable_tenant_rls('teams');
--> statement-breakpoint
SELECT guanxi_enable_tenant_rls('roles');
--> statement-breakpoint
SELECT guanxi_enable_tenant_rls('users');
--> statement-breakpoint
SELECT guanxi_enable_tenant_rls('api_keys');
--> statement-breakpoint
SELECT guanxi_enable_tenant_rls('audit_log');
--> statement-breakpoint
SELECT guanxi_enable_tenant_rls('jobs');
--> statement-breakpoint
-- Sessions are found by token hash on the owner connection; tenant transactions may end their own users' sessions.
SELECT guanxi_enable_tenant_rls('sessions');
--> statement-breakpoint
-- System tables read before a tenant is known: the application role never touches them.
REVOKE ALL ON auth_throttle, job_schedules FROM guanxi_app;
