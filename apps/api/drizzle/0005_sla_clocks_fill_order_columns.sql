-- Custom SQL migration file, put your code below! --
-- sla_clocks carries copies of its order's creation time, type, zone class, district and crew, so the SLA report
-- reads that table alone. The API writes them; this trigger fills them for any other writer (bulk loads, data
-- migrations, older code) from the order, so a clock never goes missing from the report.
CREATE OR REPLACE FUNCTION sla_clocks_fill_order_columns() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.order_created_at IS NULL THEN
    SELECT t.created_at, t.type, t.zone_class, t.district, coalesce(NEW.crew_id, t.crew_id)
      INTO NEW.order_created_at, NEW.order_type, NEW.zone_class, NEW.district, NEW.crew_id
      FROM tickets t WHERE t.id = NEW.ticket_id;
  END IF;
  RETURN NEW;
END;
$$;--> statement-breakpoint
CREATE TRIGGER sla_clocks_fill_order_columns BEFORE INSERT ON sla_clocks
  FOR EACH ROW EXECUTE FUNCTION sla_clocks_fill_order_columns();--> statement-breakpoint
-- Rows written before the columns existed.
UPDATE sla_clocks c SET order_created_at = t.created_at, order_type = t.type, zone_class = t.zone_class,
       district = t.district, crew_id = coalesce(c.crew_id, t.crew_id)
  FROM tickets t WHERE t.id = c.ticket_id AND c.order_created_at IS NULL;
