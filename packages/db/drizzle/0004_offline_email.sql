CREATE TABLE "email_follow_ups" (
	"conversation_id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"from_offline_form" boolean DEFAULT false NOT NULL,
	"due_at" timestamp (3) with time zone,
	"emailed_through_seq" integer DEFAULT 0 NOT NULL,
	"last_emailed_at" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE TABLE "site_business_hours" (
	"site_id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"enabled" boolean DEFAULT false NOT NULL,
	"time_zone" text DEFAULT 'UTC' NOT NULL,
	"weekly" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"holidays" text[] DEFAULT '{}'::text[] NOT NULL,
	"offline_behaviour" text DEFAULT 'notice' NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "email_follow_ups" ADD CONSTRAINT "email_follow_ups_conversation_id_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "email_follow_ups" ADD CONSTRAINT "email_follow_ups_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "site_business_hours" ADD CONSTRAINT "site_business_hours_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "site_business_hours" ADD CONSTRAINT "site_business_hours_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "email_follow_ups_due_idx" ON "email_follow_ups" USING btree ("due_at") WHERE "email_follow_ups"."due_at" is not null;