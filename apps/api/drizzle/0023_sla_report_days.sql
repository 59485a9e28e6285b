CREATE TABLE "sla_report_days" (
	"day" date NOT NULL,
	"order_type" text,
	"kind" text NOT NULL,
	"zone_class" text,
	"district" text,
	"crew_id" uuid,
	"clocks" integer NOT NULL,
	"judged" integer NOT NULL,
	"met" integer NOT NULL,
	"raw_judged" integer NOT NULL,
	"raw_met" integer NOT NULL,
	"breached" integer NOT NULL,
	"exempt" integer NOT NULL,
	"minutes_sum" double precision NOT NULL,
	"minutes_count" integer NOT NULL,
	"adjusted_sum" double precision NOT NULL,
	"adjusted_count" integer NOT NULL,
	"minutes" double precision[] NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sla_report_frozen" (
	"day" date NOT NULL,
	"built_at" timestamp with time zone NOT NULL,
	CONSTRAINT "sla_report_frozen_day_pk" PRIMARY KEY("day")
);
--> statement-breakpoint
CREATE INDEX "sla_report_days_day" ON "sla_report_days" USING btree ("day","order_type");--> statement-breakpoint
-- A change to a clock of a rolled-up day forgets that day's roll-up, in the writer's transaction: the SLA report
-- then reads the day's clocks again until the roll-up settles it anew. Only clocks of orders created more than a
-- day ago can belong to a rolled-up day (a day is rolled up two days after it ends), so fresh clocks skip this.
-- The shared advisory lock pairs with the roll-up's exclusive one (same keys): a day is never rolled up from a
-- snapshot that misses a change committed meanwhile.
CREATE FUNCTION sla_report_forget_day(created timestamptz) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE d date := (created AT TIME ZONE 'UTC')::date;
BEGIN
  IF d IS NULL THEN RETURN; END IF;
  PERFORM pg_advisory_xact_lock_shared(955980022, d - date '1970-01-01');
  DELETE FROM sla_report_frozen WHERE day = d;
  DELETE FROM sla_report_days WHERE day = d;
END;
$$;--> statement-breakpoint
CREATE FUNCTION sla_report_forget_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM sla_report_forget_day(OLD.order_created_at);
  IF TG_OP = 'UPDATE' AND NEW.order_created_at IS DISTINCT FROM OLD.order_created_at THEN
    PERFORM sla_report_forget_day(NEW.order_created_at);
  END IF;
  RETURN NULL;
END;
$$;--> statement-breakpoint
-- Inserts per statement (a bulk load of old clocks forgets each of its days once).
CREATE FUNCTION sla_report_forget_inserted() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE created timestamptz;
BEGIN
  FOR created IN
    SELECT min(order_created_at) FROM inserted WHERE order_created_at < now() - interval '24 hours'
     GROUP BY (order_created_at AT TIME ZONE 'UTC')::date
  LOOP
    PERFORM sla_report_forget_day(created);
  END LOOP;
  RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE TRIGGER sla_report_forget_inserted AFTER INSERT ON sla_clocks
  REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION sla_report_forget_inserted();--> statement-breakpoint
CREATE TRIGGER sla_report_forget_updated AFTER UPDATE ON sla_clocks FOR EACH ROW
  WHEN ((OLD.order_created_at < now() - interval '24 hours' OR NEW.order_created_at < now() - interval '24 hours')
    AND (OLD.kind, OLD.state, OLD.started_at, OLD.stopped_at, OLD.due_at, OLD.raw_due_at, OLD.paused_ms,
         OLD.order_created_at, OLD.order_type, OLD.zone_class, OLD.district, OLD.crew_id)
        IS DISTINCT FROM
        (NEW.kind, NEW.state, NEW.started_at, NEW.stopped_at, NEW.due_at, NEW.raw_due_at, NEW.paused_ms,
         NEW.order_created_at, NEW.order_type, NEW.zone_class, NEW.district, NEW.crew_id))
  EXECUTE FUNCTION sla_report_forget_changed();--> statement-breakpoint
CREATE TRIGGER sla_report_forget_deleted AFTER DELETE ON sla_clocks FOR EACH ROW
  WHEN (OLD.order_created_at < now() - interval '24 hours')
  EXECUTE FUNCTION sla_report_forget_changed();
--> statement-breakpoint
CREATE FUNCTION sla_report_forget_all() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM sla_report_frozen;
  DELETE FROM sla_report_days;
  RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE TRIGGER sla_report_forget_truncated AFTER TRUNCATE ON sla_clocks
  FOR EACH STATEMENT EXECUTE FUNCTION sla_report_forget_all();
