ALTER TABLE "hours_entries" DROP CONSTRAINT "hours_entries_hours";--> statement-breakpoint
ALTER TABLE "hours_entries" DROP CONSTRAINT "hours_entries_user_id_users_id_fk";
--> statement-breakpoint
ALTER TABLE "hours_entries" ALTER COLUMN "user_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "hours_entries" ADD COLUMN "source" varchar(20) DEFAULT 'volunteer' NOT NULL;--> statement-breakpoint
ALTER TABLE "hours_entries" ADD CONSTRAINT "hours_entries_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hours_entries" ADD CONSTRAINT "hours_entries_hours" CHECK ("hours_entries"."hours" > 0 and ("hours_entries"."hours" <= 24 or "hours_entries"."source" = 'organisation'));