CREATE TABLE "infomail_bounces" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"network_id" uuid,
	"email" varchar(320) NOT NULL,
	"recipient_id" uuid,
	"hard" boolean NOT NULL,
	"status" varchar(20) DEFAULT '' NOT NULL,
	"diagnostic" varchar(500) DEFAULT '' NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "infomail_lists" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"network_id" uuid NOT NULL,
	"name" varchar(120) NOT NULL,
	"description" varchar(500) DEFAULT '' NOT NULL,
	"kind" varchar(20) DEFAULT 'subscription' NOT NULL,
	"is_public" boolean DEFAULT false NOT NULL,
	"segment" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "infomail_mailings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"network_id" uuid NOT NULL,
	"list_id" uuid NOT NULL,
	"subject" varchar(200) NOT NULL,
	"body" text DEFAULT '' NOT NULL,
	"status" varchar(20) DEFAULT 'draft' NOT NULL,
	"created_by" uuid,
	"approved_by" uuid,
	"scheduled_at" timestamp with time zone,
	"started_at" timestamp with time zone,
	"sent_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "infomail_recipients" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"mailing_id" uuid NOT NULL,
	"email" varchar(320) NOT NULL,
	"subscriber_id" uuid,
	"state" varchar(20) DEFAULT 'queued' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone,
	"claimed_at" timestamp with time zone,
	"sent_at" timestamp with time zone,
	"last_error" varchar(500)
);
--> statement-breakpoint
CREATE TABLE "infomail_settings" (
	"network_id" uuid PRIMARY KEY NOT NULL,
	"from_name" varchar(120) DEFAULT '' NOT NULL,
	"reply_to" varchar(320) DEFAULT '' NOT NULL,
	"require_approval" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "infomail_subscribers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"network_id" uuid NOT NULL,
	"email" varchar(320) NOT NULL,
	"user_id" uuid,
	"confirmed_at" timestamp with time zone,
	"confirm_token_hash" varchar(64),
	"confirm_sent_at" timestamp with time zone,
	"frequency" varchar(10) DEFAULT 'all' NOT NULL,
	"digest" boolean DEFAULT false NOT NULL,
	"digest_municipality_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"digest_fields" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"last_digest_at" timestamp with time zone,
	"bounced_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "infomail_subscriptions" (
	"subscriber_id" uuid NOT NULL,
	"list_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "infomail_subscriptions_subscriber_id_list_id_pk" PRIMARY KEY("subscriber_id","list_id")
);
--> statement-breakpoint
CREATE TABLE "infomail_suppressions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"network_id" uuid NOT NULL,
	"list_id" uuid,
	"email_hash" varchar(64) NOT NULL,
	"reason" varchar(20) NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "infomail_bounces" ADD CONSTRAINT "infomail_bounces_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "infomail_bounces" ADD CONSTRAINT "infomail_bounces_recipient_id_infomail_recipients_id_fk" FOREIGN KEY ("recipient_id") REFERENCES "public"."infomail_recipients"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "infomail_lists" ADD CONSTRAINT "infomail_lists_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "infomail_mailings" ADD CONSTRAINT "infomail_mailings_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "infomail_mailings" ADD CONSTRAINT "infomail_mailings_list_id_infomail_lists_id_fk" FOREIGN KEY ("list_id") REFERENCES "public"."infomail_lists"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "infomail_mailings" ADD CONSTRAINT "infomail_mailings_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "infomail_mailings" ADD CONSTRAINT "infomail_mailings_approved_by_users_id_fk" FOREIGN KEY ("approved_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "infomail_recipients" ADD CONSTRAINT "infomail_recipients_mailing_id_infomail_mailings_id_fk" FOREIGN KEY ("mailing_id") REFERENCES "public"."infomail_mailings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "infomail_recipients" ADD CONSTRAINT "infomail_recipients_subscriber_id_infomail_subscribers_id_fk" FOREIGN KEY ("subscriber_id") REFERENCES "public"."infomail_subscribers"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "infomail_settings" ADD CONSTRAINT "infomail_settings_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "infomail_subscribers" ADD CONSTRAINT "infomail_subscribers_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "infomail_subscribers" ADD CONSTRAINT "infomail_subscribers_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "infomail_subscriptions" ADD CONSTRAINT "infomail_subscriptions_subscriber_id_infomail_subscribers_id_fk" FOREIGN KEY ("subscriber_id") REFERENCES "public"."infomail_subscribers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "infomail_subscriptions" ADD CONSTRAINT "infomail_subscriptions_list_id_infomail_lists_id_fk" FOREIGN KEY ("list_id") REFERENCES "public"."infomail_lists"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "infomail_suppressions" ADD CONSTRAINT "infomail_suppressions_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "infomail_suppressions" ADD CONSTRAINT "infomail_suppressions_list_id_infomail_lists_id_fk" FOREIGN KEY ("list_id") REFERENCES "public"."infomail_lists"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "infomail_bounces_email" ON "infomail_bounces" USING btree ("email");--> statement-breakpoint
CREATE INDEX "infomail_lists_network" ON "infomail_lists" USING btree ("network_id");--> statement-breakpoint
CREATE INDEX "infomail_mailings_network" ON "infomail_mailings" USING btree ("network_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "infomail_recipients_unique" ON "infomail_recipients" USING btree ("mailing_id","email");--> statement-breakpoint
CREATE INDEX "infomail_recipients_queue" ON "infomail_recipients" USING btree ("mailing_id","state");--> statement-breakpoint
CREATE INDEX "infomail_recipients_email" ON "infomail_recipients" USING btree ("email");--> statement-breakpoint
CREATE UNIQUE INDEX "infomail_subscribers_network_email" ON "infomail_subscribers" USING btree ("network_id","email");--> statement-breakpoint
CREATE INDEX "infomail_subscriptions_list" ON "infomail_subscriptions" USING btree ("list_id");--> statement-breakpoint
CREATE UNIQUE INDEX "infomail_suppressions_unique" ON "infomail_suppressions" USING btree ("network_id","email_hash",coalesce("list_id", '00000000-0000-0000-0000-000000000000'::uuid));