ALTER TABLE "sites" ADD COLUMN "position" text DEFAULT 'right' NOT NULL;--> statement-breakpoint
ALTER TABLE "sites" ADD COLUMN "offset_x" integer DEFAULT 20 NOT NULL;--> statement-breakpoint
ALTER TABLE "sites" ADD COLUMN "offset_y" integer DEFAULT 20 NOT NULL;--> statement-breakpoint
ALTER TABLE "sites" ADD COLUMN "z_index" integer DEFAULT 2147483000 NOT NULL;--> statement-breakpoint
ALTER TABLE "sites" ADD COLUMN "launcher_label" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "sites" ADD COLUMN "prechat_name" text DEFAULT 'off' NOT NULL;--> statement-breakpoint
ALTER TABLE "sites" ADD COLUMN "prechat_email" text DEFAULT 'off' NOT NULL;--> statement-breakpoint
ALTER TABLE "sites" ADD COLUMN "language" text DEFAULT 'auto' NOT NULL;