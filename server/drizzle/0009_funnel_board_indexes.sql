DROP INDEX "opportunities_closed_idx";--> statement-breakpoint
DROP INDEX "opportunity_stage_changes_at_idx";--> statement-breakpoint
ALTER TABLE "opportunity_stage_changes" ADD COLUMN "opportunity_created_at" timestamp with time zone;--> statement-breakpoint
-- Stage changes written before this migration take their opportunity's creation time.
UPDATE "opportunity_stage_changes" h SET "opportunity_created_at" = o."created_at"
  FROM "opportunities" o WHERE o."org_id" = h."org_id" AND o."id" = h."opportunity_id";--> statement-breakpoint
ALTER TABLE "opportunity_stage_changes" ALTER COLUMN "opportunity_created_at" SET NOT NULL;--> statement-breakpoint
CREATE INDEX "opportunities_closed_totals_idx" ON "opportunities" USING btree ("org_id","pipeline_id","closed_at","stage_id","currency","amount","owner_id","team_id","department_id") WHERE deleted_at is null and closed_at is not null;--> statement-breakpoint
CREATE INDEX "opportunities_deleted_idx" ON "opportunities" USING btree ("org_id","pipeline_id","created_at") WHERE deleted_at is not null;--> statement-breakpoint
CREATE INDEX "opportunity_stage_changes_cohort_idx" ON "opportunity_stage_changes" USING btree ("org_id","pipeline_id","opportunity_created_at","opportunity_id","from_stage_id","to_stage_id","at");