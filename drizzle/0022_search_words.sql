-- Every lexeme of the offers' search vectors (issue 13): the SQL search finds here the compounds a typed
-- word is a part of ("pat" in "vorlesepat"), through the trigram index, as the in-memory index finds them
-- in its own word list (src/modules/search/german.ts decides which are parts). Only ever grows: a word
-- no offer has any more matches nothing. Lexemes are inserted in order, so that two writers wait for
-- each other instead of deadlocking.
CREATE TABLE "search_words" ("lexeme" text PRIMARY KEY);
--> statement-breakpoint
CREATE INDEX "search_words_trgm" ON "search_words" USING gin ("lexeme" gin_trgm_ops);
--> statement-breakpoint
INSERT INTO search_words (lexeme)
SELECT DISTINCT w FROM offers, unnest(tsvector_to_array(search)) AS w WHERE search IS NOT NULL ORDER BY 1
ON CONFLICT DO NOTHING;
--> statement-breakpoint
CREATE FUNCTION search_words_record() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO search_words (lexeme)
  SELECT DISTINCT w FROM new_rows, unnest(tsvector_to_array(search)) AS w WHERE search IS NOT NULL ORDER BY 1
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER search_words_inserted AFTER INSERT ON offers
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION search_words_record();
--> statement-breakpoint
CREATE TRIGGER search_words_updated AFTER UPDATE ON offers
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION search_words_record();
