ALTER TABLE "sla_clocks" ADD COLUMN "order_created_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "sla_clocks" ADD COLUMN "zone_class" text;--> statement-breakpoint
ALTER TABLE "sla_clocks" ADD COLUMN "district" text;--> statement-breakpoint
ALTER TABLE "sla_clocks" ADD COLUMN "crew_id" uuid;--> statement-breakpoint
CREATE INDEX "sla_clocks_report" ON "sla_clocks" USING btree ("kind","order_created_at","zone_class","district","crew_id","state","started_at","stopped_at","raw_due_at","paused_ms");