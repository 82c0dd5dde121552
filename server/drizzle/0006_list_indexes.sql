DROP INDEX "customers_owner_idx";--> statement-breakpoint
DROP INDEX "customers_updated_idx";--> statement-breakpoint
DROP INDEX "customers_created_idx";--> statement-breakpoint
DROP INDEX "customers_name_idx";--> statement-breakpoint
CREATE INDEX "customers_province_idx" ON "customers" USING btree ("org_id","province","updated_at","id") WHERE deleted_at is null;--> statement-breakpoint
CREATE INDEX "customers_owner_idx" ON "customers" USING btree ("org_id","owner_id","updated_at","id") WHERE deleted_at is null;--> statement-breakpoint
CREATE INDEX "customers_updated_idx" ON "customers" USING btree ("org_id","updated_at","id") WHERE deleted_at is null;--> statement-breakpoint
CREATE INDEX "customers_created_idx" ON "customers" USING btree ("org_id","created_at","id") WHERE deleted_at is null;--> statement-breakpoint
CREATE INDEX "customers_name_idx" ON "customers" USING btree ("org_id","name","id") WHERE deleted_at is null;