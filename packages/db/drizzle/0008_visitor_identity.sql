ALTER TABLE "visitors" ADD COLUMN "external_id" text;--> statement-breakpoint
ALTER TABLE "visitors" ADD COLUMN "attributes" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "visitors_site_external_id_unique" ON "visitors" USING btree ("site_id","external_id");