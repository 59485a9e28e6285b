DROP INDEX "tickets_created_at_index";--> statement-breakpoint
CREATE INDEX "tickets_created_at_agent" ON "tickets" USING btree ("created_at","first_responder_id","closed_at","urge_count","id");