CREATE TABLE "audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_id" uuid,
	"action" text NOT NULL,
	"entity" text NOT NULL,
	"entity_id" text,
	"before" jsonb,
	"after" jsonb
);
--> statement-breakpoint
CREATE TABLE "callback_attempts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"callback_id" uuid NOT NULL,
	"ticket_id" uuid NOT NULL,
	"agent_id" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"reached" boolean NOT NULL,
	"resolved" boolean,
	"satisfaction" text,
	"timeliness" text,
	"attitude" text,
	"comment" text
);
--> statement-breakpoint
CREATE TABLE "callbacks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"ticket_id" uuid NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"status" text DEFAULT 'due' NOT NULL,
	"next_attempt_at" timestamp with time zone,
	"due_notified_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"completed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "calls" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agent_id" uuid NOT NULL,
	"phone" text NOT NULL,
	"channel" text NOT NULL,
	"customer_id" uuid,
	"notes" text,
	"outcome" text,
	"ticket_id" uuid,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ended_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "crew_positions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"crew_id" uuid NOT NULL,
	"lat" double precision NOT NULL,
	"lng" double precision NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"speed_kmh" double precision,
	"heading" double precision,
	"accuracy_m" double precision
);
--> statement-breakpoint
CREATE TABLE "crews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"skills" text[] DEFAULT '{}'::text[] NOT NULL,
	"status" text DEFAULT 'off_duty' NOT NULL,
	"vehicle" text,
	"district" text,
	"depot_name" text,
	"depot_lat" double precision NOT NULL,
	"depot_lng" double precision NOT NULL,
	"shift_start" time,
	"shift_end" time,
	"phone" text,
	"ticket_id" uuid,
	"last_lat" double precision,
	"last_lng" double precision,
	"last_at" timestamp with time zone,
	"last_speed_kmh" double precision,
	"last_heading" double precision,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "crews_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "customers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_no" text NOT NULL,
	"name" text NOT NULL,
	"phone" text NOT NULL,
	"address" text NOT NULL,
	"lat" double precision NOT NULL,
	"lng" double precision NOT NULL,
	"zone_id" text NOT NULL,
	"zone_class" text NOT NULL,
	"district" text NOT NULL,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "customers_accountNo_unique" UNIQUE("account_no")
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"ticket_id" uuid,
	"kind" text NOT NULL,
	"message" text NOT NULL,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"read_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "outages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"area" jsonb NOT NULL,
	"min_lat" double precision NOT NULL,
	"min_lng" double precision NOT NULL,
	"max_lat" double precision NOT NULL,
	"max_lng" double precision NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone,
	"estimated_restore_at" timestamp with time zone,
	"description" text NOT NULL,
	"ticket_id" uuid,
	"status" text DEFAULT 'active' NOT NULL,
	"restored_at" timestamp with time zone,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "emergencies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"zone_ids" text[] NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"mode" text NOT NULL,
	"reason" text NOT NULL,
	"declared_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "settings" (
	"key" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "staff" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"username" text NOT NULL,
	"display_name" text NOT NULL,
	"role" text NOT NULL,
	"crew_id" uuid,
	"district" text,
	"password_hash" text NOT NULL,
	"disabled" boolean DEFAULT false NOT NULL,
	"failed_logins" integer DEFAULT 0 NOT NULL,
	"locked_until" timestamp with time zone,
	"token_version" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "staff_username_unique" UNIQUE("username")
);
--> statement-breakpoint
CREATE TABLE "assignments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"ticket_id" uuid NOT NULL,
	"crew_id" uuid NOT NULL,
	"assigned_by" uuid,
	"mode" text NOT NULL,
	"eta_minutes" double precision,
	"distance_km" double precision,
	"reason" text,
	"assigned_at" timestamp with time zone DEFAULT now() NOT NULL,
	"released_at" timestamp with time zone,
	"arrived_at" timestamp with time zone,
	"arrival_manual" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "idempotency_keys" (
	"user_id" uuid NOT NULL,
	"key" text NOT NULL,
	"ticket_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "idempotency_keys_user_id_key_pk" PRIMARY KEY("user_id","key")
);
--> statement-breakpoint
CREATE TABLE "sla_clocks" (
	"ticket_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"clock" jsonb NOT NULL,
	"state" text NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"raw_due_at" timestamp with time zone NOT NULL,
	"warning_at" timestamp with time zone,
	"stopped_at" timestamp with time zone,
	"breached_at" timestamp with time zone,
	"paused_ms" double precision DEFAULT 0 NOT NULL,
	"next_check_at" timestamp with time zone,
	"warned_at" timestamp with time zone,
	"breach_notified_at" timestamp with time zone,
	CONSTRAINT "sla_clocks_ticket_id_kind_pk" PRIMARY KEY("ticket_id","kind")
);
--> statement-breakpoint
CREATE TABLE "ticket_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"ticket_id" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_id" uuid,
	"kind" text NOT NULL,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ticket_sequences" (
	"day" date PRIMARY KEY NOT NULL,
	"last" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tickets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" text NOT NULL,
	"type" text NOT NULL,
	"sub_kind" text,
	"status" text NOT NULL,
	"priority" text DEFAULT 'normal' NOT NULL,
	"description" text NOT NULL,
	"customer_id" uuid,
	"address" text,
	"lat" double precision,
	"lng" double precision,
	"zone_id" text,
	"zone_class" text,
	"district" text,
	"first_responder_id" uuid NOT NULL,
	"owner_id" uuid NOT NULL,
	"crew_id" uuid,
	"outage_id" uuid,
	"parent_id" uuid,
	"urge_count" integer DEFAULT 0 NOT NULL,
	"reopen_count" integer DEFAULT 0 NOT NULL,
	"required_skills" text[] DEFAULT '{}'::text[] NOT NULL,
	"sensitive" boolean DEFAULT false NOT NULL,
	"report" jsonb,
	"resolution" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"dispatched_at" timestamp with time zone,
	"acknowledged_at" timestamp with time zone,
	"en_route_at" timestamp with time zone,
	"arrived_at" timestamp with time zone,
	"arrival_manual" boolean DEFAULT false NOT NULL,
	"restored_at" timestamp with time zone,
	"completed_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tickets_number_unique" UNIQUE("number")
);
--> statement-breakpoint
CREATE TABLE "zones" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"district" text NOT NULL,
	"zone_class" text NOT NULL,
	"area" jsonb NOT NULL,
	"min_lat" double precision NOT NULL,
	"min_lng" double precision NOT NULL,
	"max_lat" double precision NOT NULL,
	"max_lng" double precision NOT NULL
);
--> statement-breakpoint
CREATE INDEX "audit_log_at_index" ON "audit_log" USING btree ("at");--> statement-breakpoint
CREATE INDEX "audit_log_entity_entity_id_index" ON "audit_log" USING btree ("entity","entity_id");--> statement-breakpoint
CREATE INDEX "audit_log_actor_id_at_index" ON "audit_log" USING btree ("actor_id","at");--> statement-breakpoint
CREATE INDEX "callback_attempts_callback_id_index" ON "callback_attempts" USING btree ("callback_id");--> statement-breakpoint
CREATE INDEX "callback_attempts_at_index" ON "callback_attempts" USING btree ("at");--> statement-breakpoint
CREATE INDEX "callbacks_status_due_at_index" ON "callbacks" USING btree ("status","due_at");--> statement-breakpoint
CREATE INDEX "callbacks_ticket_id_index" ON "callbacks" USING btree ("ticket_id");--> statement-breakpoint
CREATE INDEX "calls_started_at_index" ON "calls" USING btree ("started_at");--> statement-breakpoint
CREATE INDEX "calls_agent_id_started_at_index" ON "calls" USING btree ("agent_id","started_at");--> statement-breakpoint
CREATE INDEX "calls_ticket_id_index" ON "calls" USING btree ("ticket_id");--> statement-breakpoint
CREATE INDEX "calls_customer_id_index" ON "calls" USING btree ("customer_id");--> statement-breakpoint
CREATE UNIQUE INDEX "crew_positions_crew_id_recorded_at_index" ON "crew_positions" USING btree ("crew_id","recorded_at");--> statement-breakpoint
CREATE INDEX "crew_positions_recorded_at_index" ON "crew_positions" USING btree ("recorded_at");--> statement-breakpoint
CREATE INDEX "customers_phone_index" ON "customers" USING btree ("phone");--> statement-breakpoint
CREATE INDEX "customers_name_trgm" ON "customers" USING gin ("name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "customers_address_trgm" ON "customers" USING gin ("address" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "notifications_user_id_created_at_index" ON "notifications" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "outages_status_starts_at_index" ON "outages" USING btree ("status","starts_at");--> statement-breakpoint
CREATE INDEX "staff_role_index" ON "staff" USING btree ("role");--> statement-breakpoint
CREATE INDEX "staff_crew_id_index" ON "staff" USING btree ("crew_id");--> statement-breakpoint
CREATE INDEX "assignments_ticket_id_index" ON "assignments" USING btree ("ticket_id");--> statement-breakpoint
CREATE UNIQUE INDEX "assignments_active_crew" ON "assignments" USING btree ("crew_id") WHERE "assignments"."released_at" is null;--> statement-breakpoint
CREATE INDEX "sla_clocks_next_check" ON "sla_clocks" USING btree ("next_check_at") WHERE "sla_clocks"."next_check_at" is not null;--> statement-breakpoint
CREATE INDEX "sla_clocks_kind_stopped_at_index" ON "sla_clocks" USING btree ("kind","stopped_at");--> statement-breakpoint
CREATE INDEX "ticket_events_ticket_id_at_index" ON "ticket_events" USING btree ("ticket_id","at");--> statement-breakpoint
CREATE INDEX "tickets_status_created_at_index" ON "tickets" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "tickets_first_responder_id_status_index" ON "tickets" USING btree ("first_responder_id","status");--> statement-breakpoint
CREATE INDEX "tickets_owner_id_status_index" ON "tickets" USING btree ("owner_id","status");--> statement-breakpoint
CREATE INDEX "tickets_crew_id_status_index" ON "tickets" USING btree ("crew_id","status");--> statement-breakpoint
CREATE INDEX "tickets_customer_id_status_index" ON "tickets" USING btree ("customer_id","status");--> statement-breakpoint
CREATE INDEX "tickets_parent_id_index" ON "tickets" USING btree ("parent_id");--> statement-breakpoint
CREATE INDEX "tickets_outage_id_index" ON "tickets" USING btree ("outage_id");--> statement-breakpoint
CREATE INDEX "tickets_created_at_index" ON "tickets" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "tickets_district_created_at_index" ON "tickets" USING btree ("district","created_at");--> statement-breakpoint
CREATE INDEX "zones_district_index" ON "zones" USING btree ("district");