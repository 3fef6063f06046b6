-- Overview (/ueberblick): count tables kept up to date by triggers, so the page reads a few thousand
-- rows instead of a million placements and a hundred thousand offers (docs/performance.md, "the
-- overview"). The tables are generated from src/modules/overview/schema.ts; the types, functions,
-- triggers and table comments below are written by hand (Drizzle cannot express them).
--
-- Months are German calendar months (local midnight on the 1st, as in queries.ts). A placement
-- belongs to the municipality of its offer, else of its need. Statement-level triggers with
-- transition tables keep the counts (cheap for bulk inserts); overview_rebuild() recomputes them
-- from the base tables: at the end of this migration for existing data, after a restore, and
-- whenever one wants to be sure. NULLS NOT DISTINCT needs PostgreSQL 15.
CREATE TABLE "overview_network_placement_months" (
	"network_id" uuid NOT NULL,
	"month" date NOT NULL,
	"status" varchar(20) NOT NULL,
	"placements" integer NOT NULL,
	CONSTRAINT "overview_network_placement_months_network_id_month_status_pk" PRIMARY KEY("network_id","month","status")
);
--> statement-breakpoint
CREATE TABLE "overview_network_response_hours" (
	"network_id" uuid NOT NULL,
	"month" date NOT NULL,
	"hours" integer NOT NULL,
	"answered" integer NOT NULL,
	CONSTRAINT "overview_network_response_hours_network_id_month_hours_pk" PRIMARY KEY("network_id","month","hours")
);
--> statement-breakpoint
CREATE TABLE "overview_network_response_minutes" (
	"network_id" uuid NOT NULL,
	"month" date NOT NULL,
	"minutes" integer NOT NULL,
	"answered" integer NOT NULL,
	CONSTRAINT "overview_network_response_minutes_network_id_month_minutes_pk" PRIMARY KEY("network_id","month","minutes")
);
--> statement-breakpoint
CREATE TABLE "overview_offer_counts" (
	"network_id" uuid NOT NULL,
	"municipality_id" uuid,
	"field" varchar(30) NOT NULL,
	"published" integer NOT NULL,
	CONSTRAINT "overview_offer_counts_key" UNIQUE NULLS NOT DISTINCT("network_id","municipality_id","field")
);
--> statement-breakpoint
CREATE TABLE "overview_offer_months" (
	"network_id" uuid NOT NULL,
	"municipality_id" uuid,
	"month" date NOT NULL,
	"offers" integer NOT NULL,
	CONSTRAINT "overview_offer_months_key" UNIQUE NULLS NOT DISTINCT("network_id","municipality_id","month")
);
--> statement-breakpoint
CREATE TABLE "overview_placement_months" (
	"network_id" uuid NOT NULL,
	"municipality_id" uuid,
	"month" date NOT NULL,
	"status" varchar(20) NOT NULL,
	"placements" integer NOT NULL,
	CONSTRAINT "overview_placement_months_key" UNIQUE NULLS NOT DISTINCT("network_id","municipality_id","month","status")
);
--> statement-breakpoint
CREATE TABLE "overview_response_minutes" (
	"network_id" uuid NOT NULL,
	"municipality_id" uuid,
	"month" date NOT NULL,
	"minutes" integer NOT NULL,
	"answered" integer NOT NULL,
	CONSTRAINT "overview_response_minutes_key" UNIQUE NULLS NOT DISTINCT("network_id","municipality_id","month","minutes")
);
--> statement-breakpoint
ALTER TABLE "overview_network_placement_months" ADD CONSTRAINT "overview_network_placement_months_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "overview_network_response_hours" ADD CONSTRAINT "overview_network_response_hours_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "overview_network_response_minutes" ADD CONSTRAINT "overview_network_response_minutes_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "overview_offer_counts" ADD CONSTRAINT "overview_offer_counts_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "overview_offer_months" ADD CONSTRAINT "overview_offer_months_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "overview_placement_months" ADD CONSTRAINT "overview_placement_months_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "overview_response_minutes" ADD CONSTRAINT "overview_response_minutes_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
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
-- Derived data: backups leave these tables out and a restore runs the function named here
-- (src/platform/backup.ts reads the comment), since restored offers and placements are counted
-- again by the triggers.
COMMENT ON TABLE "overview_placement_months" IS 'derived: overview_rebuild()';
--> statement-breakpoint
COMMENT ON TABLE "overview_network_placement_months" IS 'derived: overview_rebuild()';
--> statement-breakpoint
COMMENT ON TABLE "overview_response_minutes" IS 'derived: overview_rebuild()';
--> statement-breakpoint
COMMENT ON TABLE "overview_network_response_minutes" IS 'derived: overview_rebuild()';
--> statement-breakpoint
COMMENT ON TABLE "overview_network_response_hours" IS 'derived: overview_rebuild()';
--> statement-breakpoint
COMMENT ON TABLE "overview_offer_counts" IS 'derived: overview_rebuild()';
--> statement-breakpoint
COMMENT ON TABLE "overview_offer_months" IS 'derived: overview_rebuild()';
--> statement-breakpoint
SELECT overview_rebuild();
