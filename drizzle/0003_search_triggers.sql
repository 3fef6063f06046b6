-- Stored, weighted German full-text vectors for offers and needs (ranking over a stored column is
-- 5-8x faster than computing to_tsvector per row; see docs/decisions/001-stack.md).
-- Offers: title A; organisation name, tags and skills B; summary, description (tags stripped) and place C.
CREATE OR REPLACE FUNCTION offers_search_update() RETURNS trigger AS $$
BEGIN
  NEW.search :=
    setweight(to_tsvector('german', coalesce(NEW.title, '')), 'A') ||
    setweight(to_tsvector('german',
      coalesce((SELECT o.name FROM organisations o WHERE o.id = NEW.organisation_id), '') || ' ' ||
      array_to_string(NEW.tags, ' ') || ' ' || array_to_string(NEW.skills, ' ')), 'B') ||
    setweight(to_tsvector('german',
      coalesce(NEW.summary, '') || ' ' ||
      regexp_replace(coalesce(NEW.description, ''), '<[^>]*>', ' ', 'g') || ' ' ||
      coalesce(NEW.place, '') || ' ' || coalesce(NEW.district, '')), 'C');
  RETURN NEW;
END
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER offers_search_trigger
  BEFORE INSERT OR UPDATE OF title, summary, description, tags, skills, organisation_id, place, district
  ON offers FOR EACH ROW EXECUTE FUNCTION offers_search_update();
--> statement-breakpoint
-- A renamed organisation must be found under its new name: touch its offers so their trigger runs.
CREATE OR REPLACE FUNCTION organisations_name_changed() RETURNS trigger AS $$
BEGIN
  UPDATE offers SET organisation_id = NEW.id WHERE organisation_id = NEW.id;
  RETURN NULL;
END
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER organisations_name_trigger
  AFTER UPDATE OF name ON organisations
  FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name)
  EXECUTE FUNCTION organisations_name_changed();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION needs_search_update() RETURNS trigger AS $$
BEGIN
  NEW.search :=
    setweight(to_tsvector('german', coalesce(NEW.title, '')), 'A') ||
    setweight(to_tsvector('german', array_to_string(NEW.skills, ' ')), 'B') ||
    setweight(to_tsvector('german', coalesce(NEW.description, '') || ' ' || coalesce(NEW.place, '')), 'C');
  RETURN NEW;
END
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER needs_search_trigger
  BEFORE INSERT OR UPDATE OF title, description, skills, place
  ON needs FOR EACH ROW EXECUTE FUNCTION needs_search_update();
