ALTER TABLE "card_reminders" ADD COLUMN "reminder" smallint;--> statement-breakpoint
UPDATE "card_reminders" SET "reminder" = CASE WHEN "weeks" = 8 THEN 1 ELSE 2 END;--> statement-breakpoint
ALTER TABLE "card_reminders" ALTER COLUMN "reminder" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "card_reminders" DROP CONSTRAINT "card_reminders_card_id_weeks_pk";--> statement-breakpoint
ALTER TABLE "card_reminders" ADD CONSTRAINT "card_reminders_card_id_reminder_pk" PRIMARY KEY("card_id","reminder");--> statement-breakpoint
ALTER TABLE "card_settings" ADD COLUMN "reminder_first_weeks" integer DEFAULT 8 NOT NULL;--> statement-breakpoint
ALTER TABLE "card_settings" ADD COLUMN "reminder_second_weeks" integer DEFAULT 2;--> statement-breakpoint
ALTER TABLE "card_reminders" ADD CONSTRAINT "card_reminders_reminder" CHECK ("card_reminders"."reminder" in (1, 2));--> statement-breakpoint
ALTER TABLE "card_settings" ADD CONSTRAINT "card_settings_reminder_weeks" CHECK ("card_settings"."reminder_first_weeks" between 1 and 26 and ("card_settings"."reminder_second_weeks" is null or ("card_settings"."reminder_second_weeks" >= 1 and "card_settings"."reminder_second_weeks" < "card_settings"."reminder_first_weeks")));
