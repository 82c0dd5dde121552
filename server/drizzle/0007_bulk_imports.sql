CREATE TABLE "import_batches" (
	"org_id" uuid NOT NULL,
	"import_id" uuid NOT NULL,
	"batch_no" integer NOT NULL,
	"rows_to" integer NOT NULL,
	"counts" jsonb NOT NULL,
	"committed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "import_batches_org_id_import_id_batch_no_pk" PRIMARY KEY("org_id","import_id","batch_no")
);
--> statement-breakpoint
CREATE TABLE "import_errors" (
	"org_id" uuid NOT NULL,
	"import_id" uuid NOT NULL,
	"row_no" integer NOT NULL,
	"kind" text NOT NULL,
	"cells" jsonb NOT NULL,
	"errors" jsonb NOT NULL,
	CONSTRAINT "import_errors_org_id_import_id_row_no_pk" PRIMARY KEY("org_id","import_id","row_no")
);
--> statement-breakpoint
CREATE TABLE "import_records" (
	"org_id" uuid NOT NULL,
	"import_id" uuid NOT NULL,
	"record_id" uuid NOT NULL,
	"action" text NOT NULL,
	"before" jsonb,
	"version_after" integer NOT NULL,
	CONSTRAINT "import_records_org_id_import_id_record_id_pk" PRIMARY KEY("org_id","import_id","record_id")
);
--> statement-breakpoint
CREATE TABLE "import_templates" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"entity" text NOT NULL,
	"name" text NOT NULL,
	"mapping" jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "import_templates_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "imports" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"entity" text NOT NULL,
	"mode" text NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"file_name" text NOT NULL,
	"file_format" text NOT NULL,
	"file_bytes" bigint NOT NULL,
	"file_path" text NOT NULL,
	"mapping" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"options" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"total" integer,
	"processed" integer DEFAULT 0 NOT NULL,
	"counts" jsonb DEFAULT '{"created":0,"updated":0,"skipped":0,"failed":0}'::jsonb NOT NULL,
	"job_id" uuid,
	"error" text,
	"undo_conflicts" jsonb,
	"locale" text DEFAULT 'zh-CN' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"undone_at" timestamp with time zone,
	"undone_by" uuid,
	CONSTRAINT "imports_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE UNIQUE INDEX "import_templates_name_idx" ON "import_templates" USING btree ("org_id","entity",lower("name"));--> statement-breakpoint
CREATE INDEX "imports_created_idx" ON "imports" USING btree ("org_id","created_at");--> statement-breakpoint
SELECT guanxi_enable_tenant_rls('imports');
--> statement-breakpoint
SELECT guanxi_enable_tenant_rls('import_batches');
--> statement-breakpoint
SELECT guanxi_enable_tenant_rls('import_records');
--> statement-breakpoint
SELECT guanxi_enable_tenant_rls('import_errors');
--> statement-breakpoint
SELECT guanxi_enable_tenant_rls('import_templates');
