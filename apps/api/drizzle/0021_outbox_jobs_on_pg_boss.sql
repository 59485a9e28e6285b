ALTER TABLE "message_jobs" DISABLE ROW LEVEL SECURITY;--> statement-breakpoint
DROP TABLE "message_jobs" CASCADE;--> statement-breakpoint
DROP INDEX "messages_due";