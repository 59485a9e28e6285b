-- Trigram search on Chinese names and addresses. pg_trgm ships with PostgreSQL's contrib and with PGlite.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
