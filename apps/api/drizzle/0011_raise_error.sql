-- Lets one statement fail on a condition it finds (e.g. the call to link to a new order does not exist), so
-- everything it wrote is undone: RAISE is plpgsql-only, this makes it callable from SQL.
CREATE FUNCTION raise_error(code text, message text) RETURNS boolean LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION USING ERRCODE = code, MESSAGE = message;
END
$$;
