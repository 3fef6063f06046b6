-- Full-text search and typo tolerance (see docs/decisions/001-stack.md). Extensions live in
-- "public" so that per-run test schemas on a shared server can drop themselves safely.
CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public;
--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS unaccent SCHEMA public;
