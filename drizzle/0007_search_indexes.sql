CREATE INDEX "offers_published_newest" ON "offers" USING btree ("published_at" DESC NULLS LAST,"id") WHERE "offers"."status" = 'published';--> statement-breakpoint
CREATE INDEX "offers_field_newest" ON "offers" USING btree ("field","published_at" DESC NULLS LAST,"id") WHERE "offers"."status" = 'published';--> statement-breakpoint
CREATE INDEX "offers_remote_newest" ON "offers" USING btree ("published_at" DESC NULLS LAST,"id") WHERE "offers"."remote";--> statement-breakpoint
CREATE INDEX "offers_position" ON "offers" USING gist (point("lng", "lat"));