CREATE TABLE "sla_pause_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"ticket_id" uuid NOT NULL,
	"clock" text NOT NULL,
	"reason" text NOT NULL,
	"note" text,
	"status" text DEFAULT 'pending' NOT NULL,
	"requested_by" uuid NOT NULL,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"decision_note" text
);
--> statement-breakpoint
CREATE UNIQUE INDEX "sla_pause_requests_one_pending" ON "sla_pause_requests" USING btree ("ticket_id","clock") WHERE "sla_pause_requests"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "sla_pause_requests_status_requested_at_index" ON "sla_pause_requests" USING btree ("status","requested_at");