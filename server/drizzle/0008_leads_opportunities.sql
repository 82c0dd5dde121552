CREATE TABLE "lead_forms" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"name" text NOT NULL,
	"public_key" text NOT NULL,
	"fields" text[] NOT NULL,
	"required_fields" text[] DEFAULT '{}'::text[] NOT NULL,
	"defaults" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"submissions" integer DEFAULT 0 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	"deleted_at" timestamp with time zone,
	"deleted_by" uuid,
	CONSTRAINT "lead_forms_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "lead_rules" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"name" text NOT NULL,
	"position" integer NOT NULL,
	"kind" text NOT NULL,
	"match" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"assignee_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"team_id" uuid,
	"rr_counter" bigint DEFAULT 0 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	"deleted_at" timestamp with time zone,
	"deleted_by" uuid,
	CONSTRAINT "lead_rules_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "leads" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"name" text,
	"company" text,
	"title" text,
	"phones" text[] DEFAULT '{}'::text[] NOT NULL,
	"emails" text[] DEFAULT '{}'::text[] NOT NULL,
	"wechat" text,
	"country" text,
	"province" text,
	"city" text,
	"address" text,
	"website" text,
	"channel" text DEFAULT 'other' NOT NULL,
	"campaign" text,
	"product_interest" text[] DEFAULT '{}'::text[] NOT NULL,
	"language" text,
	"notes" text,
	"status" text DEFAULT 'new' NOT NULL,
	"disqualify_reason" text,
	"owner_id" uuid,
	"team_id" uuid,
	"department_id" uuid,
	"assigned_at" timestamp with time zone,
	"assignment_reason" text,
	"assignment_rule_id" uuid,
	"first_contact_due_at" timestamp with time zone,
	"first_contacted_at" timestamp with time zone,
	"escalated_at" timestamp with time zone,
	"man_money" text DEFAULT 'unknown' NOT NULL,
	"man_authority" text DEFAULT 'unknown' NOT NULL,
	"man_need" text DEFAULT 'unknown' NOT NULL,
	"qualified_at" timestamp with time zone,
	"qualified_by" uuid,
	"matched_customer_id" uuid,
	"matched_on" text[] DEFAULT '{}'::text[] NOT NULL,
	"converted_at" timestamp with time zone,
	"converted_by" uuid,
	"converted_customer_id" uuid,
	"converted_contact_id" uuid,
	"converted_opportunity_id" uuid,
	"form_id" uuid,
	"external_source" text,
	"external_id" text,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"custom_fields" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"search_tsv" "tsvector",
	"search_text" text DEFAULT '' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	"deleted_at" timestamp with time zone,
	"deleted_by" uuid,
	CONSTRAINT "leads_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "opportunities" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"name" text NOT NULL,
	"customer_id" uuid NOT NULL,
	"contact_id" uuid,
	"lead_id" uuid,
	"pipeline_id" uuid NOT NULL,
	"stage_id" uuid NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"amount" numeric(18, 2) DEFAULT '0' NOT NULL,
	"currency" text DEFAULT 'CNY' NOT NULL,
	"probability" integer DEFAULT 0 NOT NULL,
	"expected_close_date" date,
	"product_interest" text[] DEFAULT '{}'::text[] NOT NULL,
	"channel" text,
	"campaign" text,
	"owner_id" uuid NOT NULL,
	"team_id" uuid,
	"department_id" uuid,
	"lost_reason" text,
	"lost_note" text,
	"closed_at" timestamp with time zone,
	"stage_entered_at" timestamp with time zone DEFAULT now() NOT NULL,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"custom_fields" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	"deleted_at" timestamp with time zone,
	"deleted_by" uuid,
	CONSTRAINT "opportunities_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "opportunity_stage_changes" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"opportunity_id" uuid NOT NULL,
	"pipeline_id" uuid NOT NULL,
	"from_stage_id" uuid,
	"to_stage_id" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"by" uuid,
	"amount" numeric(18, 2),
	"currency" text,
	CONSTRAINT "opportunity_stage_changes_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "pipeline_stages" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"pipeline_id" uuid NOT NULL,
	"key" text,
	"name" text NOT NULL,
	"kind" text DEFAULT 'open' NOT NULL,
	"position" integer NOT NULL,
	"probability" integer DEFAULT 0 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	"deleted_at" timestamp with time zone,
	"deleted_by" uuid,
	CONSTRAINT "pipeline_stages_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "pipelines" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"name" text NOT NULL,
	"is_default" boolean DEFAULT false NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	"deleted_at" timestamp with time zone,
	"deleted_by" uuid,
	CONSTRAINT "pipelines_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "market_stats" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"region" text NOT NULL,
	"category" text NOT NULL,
	"year" integer NOT NULL,
	"import_value" numeric(20, 2) NOT NULL,
	"currency" text DEFAULT 'USD' NOT NULL,
	"source" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	"deleted_at" timestamp with time zone,
	"deleted_by" uuid,
	CONSTRAINT "market_stats_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
ALTER TABLE "lead_forms" ADD CONSTRAINT "lead_forms_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lead_rules" ADD CONSTRAINT "lead_rules_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leads" ADD CONSTRAINT "leads_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opportunities" ADD CONSTRAINT "opportunities_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opportunity_stage_changes" ADD CONSTRAINT "opportunity_stage_changes_org_id_opportunity_id_opportunities_org_id_id_fk" FOREIGN KEY ("org_id","opportunity_id") REFERENCES "public"."opportunities"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pipeline_stages" ADD CONSTRAINT "pipeline_stages_org_id_pipeline_id_pipelines_org_id_id_fk" FOREIGN KEY ("org_id","pipeline_id") REFERENCES "public"."pipelines"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pipelines" ADD CONSTRAINT "pipelines_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "market_stats" ADD CONSTRAINT "market_stats_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "lead_forms_public_key_idx" ON "lead_forms" USING btree ("public_key");--> statement-breakpoint
CREATE INDEX "lead_rules_position_idx" ON "lead_rules" USING btree ("org_id","position");--> statement-breakpoint
CREATE INDEX "leads_owner_idx" ON "leads" USING btree ("org_id","owner_id","updated_at","id") WHERE deleted_at is null;--> statement-breakpoint
CREATE INDEX "leads_status_idx" ON "leads" USING btree ("org_id","status","updated_at","id") WHERE deleted_at is null;--> statement-breakpoint
CREATE INDEX "leads_created_idx" ON "leads" USING btree ("org_id","created_at","id") WHERE deleted_at is null;--> statement-breakpoint
CREATE INDEX "leads_updated_idx" ON "leads" USING btree ("org_id","updated_at","id") WHERE deleted_at is null;--> statement-breakpoint
CREATE INDEX "leads_channel_idx" ON "leads" USING btree ("org_id","channel","campaign","created_at") WHERE deleted_at is null;--> statement-breakpoint
CREATE INDEX "leads_team_idx" ON "leads" USING btree ("org_id","team_id");--> statement-breakpoint
CREATE INDEX "leads_department_idx" ON "leads" USING btree ("org_id","department_id");--> statement-breakpoint
CREATE INDEX "leads_due_idx" ON "leads" USING btree ("org_id","first_contact_due_at") WHERE status = 'new' and first_contacted_at is null and deleted_at is null;--> statement-breakpoint
CREATE UNIQUE INDEX "leads_external_idx" ON "leads" USING btree ("org_id","external_source","external_id") WHERE external_id is not null and deleted_at is null;--> statement-breakpoint
CREATE INDEX "leads_search_idx" ON "leads" USING gin ("search_tsv");--> statement-breakpoint
CREATE INDEX "leads_tags_idx" ON "leads" USING gin ("tags");--> statement-breakpoint
CREATE INDEX "opportunities_stage_idx" ON "opportunities" USING btree ("org_id","pipeline_id","stage_id","updated_at","id") WHERE deleted_at is null;--> statement-breakpoint
CREATE INDEX "opportunities_open_totals_idx" ON "opportunities" USING btree ("org_id","pipeline_id","stage_id","currency","amount","owner_id","team_id","department_id") WHERE deleted_at is null and status = 'open';--> statement-breakpoint
CREATE INDEX "opportunities_owner_idx" ON "opportunities" USING btree ("org_id","owner_id","updated_at","id") WHERE deleted_at is null;--> statement-breakpoint
CREATE INDEX "opportunities_updated_idx" ON "opportunities" USING btree ("org_id","updated_at","id") WHERE deleted_at is null;--> statement-breakpoint
CREATE INDEX "opportunities_created_idx" ON "opportunities" USING btree ("org_id","created_at","id") WHERE deleted_at is null;--> statement-breakpoint
CREATE INDEX "opportunities_closed_idx" ON "opportunities" USING btree ("org_id","closed_at") WHERE deleted_at is null and closed_at is not null;--> statement-breakpoint
CREATE INDEX "opportunities_customer_idx" ON "opportunities" USING btree ("org_id","customer_id");--> statement-breakpoint
CREATE INDEX "opportunities_team_idx" ON "opportunities" USING btree ("org_id","team_id");--> statement-breakpoint
CREATE INDEX "opportunities_department_idx" ON "opportunities" USING btree ("org_id","department_id");--> statement-breakpoint
CREATE INDEX "opportunity_stage_changes_opportunity_idx" ON "opportunity_stage_changes" USING btree ("org_id","opportunity_id","at");--> statement-breakpoint
CREATE INDEX "opportunity_stage_changes_at_idx" ON "opportunity_stage_changes" USING btree ("org_id","at");--> statement-breakpoint
CREATE INDEX "pipeline_stages_pipeline_idx" ON "pipeline_stages" USING btree ("org_id","pipeline_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "pipelines_default_idx" ON "pipelines" USING btree ("org_id") WHERE is_default and deleted_at is null;--> statement-breakpoint
CREATE UNIQUE INDEX "market_stats_key_idx" ON "market_stats" USING btree ("org_id","region","category","year") WHERE deleted_at is null;--> statement-breakpoint
SELECT guanxi_enable_tenant_rls('leads');
--> statement-breakpoint
SELECT guanxi_enable_tenant_rls('lead_forms');
--> statement-breakpoint
SELECT guanxi_enable_tenant_rls('lead_rules');
--> statement-breakpoint
SELECT guanxi_enable_tenant_rls('pipelines');
--> statement-breakpoint
SELECT guanxi_enable_tenant_rls('pipeline_stages');
--> statement-breakpoint
SELECT guanxi_enable_tenant_rls('opportunities');
--> statement-breakpoint
SELECT guanxi_enable_tenant_rls('opportunity_stage_changes');
--> statement-breakpoint
SELECT guanxi_enable_tenant_rls('market_stats');
