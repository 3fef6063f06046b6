CREATE TABLE "office_notice_settings" (
	"network_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"mode" varchar(20) NOT NULL,
	"last_summary_at" timestamp with time zone,
	CONSTRAINT "office_notice_settings_network_id_user_id_pk" PRIMARY KEY("network_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "placement_events" ADD COLUMN "side" varchar(20);--> statement-breakpoint
ALTER TABLE "office_notice_settings" ADD CONSTRAINT "office_notice_settings_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "office_notice_settings" ADD CONSTRAINT "office_notice_settings_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;