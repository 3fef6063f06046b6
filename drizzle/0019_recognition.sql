CREATE TABLE "acceptance_points" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"network_id" uuid NOT NULL,
	"municipality_id" uuid,
	"name" varchar(200) NOT NULL,
	"category" varchar(40) NOT NULL,
	"discount" text NOT NULL,
	"street" varchar(200) DEFAULT '' NOT NULL,
	"postcode" varchar(10) DEFAULT '' NOT NULL,
	"place" varchar(120) DEFAULT '' NOT NULL,
	"lat" double precision,
	"lng" double precision,
	"website" varchar(300) DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "card_applications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid,
	"network_id" uuid NOT NULL,
	"municipality_id" uuid,
	"kind" varchar(20) NOT NULL,
	"holder_name" varchar(200) NOT NULL,
	"birth_date" date,
	"allowance_euro" integer DEFAULT 0 NOT NULL,
	"alternative" varchar(40),
	"note" text DEFAULT '' NOT NULL,
	"evidence" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"status" varchar(20) DEFAULT 'submitted' NOT NULL,
	"reason" text,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "card_settings" (
	"network_id" uuid PRIMARY KEY NOT NULL,
	"state" varchar(2) NOT NULL,
	"overrides" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cards" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" varchar(16) NOT NULL,
	"application_id" uuid NOT NULL,
	"user_id" uuid,
	"network_id" uuid NOT NULL,
	"holder_name" varchar(200) NOT NULL,
	"region" varchar(200) NOT NULL,
	"kind" varchar(20) NOT NULL,
	"valid_from" date NOT NULL,
	"valid_until" date,
	"code" text NOT NULL,
	"status" varchar(20) DEFAULT 'valid' NOT NULL,
	"revoked_at" timestamp with time zone,
	"revoked_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cards_number_unique" UNIQUE("number"),
	CONSTRAINT "cards_application_id_unique" UNIQUE("application_id")
);
--> statement-breakpoint
CREATE TABLE "engagement_certificates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" varchar(16) NOT NULL,
	"user_id" uuid,
	"network_id" uuid NOT NULL,
	"holder_name" varchar(200) NOT NULL,
	"issuer_name" varchar(200) NOT NULL,
	"issued_by" uuid,
	"period_from" date NOT NULL,
	"period_to" date NOT NULL,
	"hours" numeric(8, 2) NOT NULL,
	"lines" jsonb NOT NULL,
	"code" text NOT NULL,
	"revoked_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "engagement_certificates_number_unique" UNIQUE("number")
);
--> statement-breakpoint
CREATE TABLE "hours_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"network_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"placement_id" uuid,
	"event_id" uuid,
	"day" date NOT NULL,
	"hours" numeric(5, 2) NOT NULL,
	"activity" text NOT NULL,
	"status" varchar(20) DEFAULT 'pending' NOT NULL,
	"reason" text,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "hours_entries_hours" CHECK ("hours_entries"."hours" > 0 and "hours_entries"."hours" <= 24)
);
--> statement-breakpoint
CREATE TABLE "signing_keys" (
	"id" varchar(24) PRIMARY KEY NOT NULL,
	"public_key" text NOT NULL,
	"private_key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"retired_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "acceptance_points" ADD CONSTRAINT "acceptance_points_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "acceptance_points" ADD CONSTRAINT "acceptance_points_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "card_applications" ADD CONSTRAINT "card_applications_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "card_applications" ADD CONSTRAINT "card_applications_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "card_applications" ADD CONSTRAINT "card_applications_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "card_applications" ADD CONSTRAINT "card_applications_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "card_settings" ADD CONSTRAINT "card_settings_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cards" ADD CONSTRAINT "cards_application_id_card_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."card_applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cards" ADD CONSTRAINT "cards_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cards" ADD CONSTRAINT "cards_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "engagement_certificates" ADD CONSTRAINT "engagement_certificates_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "engagement_certificates" ADD CONSTRAINT "engagement_certificates_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "engagement_certificates" ADD CONSTRAINT "engagement_certificates_issued_by_users_id_fk" FOREIGN KEY ("issued_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hours_entries" ADD CONSTRAINT "hours_entries_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hours_entries" ADD CONSTRAINT "hours_entries_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hours_entries" ADD CONSTRAINT "hours_entries_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hours_entries" ADD CONSTRAINT "hours_entries_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "acceptance_points_network" ON "acceptance_points" USING btree ("network_id","category");--> statement-breakpoint
CREATE UNIQUE INDEX "acceptance_points_name" ON "acceptance_points" USING btree ("network_id","name","postcode");--> statement-breakpoint
CREATE UNIQUE INDEX "card_applications_open" ON "card_applications" USING btree ("user_id","network_id","kind") WHERE "card_applications"."status" = 'submitted';--> statement-breakpoint
CREATE INDEX "card_applications_network" ON "card_applications" USING btree ("network_id","status");--> statement-breakpoint
CREATE INDEX "cards_user" ON "cards" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "cards_network" ON "cards" USING btree ("network_id","status");--> statement-breakpoint
CREATE INDEX "engagement_certificates_user" ON "engagement_certificates" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "hours_entries_user" ON "hours_entries" USING btree ("user_id","day");--> statement-breakpoint
CREATE INDEX "hours_entries_organisation" ON "hours_entries" USING btree ("organisation_id","status");