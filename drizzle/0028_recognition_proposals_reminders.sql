CREATE TABLE "card_reminders" (
	"card_id" uuid NOT NULL,
	"weeks" integer NOT NULL,
	"sent_at" timestamp with time zone NOT NULL,
	CONSTRAINT "card_reminders_card_id_weeks_pk" PRIMARY KEY("card_id","weeks")
);
--> statement-breakpoint
CREATE TABLE "hours_proposal_dismissals" (
	"user_id" uuid NOT NULL,
	"kind" varchar(20) NOT NULL,
	"source_id" uuid NOT NULL,
	"dismissed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "hours_proposal_dismissals_user_id_kind_source_id_pk" PRIMARY KEY("user_id","kind","source_id")
);
--> statement-breakpoint
ALTER TABLE "hours_entries" ALTER COLUMN "organisation_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "card_applications" ADD COLUMN "renewal_of" uuid;--> statement-breakpoint
ALTER TABLE "card_reminders" ADD CONSTRAINT "card_reminders_card_id_cards_id_fk" FOREIGN KEY ("card_id") REFERENCES "public"."cards"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hours_proposal_dismissals" ADD CONSTRAINT "hours_proposal_dismissals_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "card_applications" ADD CONSTRAINT "card_applications_renewal_of_cards_id_fk" FOREIGN KEY ("renewal_of") REFERENCES "public"."cards"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "hours_entries_event" ON "hours_entries" USING btree ("user_id","event_id") WHERE "hours_entries"."event_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "hours_entries_placement" ON "hours_entries" USING btree ("user_id","placement_id") WHERE "hours_entries"."placement_id" is not null;--> statement-breakpoint
ALTER TABLE "hours_entries" ADD CONSTRAINT "hours_entries_confirmer" CHECK ("hours_entries"."organisation_id" is not null or "hours_entries"."event_id" is not null);