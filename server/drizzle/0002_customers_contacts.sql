CREATE TABLE "customer_keys" (
	"org_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"value" text NOT NULL,
	CONSTRAINT "customer_keys_org_id_customer_id_kind_value_pk" PRIMARY KEY("org_id","customer_id","kind","value")
);
--> statement-breakpoint
CREATE TABLE "customer_owners" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"from_owner_id" uuid,
	"to_owner_id" uuid,
	"changed_by" uuid,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"reason" text NOT NULL,
	CONSTRAINT "customer_owners_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "customers" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"short_name" text,
	"code" text,
	"phones" text[] DEFAULT '{}'::text[] NOT NULL,
	"emails" text[] DEFAULT '{}'::text[] NOT NULL,
	"credit_code" text,
	"country" text,
	"province" text,
	"city" text,
	"district" text,
	"address" text,
	"website" text,
	"industry" text,
	"type" text,
	"source" text,
	"source_detail" text,
	"main_products" text,
	"lifecycle_status" text DEFAULT 'prospect' NOT NULL,
	"relationship_level" text,
	"payment_terms" text,
	"credit_limit" numeric(18, 2),
	"credit_limit_currency" text,
	"credit_rating" text,
	"grade" text,
	"owner_id" uuid,
	"team_id" uuid,
	"department_id" uuid,
	"owner_assigned_at" timestamp with time zone,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"custom_fields" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"key_account" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"merged_into_id" uuid,
	"search_tsv" "tsvector",
	"search_text" text DEFAULT '' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	"deleted_at" timestamp with time zone,
	"deleted_by" uuid,
	CONSTRAINT "customers_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
CREATE TABLE "contacts" (
	"org_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"name" text NOT NULL,
	"title" text,
	"phones" text[] DEFAULT '{}'::text[] NOT NULL,
	"emails" text[] DEFAULT '{}'::text[] NOT NULL,
	"wechat_id" text,
	"decision_role" text,
	"birthday" text,
	"birthday_lunar" boolean DEFAULT false NOT NULL,
	"hobbies" text,
	"family_notes" text,
	"is_key_person" boolean DEFAULT false NOT NULL,
	"notes" text,
	"search_tsv" "tsvector",
	"search_text" text DEFAULT '' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	"deleted_at" timestamp with time zone,
	"deleted_by" uuid,
	CONSTRAINT "contacts_org_id_id_pk" PRIMARY KEY("org_id","id")
);
--> statement-breakpoint
ALTER TABLE "customer_keys" ADD CONSTRAINT "customer_keys_org_id_customer_id_customers_org_id_id_fk" FOREIGN KEY ("org_id","customer_id") REFERENCES "public"."customers"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_owners" ADD CONSTRAINT "customer_owners_org_id_customer_id_customers_org_id_id_fk" FOREIGN KEY ("org_id","customer_id") REFERENCES "public"."customers"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customers" ADD CONSTRAINT "customers_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_org_id_customer_id_customers_org_id_id_fk" FOREIGN KEY ("org_id","customer_id") REFERENCES "public"."customers"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "customer_keys_value_idx" ON "customer_keys" USING btree ("org_id","kind","value");--> statement-breakpoint
CREATE INDEX "customer_owners_customer_idx" ON "customer_owners" USING btree ("org_id","customer_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "customers_code_idx" ON "customers" USING btree ("org_id","code") WHERE deleted_at is null and code is not null;--> statement-breakpoint
CREATE INDEX "customers_owner_idx" ON "customers" USING btree ("org_id","owner_id");--> statement-breakpoint
CREATE INDEX "customers_team_idx" ON "customers" USING btree ("org_id","team_id");--> statement-breakpoint
CREATE INDEX "customers_department_idx" ON "customers" USING btree ("org_id","department_id");--> statement-breakpoint
CREATE INDEX "customers_updated_idx" ON "customers" USING btree ("org_id","updated_at");--> statement-breakpoint
CREATE INDEX "customers_created_idx" ON "customers" USING btree ("org_id","created_at");--> statement-breakpoint
CREATE INDEX "customers_name_idx" ON "customers" USING btree ("org_id","name");--> statement-breakpoint
CREATE INDEX "customers_search_idx" ON "customers" USING gin ("search_tsv");--> statement-breakpoint
CREATE INDEX "customers_tags_idx" ON "customers" USING gin ("tags");--> statement-breakpoint
CREATE INDEX "contacts_customer_idx" ON "contacts" USING btree ("org_id","customer_id");--> statement-breakpoint
CREATE INDEX "contacts_name_idx" ON "contacts" USING btree ("org_id","name");--> statement-breakpoint
CREATE INDEX "contacts_search_idx" ON "contacts" USING gin ("search_tsv");--> statement-breakpoint
SELECT guanxi_enable_tenant_rls('customers');
--> statement-breakpoint
SELECT guanxi_enable_tenant_rls('customer_keys');
--> statement-breakpoint
SELECT guanxi_enable_tenant_rls('customer_owners');
--> statement-breakpoint
SELECT guanxi_enable_tenant_rls('contacts');
