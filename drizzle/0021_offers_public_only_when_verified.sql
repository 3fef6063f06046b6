-- An offer is public only while its organisation is verified (src/modules/offers/visibility.ts). The
-- offer commands refuse to publish otherwise; this trigger refuses every other writer (imports, scripts),
-- so the public queries, the search index, feeds, widget, API and sitemap can rely on status = 'published'.
CREATE FUNCTION offers_public_only_when_verified() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM organisations WHERE id = NEW.organisation_id AND status = 'verified') THEN
    RAISE EXCEPTION 'offer % cannot be published: its organisation is not verified', NEW.id USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
-- Offers that went public before their organisation was checked wait in review again.
UPDATE offers SET status = 'in_review', updated_at = now()
WHERE status = 'published'
  AND NOT EXISTS (SELECT 1 FROM organisations WHERE organisations.id = offers.organisation_id AND organisations.status = 'verified');
--> statement-breakpoint
CREATE TRIGGER offers_public_only_when_verified
BEFORE INSERT OR UPDATE OF status, organisation_id ON offers
FOR EACH ROW WHEN (NEW.status = 'published')
EXECUTE FUNCTION offers_public_only_when_verified();
