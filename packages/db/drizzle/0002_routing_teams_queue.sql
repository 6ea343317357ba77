CREATE TABLE "assignments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"conversation_id" uuid NOT NULL,
	"team_id" uuid,
	"agent_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"by_agent_id" uuid,
	"waited_ms" integer,
	"note" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "team_members" (
	"team_id" uuid NOT NULL,
	"agent_id" uuid NOT NULL,
	"workspace_id" uuid NOT NULL,
	CONSTRAINT "team_members_pk" PRIMARY KEY("team_id","agent_id")
);
--> statement-breakpoint
CREATE TABLE "teams" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"name" text NOT NULL,
	"is_default" boolean DEFAULT false NOT NULL,
	"auto_assign" boolean DEFAULT true NOT NULL,
	"first_response_target_seconds" integer,
	"reassign_after_seconds" integer,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "agents" ADD COLUMN "capacity" integer DEFAULT 3 NOT NULL;--> statement-breakpoint
ALTER TABLE "agents" ADD COLUMN "last_assigned_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "team_id" uuid;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "queued_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "assigned_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "waiting_since" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "snoozed_until" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "rerouted_from_agent_id" uuid;--> statement-breakpoint
ALTER TABLE "sites" ADD COLUMN "visitor_team_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL;--> statement-breakpoint
ALTER TABLE "assignments" ADD CONSTRAINT "assignments_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assignments" ADD CONSTRAINT "assignments_conversation_id_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_members" ADD CONSTRAINT "team_members_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_members" ADD CONSTRAINT "team_members_agent_id_agents_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."agents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_members" ADD CONSTRAINT "team_members_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "teams" ADD CONSTRAINT "teams_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "assignments_team_id_created_at_index" ON "assignments" USING btree ("team_id","created_at");--> statement-breakpoint
CREATE INDEX "team_members_agent_id_index" ON "team_members" USING btree ("agent_id");--> statement-breakpoint
CREATE INDEX "teams_workspace_id_index" ON "teams" USING btree ("workspace_id");--> statement-breakpoint
CREATE UNIQUE INDEX "teams_one_default_per_workspace" ON "teams" USING btree ("workspace_id") WHERE "teams"."is_default";--> statement-breakpoint
ALTER TABLE "conversations" ADD CONSTRAINT "conversations_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "conversations_queue_idx" ON "conversations" USING btree ("team_id","queued_at") WHERE "conversations"."queued_at" is not null;--> statement-breakpoint
CREATE INDEX "conversations_assignee_status_idx" ON "conversations" USING btree ("assignee_id","status");--> statement-breakpoint
-- Existing workspaces get their default team, with every agent in it; existing conversations belong to it.
INSERT INTO "teams" ("workspace_id", "name", "is_default") SELECT "id", 'Support', true FROM "workspaces";--> statement-breakpoint
INSERT INTO "team_members" ("team_id", "agent_id", "workspace_id") SELECT t."id", a."id", a."workspace_id" FROM "agents" a JOIN "teams" t ON t."workspace_id" = a."workspace_id" AND t."is_default";--> statement-breakpoint
UPDATE "conversations" c SET "team_id" = t."id" FROM "teams" t WHERE t."workspace_id" = c."workspace_id" AND t."is_default";--> statement-breakpoint
-- Open conversations nobody holds join the queue in the order they came; the visitor waits since their last message if it was theirs.
UPDATE "conversations" SET "queued_at" = "created_at" WHERE "status" = 'open' AND "assignee_id" IS NULL;--> statement-breakpoint
UPDATE "conversations" SET "waiting_since" = "last_message_at" WHERE "status" = 'open' AND "last_message_author_kind" = 'visitor';
