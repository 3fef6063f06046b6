-- Changes to offers, for the search index that every process keeps in memory
-- (src/modules/search/memory-sync.ts, decision 005): the offer's id and the writing transaction.
-- A process reads the changes of the transactions that were still running or began since it last
-- looked, and reads those offers again. Rows older than an hour are deleted by the processes.
CREATE TABLE "offer_changes" (
  "xid" xid8 NOT NULL DEFAULT pg_current_xact_id(),
  "offer_id" uuid NOT NULL,
  "at" timestamptz NOT NULL DEFAULT now()
);
--> statement-breakpoint
CREATE INDEX "offer_changes_xid" ON "offer_changes" ("xid");
--> statement-breakpoint
CREATE INDEX "offer_changes_at" ON "offer_changes" ("at");
--> statement-breakpoint
CREATE FUNCTION offer_changes_record() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    INSERT INTO offer_changes (offer_id) SELECT DISTINCT id FROM old_rows;
  ELSE
    INSERT INTO offer_changes (offer_id) SELECT DISTINCT id FROM new_rows;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER offer_changes_inserted AFTER INSERT ON offers
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION offer_changes_record();
--> statement-breakpoint
CREATE TRIGGER offer_changes_updated AFTER UPDATE ON offers
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION offer_changes_record();
--> statement-breakpoint
CREATE TRIGGER offer_changes_deleted AFTER DELETE ON offers
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION offer_changes_record();
