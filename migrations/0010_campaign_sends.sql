CREATE TABLE "campaign_sends" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"campaign_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"sent_on" date NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"delivered" integer,
	"failed" integer,
	CONSTRAINT "campaign_sends_number" UNIQUE("campaign_id","number"),
	CONSTRAINT "campaign_sends_number_positive" CHECK ("campaign_sends"."number" >= 1),
	CONSTRAINT "campaign_sends_counts" CHECK (("campaign_sends"."finished_at" is null) = ("campaign_sends"."delivered" is null))
);
--> statement-breakpoint
ALTER TABLE "campaign_deliveries" DROP CONSTRAINT "campaign_deliveries_campaign_contact";--> statement-breakpoint
ALTER TABLE "campaign_deliveries" ADD COLUMN "send_id" uuid;--> statement-breakpoint
-- A campaign started before sends existed had one: its deliveries belong to it (docs/decisions/025).
INSERT INTO "campaign_sends" ("campaign_id", "number", "sent_on", "started_at", "finished_at", "delivered", "failed")
  SELECT c."id", 1, (c."started_at" AT TIME ZONE 'America/Mexico_City')::date, c."started_at",
    CASE WHEN c."status" = 'sent' THEN coalesce(c."sent_at", c."started_at") END,
    CASE WHEN c."status" = 'sent' THEN (SELECT count(*) FROM "campaign_deliveries" d WHERE d."campaign_id" = c."id" AND d."status" = 'sent') END,
    CASE WHEN c."status" = 'sent' THEN (SELECT count(*) FROM "campaign_deliveries" d WHERE d."campaign_id" = c."id" AND d."status" <> 'sent') END
  FROM "campaigns" c WHERE c."started_at" IS NOT NULL;--> statement-breakpoint
UPDATE "campaign_deliveries" d SET "send_id" = s."id" FROM "campaign_sends" s WHERE s."campaign_id" = d."campaign_id";--> statement-breakpoint
ALTER TABLE "campaign_deliveries" ALTER COLUMN "send_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "report_title" text;--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "recipient_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "campaign_sends" ADD CONSTRAINT "campaign_sends_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_deliveries" ADD CONSTRAINT "campaign_deliveries_send_id_campaign_sends_id_fk" FOREIGN KEY ("send_id") REFERENCES "public"."campaign_sends"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "campaign_deliveries_send" ON "campaign_deliveries" USING btree ("send_id","status");--> statement-breakpoint
ALTER TABLE "campaign_deliveries" ADD CONSTRAINT "campaign_deliveries_send_contact" UNIQUE("send_id","contact_id");--> statement-breakpoint
SELECT vincula_audit_attach('campaign_sends');--> statement-breakpoint

-- The audit trail keeps no personal data of contacts (docs/decisions/025): who did what to which row stays, with
-- the values of personal columns replaced, so deleting a contact (cancellation, retention) leaves nothing of the
-- person behind and the chain still verifies. Rows are recognised by the columns only those tables have.
CREATE OR REPLACE FUNCTION vincula_audit_row(row_data jsonb) RETURNS jsonb
  LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
BEGIN
  IF row_data IS NULL THEN RETURN NULL; END IF;
  row_data := row_data - 'search';
  IF row_data ? 'password_hash' THEN row_data := row_data || '{"password_hash": "[secreto]"}'; END IF;
  IF row_data ? 'token_hash' THEN row_data := row_data || '{"token_hash": "[secreto]"}'; END IF;
  IF row_data ? 'csrf_token' THEN row_data := row_data || '{"csrf_token": "[secreto]"}'; END IF;
  -- contacts, data_protection_requests, contact_list_reads, campaign_deliveries
  IF row_data ? 'normalized_email' OR row_data ? 'unsubscribe_token' OR (row_data ? 'row_count' AND row_data ? 'filters')
     OR (row_data ? 'send_id' AND row_data ? 'contact_id') THEN
    -- One expression (no set-returning function): a key that is absent or null stays as it is.
    row_data := row_data || jsonb_strip_nulls(jsonb_build_object(
      'name', CASE WHEN row_data -> 'name' <> 'null'::jsonb THEN '[dato personal]' END,
      'email', CASE WHEN row_data -> 'email' <> 'null'::jsonb THEN '[dato personal]' END,
      'normalized_email', CASE WHEN row_data -> 'normalized_email' <> 'null'::jsonb THEN '[dato personal]' END,
      'country', CASE WHEN row_data -> 'country' <> 'null'::jsonb THEN '[dato personal]' END,
      'city', CASE WHEN row_data -> 'city' <> 'null'::jsonb THEN '[dato personal]' END,
      'language', CASE WHEN row_data -> 'language' <> 'null'::jsonb THEN '[dato personal]' END,
      'tags', CASE WHEN row_data -> 'tags' <> 'null'::jsonb THEN '[dato personal]' END,
      'unsubscribe_token', CASE WHEN row_data -> 'unsubscribe_token' <> 'null'::jsonb THEN '[dato personal]' END,
      'requester_email', CASE WHEN row_data -> 'requester_email' <> 'null'::jsonb THEN '[dato personal]' END,
      'requester_name', CASE WHEN row_data -> 'requester_name' <> 'null'::jsonb THEN '[dato personal]' END,
      'details', CASE WHEN row_data -> 'details' <> 'null'::jsonb THEN '[dato personal]' END,
      'outcome', CASE WHEN row_data -> 'outcome' <> 'null'::jsonb THEN '[dato personal]' END,
      'filters', CASE WHEN row_data -> 'filters' <> 'null'::jsonb THEN '[dato personal]' END,
      'last_error', CASE WHEN row_data -> 'last_error' <> 'null'::jsonb THEN '[dato personal]' END));
  END IF;
  RETURN row_data;
END $$;
