-- Stored German full-text vectors for events and knowledge entries, like offers (0003): ranking over a
-- stored column with a GIN index instead of to_tsvector per row. Knowledge entries include the text of
-- their PDF files (file_text, filled by the app when a file is uploaded).
CREATE OR REPLACE FUNCTION events_search_update() RETURNS trigger AS $$
BEGIN
  NEW.search :=
    setweight(to_tsvector('german', coalesce(NEW.title, '')), 'A') ||
    setweight(to_tsvector('german', coalesce(NEW.audience, '') || ' ' || coalesce(NEW.place, '')), 'B') ||
    setweight(to_tsvector('german', coalesce(NEW.description, '')), 'C');
  RETURN NEW;
END
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER events_search_trigger
  BEFORE INSERT OR UPDATE OF title, audience, place, description
  ON events FOR EACH ROW EXECUTE FUNCTION events_search_update();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION knowledge_search_update() RETURNS trigger AS $$
BEGIN
  NEW.search :=
    setweight(to_tsvector('german', coalesce(NEW.title, '')), 'A') ||
    setweight(to_tsvector('german', coalesce(NEW.summary, '') || ' ' || array_to_string(NEW.tags, ' ')), 'B') ||
    setweight(to_tsvector('german',
      coalesce(NEW.body, '') || ' ' || coalesce(NEW.situation, '') || ' ' || coalesce(NEW.approach, '') || ' ' ||
      coalesce(NEW.result, '') || ' ' || coalesce(NEW.contact, '')), 'C') ||
    setweight(to_tsvector('german', coalesce(NEW.file_text, '')), 'D');
  RETURN NEW;
END
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER knowledge_search_trigger
  BEFORE INSERT OR UPDATE OF title, summary, tags, body, situation, approach, result, contact, file_text
  ON knowledge_entries FOR EACH ROW EXECUTE FUNCTION knowledge_search_update();
