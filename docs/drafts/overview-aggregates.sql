-- Overview (/ueberblick): figures kept up to date by triggers, so the page reads a few thousand
-- rows instead of a million placements and a hundred thousand offers (docs/performance.md,
-- section "the overview"). Requested by the overview helper; for the migration owner to turn into
-- a migration (a custom drizzle migration like 0003_search_triggers.sql; the tables may also go
-- into src/modules/overview/schema.ts, see the end of this file).
--
-- Months are German calendar months (local midnight on the 1st, as in queries.ts). A placement
-- belongs to the municipality of its offer, else of its need (as in queries.ts). Every count is
-- changed by statement-level triggers with transition tables (cheap for bulk inserts), and
-- overview_rebuild() recomputes everything from the base tables: run once at the end of the
-- migration for existing data, and at any time after (it locks the three source tables for
-- writing: about 15 s at a million placements on the busy benchmark machine).
--
-- Works on PostgreSQL 15 and PGlite (PostgreSQL 18): NULLS NOT DISTINCT needs PostgreSQL 15.
--
-- BACKUP/RESTORE (src/platform/backup.ts) must learn about these tables: they are derived data, and
-- restore inserts offers and placements with the triggers on, so restoring the overview_* rows as
-- well would count everything twice (or hit the unique keys). Suggested: leave the overview_*
-- tables out of the backup, and after a restore run SELECT overview_rebuild() (or restore them
-- and rebuild anyway). Not tried against backup.test.ts.

-- Placements opened per month, by where they belong and their current status.
CREATE TABLE "overview_placement_months" (
  "network_id" uuid NOT NULL REFERENCES "networks"("id") ON DELETE CASCADE,
  "municipality_id" uuid,
  "month" date NOT NULL,
  "status" varchar(20) NOT NULL,
  "placements" integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "overview_placement_months_key" ON "overview_placement_months" ("network_id", "municipality_id", "month", "status") NULLS NOT DISTINCT;
--> statement-breakpoint
-- ... and the same per network (a network's figures would otherwise add up every municipality's rows).
CREATE TABLE "overview_network_placement_months" (
  "network_id" uuid NOT NULL REFERENCES "networks"("id") ON DELETE CASCADE,
  "month" date NOT NULL,
  "status" varchar(20) NOT NULL,
  "placements" integer NOT NULL,
  PRIMARY KEY ("network_id", "month", "status")
);
--> statement-breakpoint
-- Answered placements per month and response time in whole minutes, per municipality ...
CREATE TABLE "overview_response_minutes" (
  "network_id" uuid NOT NULL REFERENCES "networks"("id") ON DELETE CASCADE,
  "municipality_id" uuid,
  "month" date NOT NULL,
  "minutes" integer NOT NULL,
  "answered" integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "overview_response_minutes_key" ON "overview_response_minutes" ("network_id", "municipality_id", "month", "minutes") NULLS NOT DISTINCT;
--> statement-breakpoint
-- ... and per network, in whole minutes and in whole hours (floor(minutes / 60)). A network's median
-- is found in two steps: the hour it lies in from a few hundred hour rows, then the minute from
-- that hour's rows only (a year of a big network has some 50,000 minute rows).
CREATE TABLE "overview_network_response_minutes" (
  "network_id" uuid NOT NULL REFERENCES "networks"("id") ON DELETE CASCADE,
  "month" date NOT NULL,
  "minutes" integer NOT NULL,
  "answered" integer NOT NULL,
  PRIMARY KEY ("network_id", "month", "minutes")
);
--> statement-breakpoint
CREATE TABLE "overview_network_response_hours" (
  "network_id" uuid NOT NULL REFERENCES "networks"("id") ON DELETE CASCADE,
  "month" date NOT NULL,
  "hours" integer NOT NULL,
  "answered" integer NOT NULL,
  PRIMARY KEY ("network_id", "month", "hours")
);
--> statement-breakpoint
-- Published offers now, per municipality and field.
CREATE TABLE "overview_offer_counts" (
  "network_id" uuid NOT NULL REFERENCES "networks"("id") ON DELETE CASCADE,
  "municipality_id" uuid,
  "field" varchar(30) NOT NULL,
  "published" integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "overview_offer_counts_key" ON "overview_offer_counts" ("network_id", "municipality_id", "field") NULLS NOT DISTINCT;
--> statement-breakpoint
-- Offers by the month they were first published (whatever their status now).
CREATE TABLE "overview_offer_months" (
  "network_id" uuid NOT NULL REFERENCES "networks"("id") ON DELETE CASCADE,
  "municipality_id" uuid,
  "month" date NOT NULL,
  "offers" integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "overview_offer_months_key" ON "overview_offer_months" ("network_id", "municipality_id", "month") NULLS NOT DISTINCT;
--> statement-breakpoint

-- One change to the counts: +1 for a row that now counts, -1 for one that no longer does.
CREATE TYPE "overview_placement_change" AS (
  "network_id" uuid, "municipality_id" uuid, "created_at" timestamptz, "status" varchar(20), "first_response_at" timestamptz, "sign" integer
);
--> statement-breakpoint
CREATE TYPE "overview_offer_change" AS (
  "network_id" uuid, "municipality_id" uuid, "field" varchar(30), "status" varchar(20), "published_at" timestamptz, "sign" integer
);
--> statement-breakpoint

-- Adds changes of placements to the counts. Rows of a network that is being deleted are left out
-- (its counts go with it by ON DELETE CASCADE). Sorted, so concurrent writers lock rows in one order.
CREATE FUNCTION overview_count_placements(changes overview_placement_change[]) RETURNS void LANGUAGE sql AS $$
  INSERT INTO overview_placement_months AS t (network_id, municipality_id, month, status, placements)
  SELECT c.network_id, c.municipality_id, date_trunc('month', c.created_at AT TIME ZONE 'Europe/Berlin')::date, c.status, sum(c.sign)::int
  FROM unnest(changes) c
  WHERE EXISTS (SELECT 1 FROM networks WHERE id = c.network_id)
  GROUP BY 1, 2, 3, 4 HAVING sum(c.sign) <> 0
  ORDER BY 1, 2, 3, 4
  ON CONFLICT (network_id, municipality_id, month, status) DO UPDATE SET placements = t.placements + excluded.placements;

  INSERT INTO overview_network_placement_months AS t (network_id, month, status, placements)
  SELECT c.network_id, date_trunc('month', c.created_at AT TIME ZONE 'Europe/Berlin')::date, c.status, sum(c.sign)::int
  FROM unnest(changes) c
  WHERE EXISTS (SELECT 1 FROM networks WHERE id = c.network_id)
  GROUP BY 1, 2, 3 HAVING sum(c.sign) <> 0
  ORDER BY 1, 2, 3
  ON CONFLICT (network_id, month, status) DO UPDATE SET placements = t.placements + excluded.placements;

  INSERT INTO overview_response_minutes AS t (network_id, municipality_id, month, minutes, answered)
  SELECT c.network_id, c.municipality_id, date_trunc('month', c.created_at AT TIME ZONE 'Europe/Berlin')::date,
    round(date_part('epoch', c.first_response_at - c.created_at) / 60)::int, sum(c.sign)::int
  FROM unnest(changes) c
  WHERE c.first_response_at IS NOT NULL AND EXISTS (SELECT 1 FROM networks WHERE id = c.network_id)
  GROUP BY 1, 2, 3, 4 HAVING sum(c.sign) <> 0
  ORDER BY 1, 2, 3, 4
  ON CONFLICT (network_id, municipality_id, month, minutes) DO UPDATE SET answered = t.answered + excluded.answered;

  INSERT INTO overview_network_response_minutes AS t (network_id, month, minutes, answered)
  SELECT c.network_id, date_trunc('month', c.created_at AT TIME ZONE 'Europe/Berlin')::date,
    round(date_part('epoch', c.first_response_at - c.created_at) / 60)::int, sum(c.sign)::int
  FROM unnest(changes) c
  WHERE c.first_response_at IS NOT NULL AND EXISTS (SELECT 1 FROM networks WHERE id = c.network_id)
  GROUP BY 1, 2, 3 HAVING sum(c.sign) <> 0
  ORDER BY 1, 2, 3
  ON CONFLICT (network_id, month, minutes) DO UPDATE SET answered = t.answered + excluded.answered;

  INSERT INTO overview_network_response_hours AS t (network_id, month, hours, answered)
  SELECT c.network_id, date_trunc('month', c.created_at AT TIME ZONE 'Europe/Berlin')::date,
    floor(round(date_part('epoch', c.first_response_at - c.created_at) / 60) / 60)::int, sum(c.sign)::int
  FROM unnest(changes) c
  WHERE c.first_response_at IS NOT NULL AND EXISTS (SELECT 1 FROM networks WHERE id = c.network_id)
  GROUP BY 1, 2, 3 HAVING sum(c.sign) <> 0
  ORDER BY 1, 2, 3
  ON CONFLICT (network_id, month, hours) DO UPDATE SET answered = t.answered + excluded.answered;
$$;
--> statement-breakpoint
CREATE FUNCTION overview_count_offers(changes overview_offer_change[]) RETURNS void LANGUAGE sql AS $$
  INSERT INTO overview_offer_counts AS t (network_id, municipality_id, field, published)
  SELECT c.network_id, c.municipality_id, c.field, sum(c.sign)::int
  FROM unnest(changes) c
  WHERE c.status = 'published' AND EXISTS (SELECT 1 FROM networks WHERE id = c.network_id)
  GROUP BY 1, 2, 3 HAVING sum(c.sign) <> 0
  ORDER BY 1, 2, 3
  ON CONFLICT (network_id, municipality_id, field) DO UPDATE SET published = t.published + excluded.published;

  INSERT INTO overview_offer_months AS t (network_id, municipality_id, month, offers)
  SELECT c.network_id, c.municipality_id, date_trunc('month', c.published_at AT TIME ZONE 'Europe/Berlin')::date, sum(c.sign)::int
  FROM unnest(changes) c
  WHERE c.published_at IS NOT NULL AND EXISTS (SELECT 1 FROM networks WHERE id = c.network_id)
  GROUP BY 1, 2, 3 HAVING sum(c.sign) <> 0
  ORDER BY 1, 2, 3
  ON CONFLICT (network_id, municipality_id, month) DO UPDATE SET offers = t.offers + excluded.offers;
$$;
--> statement-breakpoint

-- Placements: inserted, changed, deleted. An update that leaves the counted columns alone (most of
-- them: last activity, reminders, messages) changes nothing.
CREATE FUNCTION overview_placements_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  changes overview_placement_change[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(ROW(p.network_id, coalesce(o.municipality_id, n.municipality_id), p.created_at, p.status, p.first_response_at, 1)::overview_placement_change)
      INTO changes
      FROM new_rows p LEFT JOIN offers o ON o.id = p.offer_id LEFT JOIN needs n ON n.id = p.need_id;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(ROW(p.network_id, coalesce(o.municipality_id, n.municipality_id), p.created_at, p.status, p.first_response_at, -1)::overview_placement_change)
      INTO changes
      FROM old_rows p LEFT JOIN offers o ON o.id = p.offer_id LEFT JOIN needs n ON n.id = p.need_id;
  ELSE
    SELECT array_agg(x.change) INTO changes FROM (
      SELECT ROW(p.network_id, coalesce(o.municipality_id, n.municipality_id), p.created_at, p.status, p.first_response_at, 1)::overview_placement_change AS change
        FROM new_rows p JOIN old_rows q ON q.id = p.id
        LEFT JOIN offers o ON o.id = p.offer_id LEFT JOIN needs n ON n.id = p.need_id
        WHERE (p.network_id, p.offer_id, p.need_id, p.created_at, p.status, p.first_response_at)
          IS DISTINCT FROM (q.network_id, q.offer_id, q.need_id, q.created_at, q.status, q.first_response_at)
      UNION ALL
      SELECT ROW(q.network_id, coalesce(o.municipality_id, n.municipality_id), q.created_at, q.status, q.first_response_at, -1)::overview_placement_change
        FROM old_rows q JOIN new_rows p ON p.id = q.id
        LEFT JOIN offers o ON o.id = q.offer_id LEFT JOIN needs n ON n.id = q.need_id
        WHERE (p.network_id, p.offer_id, p.need_id, p.created_at, p.status, p.first_response_at)
          IS DISTINCT FROM (q.network_id, q.offer_id, q.need_id, q.created_at, q.status, q.first_response_at)
    ) x;
  END IF;
  IF changes IS NOT NULL THEN
    PERFORM overview_count_placements(changes);
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER overview_placements_inserted AFTER INSERT ON placements
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION overview_placements_changed();
--> statement-breakpoint
CREATE TRIGGER overview_placements_updated AFTER UPDATE ON placements
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION overview_placements_changed();
--> statement-breakpoint
CREATE TRIGGER overview_placements_deleted AFTER DELETE ON placements
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION overview_placements_changed();
--> statement-breakpoint

-- Offers: the published counts and the months of first publication; and when an offer moves to
-- another municipality, its placements move with it.
CREATE FUNCTION overview_offers_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  changes overview_offer_change[];
  moved overview_placement_change[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(ROW(o.network_id, o.municipality_id, o.field, o.status, o.published_at, 1)::overview_offer_change)
      INTO changes FROM new_rows o;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(ROW(o.network_id, o.municipality_id, o.field, o.status, o.published_at, -1)::overview_offer_change)
      INTO changes FROM old_rows o;
  ELSE
    SELECT array_agg(x.change) INTO changes FROM (
      SELECT ROW(o.network_id, o.municipality_id, o.field, o.status, o.published_at, 1)::overview_offer_change AS change
        FROM new_rows o JOIN old_rows q ON q.id = o.id
        WHERE (o.network_id, o.municipality_id, o.field, o.status, o.published_at) IS DISTINCT FROM (q.network_id, q.municipality_id, q.field, q.status, q.published_at)
      UNION ALL
      SELECT ROW(q.network_id, q.municipality_id, q.field, q.status, q.published_at, -1)::overview_offer_change
        FROM old_rows q JOIN new_rows o ON o.id = q.id
        WHERE (o.network_id, o.municipality_id, o.field, o.status, o.published_at) IS DISTINCT FROM (q.network_id, q.municipality_id, q.field, q.status, q.published_at)
    ) x;
    SELECT array_agg(x.change) INTO moved FROM (
      SELECT ROW(p.network_id, coalesce(o.municipality_id, n.municipality_id), p.created_at, p.status, p.first_response_at, 1)::overview_placement_change AS change
        FROM new_rows o JOIN old_rows q ON q.id = o.id JOIN placements p ON p.offer_id = o.id LEFT JOIN needs n ON n.id = p.need_id
        WHERE o.municipality_id IS DISTINCT FROM q.municipality_id
      UNION ALL
      SELECT ROW(p.network_id, coalesce(q.municipality_id, n.municipality_id), p.created_at, p.status, p.first_response_at, -1)::overview_placement_change
        FROM new_rows o JOIN old_rows q ON q.id = o.id JOIN placements p ON p.offer_id = o.id LEFT JOIN needs n ON n.id = p.need_id
        WHERE o.municipality_id IS DISTINCT FROM q.municipality_id
    ) x;
    IF moved IS NOT NULL THEN
      PERFORM overview_count_placements(moved);
    END IF;
  END IF;
  IF changes IS NOT NULL THEN
    PERFORM overview_count_offers(changes);
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER overview_offers_inserted AFTER INSERT ON offers
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION overview_offers_changed();
--> statement-breakpoint
CREATE TRIGGER overview_offers_updated AFTER UPDATE ON offers
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION overview_offers_changed();
--> statement-breakpoint
CREATE TRIGGER overview_offers_deleted AFTER DELETE ON offers
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION overview_offers_changed();
--> statement-breakpoint

-- Needs: when a need moves to another municipality, its placements without an offer's
-- municipality move with it.
CREATE FUNCTION overview_needs_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  moved overview_placement_change[];
BEGIN
  SELECT array_agg(x.change) INTO moved FROM (
    SELECT ROW(p.network_id, coalesce(o.municipality_id, n.municipality_id), p.created_at, p.status, p.first_response_at, 1)::overview_placement_change AS change
      FROM new_rows n JOIN old_rows q ON q.id = n.id JOIN placements p ON p.need_id = n.id LEFT JOIN offers o ON o.id = p.offer_id
      WHERE n.municipality_id IS DISTINCT FROM q.municipality_id AND o.municipality_id IS NULL
    UNION ALL
    SELECT ROW(p.network_id, q.municipality_id, p.created_at, p.status, p.first_response_at, -1)::overview_placement_change
      FROM new_rows n JOIN old_rows q ON q.id = n.id JOIN placements p ON p.need_id = n.id LEFT JOIN offers o ON o.id = p.offer_id
      WHERE n.municipality_id IS DISTINCT FROM q.municipality_id AND o.municipality_id IS NULL
  ) x;
  IF moved IS NOT NULL THEN
    PERFORM overview_count_placements(moved);
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER overview_needs_updated AFTER UPDATE ON needs
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION overview_needs_changed();
--> statement-breakpoint

-- Before an offer or a need is deleted, its placements move to where they will belong once their
-- offer_id or need_id is set to null (by the foreign key), because the placements' own trigger
-- can no longer look the deleted row up.
CREATE FUNCTION overview_offer_or_need_deleting() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  moved overview_placement_change[];
BEGIN
  IF TG_TABLE_NAME = 'offers' THEN
    SELECT array_agg(x.change) INTO moved FROM (
      SELECT ROW(p.network_id, n.municipality_id, p.created_at, p.status, p.first_response_at, 1)::overview_placement_change AS change
        FROM placements p LEFT JOIN needs n ON n.id = p.need_id WHERE p.offer_id = OLD.id AND OLD.municipality_id IS NOT NULL
      UNION ALL
      SELECT ROW(p.network_id, OLD.municipality_id, p.created_at, p.status, p.first_response_at, -1)::overview_placement_change
        FROM placements p WHERE p.offer_id = OLD.id AND OLD.municipality_id IS NOT NULL
    ) x;
  ELSE
    SELECT array_agg(x.change) INTO moved FROM (
      SELECT ROW(p.network_id, NULL::uuid, p.created_at, p.status, p.first_response_at, 1)::overview_placement_change AS change
        FROM placements p LEFT JOIN offers o ON o.id = p.offer_id
        WHERE p.need_id = OLD.id AND o.municipality_id IS NULL AND OLD.municipality_id IS NOT NULL
      UNION ALL
      SELECT ROW(p.network_id, OLD.municipality_id, p.created_at, p.status, p.first_response_at, -1)::overview_placement_change
        FROM placements p LEFT JOIN offers o ON o.id = p.offer_id
        WHERE p.need_id = OLD.id AND o.municipality_id IS NULL AND OLD.municipality_id IS NOT NULL
    ) x;
  END IF;
  IF moved IS NOT NULL THEN
    PERFORM overview_count_placements(moved);
  END IF;
  RETURN OLD;
END
$$;
--> statement-breakpoint
CREATE TRIGGER overview_offer_deleting BEFORE DELETE ON offers FOR EACH ROW EXECUTE FUNCTION overview_offer_or_need_deleting();
--> statement-breakpoint
CREATE TRIGGER overview_need_deleting BEFORE DELETE ON needs FOR EACH ROW EXECUTE FUNCTION overview_offer_or_need_deleting();
--> statement-breakpoint

-- All counts afresh from the base tables (after this migration, and whenever one wants to be sure).
CREATE FUNCTION overview_rebuild() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  LOCK TABLE offers, needs, placements IN SHARE MODE;
  DELETE FROM overview_placement_months;
  DELETE FROM overview_network_placement_months;
  DELETE FROM overview_network_response_hours;
  DELETE FROM overview_response_minutes;
  DELETE FROM overview_network_response_minutes;
  DELETE FROM overview_offer_counts;
  DELETE FROM overview_offer_months;
  INSERT INTO overview_placement_months (network_id, municipality_id, month, status, placements)
  SELECT p.network_id, coalesce(o.municipality_id, n.municipality_id), date_trunc('month', p.created_at AT TIME ZONE 'Europe/Berlin')::date, p.status, count(*)::int
  FROM placements p LEFT JOIN offers o ON o.id = p.offer_id LEFT JOIN needs n ON n.id = p.need_id
  GROUP BY 1, 2, 3, 4;
  INSERT INTO overview_network_placement_months (network_id, month, status, placements)
  SELECT p.network_id, date_trunc('month', p.created_at AT TIME ZONE 'Europe/Berlin')::date, p.status, count(*)::int
  FROM placements p
  GROUP BY 1, 2, 3;
  INSERT INTO overview_response_minutes (network_id, municipality_id, month, minutes, answered)
  SELECT p.network_id, coalesce(o.municipality_id, n.municipality_id), date_trunc('month', p.created_at AT TIME ZONE 'Europe/Berlin')::date,
    round(date_part('epoch', p.first_response_at - p.created_at) / 60)::int, count(*)::int
  FROM placements p LEFT JOIN offers o ON o.id = p.offer_id LEFT JOIN needs n ON n.id = p.need_id
  WHERE p.first_response_at IS NOT NULL
  GROUP BY 1, 2, 3, 4;
  INSERT INTO overview_network_response_minutes (network_id, month, minutes, answered)
  SELECT p.network_id, date_trunc('month', p.created_at AT TIME ZONE 'Europe/Berlin')::date,
    round(date_part('epoch', p.first_response_at - p.created_at) / 60)::int, count(*)::int
  FROM placements p
  WHERE p.first_response_at IS NOT NULL
  GROUP BY 1, 2, 3;
  INSERT INTO overview_network_response_hours (network_id, month, hours, answered)
  SELECT p.network_id, date_trunc('month', p.created_at AT TIME ZONE 'Europe/Berlin')::date,
    floor(round(date_part('epoch', p.first_response_at - p.created_at) / 60) / 60)::int, count(*)::int
  FROM placements p
  WHERE p.first_response_at IS NOT NULL
  GROUP BY 1, 2, 3;
  INSERT INTO overview_offer_counts (network_id, municipality_id, field, published)
  SELECT o.network_id, o.municipality_id, o.field, count(*)::int FROM offers o WHERE o.status = 'published' GROUP BY 1, 2, 3;
  INSERT INTO overview_offer_months (network_id, municipality_id, month, offers)
  SELECT o.network_id, o.municipality_id, date_trunc('month', o.published_at AT TIME ZONE 'Europe/Berlin')::date, count(*)::int
  FROM offers o WHERE o.published_at IS NOT NULL GROUP BY 1, 2, 3;
END
$$;
--> statement-breakpoint
SELECT overview_rebuild();

-- ---------------------------------------------------------------------------------------------
-- If the tables should live in Drizzle (src/modules/overview/schema.ts), a sketch that generates
-- the same tables; the unique indexes become UNIQUE NULLS NOT DISTINCT constraints, which
-- ON CONFLICT (...) infers just the same. Types, functions and triggers stay custom SQL.
--
--   const month = (name = 'month') => date(name).notNull();
--   export const overviewPlacementMonths = pgTable('overview_placement_months', {
--     networkId: uuid('network_id').notNull().references(() => networks.id, { onDelete: 'cascade' }),
--     municipalityId: uuid('municipality_id'),   // no foreign key: the triggers move counts away
--     month: month(), status: varchar('status', { length: 20 }).notNull(), placements: integer('placements').notNull(),
--   }, (t) => [unique('overview_placement_months_key').on(t.networkId, t.municipalityId, t.month, t.status).nullsNotDistinct()]);
--   export const overviewNetworkPlacementMonths = pgTable('overview_network_placement_months', {
--     networkId: …, month: month(), status: …, placements: …,
--   }, (t) => [primaryKey({ columns: [t.networkId, t.month, t.status] })]);
--   overview_response_minutes: (network_id, municipality_id, month, minutes, answered), unique … nullsNotDistinct()
--   overview_network_response_minutes: (network_id, month, minutes, answered), primary key (network_id, month, minutes)
--   overview_network_response_hours: (network_id, month, hours, answered), primary key (network_id, month, hours)
--   overview_offer_counts: (network_id, municipality_id, field varchar(30), published), unique … nullsNotDistinct()
--   overview_offer_months: (network_id, municipality_id, month, offers), unique … nullsNotDistinct()
--
-- The test docs/drafts/overview-aggregates.test.ts belongs in src/modules/overview/ with the migration:
-- drop its beforeAll block that applies this file when the tables are missing.
