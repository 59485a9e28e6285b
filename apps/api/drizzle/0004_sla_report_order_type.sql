DROP INDEX "sla_clocks_report";--> statement-breakpoint
ALTER TABLE "sla_clocks" ADD COLUMN "order_type" text;--> statement-breakpoint
CREATE INDEX "sla_clocks_report" ON "sla_clocks" USING btree ("kind","order_created_at","order_type","zone_class","district","crew_id","state","started_at","stopped_at","raw_due_at","paused_ms");