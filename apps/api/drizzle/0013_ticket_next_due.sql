ALTER TABLE "tickets" ADD COLUMN "next_due_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "tickets_next_due" ON "tickets" USING btree ("next_due_at","created_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
-- The orders that have running clocks today get their nearest due time.
UPDATE "tickets" t SET "next_due_at" = c.due
  FROM (SELECT ticket_id, min(due_at) AS due FROM sla_clocks
        WHERE stopped_at IS NULL AND state NOT IN ('exempt', 'paused') GROUP BY ticket_id) c
  WHERE t.id = c.ticket_id;--> statement-breakpoint
-- A running clock added to an order can only bring its nearest due time forward. A new order is written with it
-- already (TicketsService.create), so on the call path this finds nothing to change and writes nothing.
CREATE FUNCTION sla_clock_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE tickets SET next_due_at = NEW.due_at
    WHERE id = NEW.ticket_id AND (next_due_at IS NULL OR next_due_at > NEW.due_at);
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER sla_clocks_added AFTER INSERT ON sla_clocks FOR EACH ROW
  WHEN (NEW.stopped_at IS NULL AND NEW.state NOT IN ('exempt', 'paused'))
  EXECUTE FUNCTION sla_clock_added();--> statement-breakpoint
-- A clock stopped, paused, resumed, exempted or given a new due time: the order's nearest due time is read again.
CREATE FUNCTION sla_clock_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ticket uuid := CASE WHEN TG_OP = 'DELETE' THEN OLD.ticket_id ELSE NEW.ticket_id END;
  due timestamptz := (SELECT min(due_at) FROM sla_clocks
    WHERE ticket_id = ticket AND stopped_at IS NULL AND state NOT IN ('exempt', 'paused'));
BEGIN
  UPDATE tickets SET next_due_at = due WHERE id = ticket AND next_due_at IS DISTINCT FROM due;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER sla_clocks_changed AFTER UPDATE OF due_at, stopped_at, state ON sla_clocks FOR EACH ROW
  WHEN (OLD.due_at IS DISTINCT FROM NEW.due_at OR OLD.stopped_at IS DISTINCT FROM NEW.stopped_at
    OR OLD.state IS DISTINCT FROM NEW.state)
  EXECUTE FUNCTION sla_clock_changed();--> statement-breakpoint
CREATE TRIGGER sla_clocks_removed AFTER DELETE ON sla_clocks FOR EACH ROW EXECUTE FUNCTION sla_clock_changed();
