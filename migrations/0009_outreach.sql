CREATE TYPE "public"."campaign_status" AS ENUM('draft', 'scheduled', 'sending', 'sent', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."contact_status" AS ENUM('subscribed', 'unsubscribed', 'bounced', 'blocked');--> statement-breakpoint
CREATE TYPE "public"."data_protection_request_kind" AS ENUM('access', 'rectification', 'cancellation', 'opposition');--> statement-breakpoint
CREATE TYPE "public"."data_protection_request_status" AS ENUM('received', 'granted', 'denied', 'withdrawn');--> statement-breakpoint
CREATE TYPE "public"."delivery_status" AS ENUM('pending', 'sending', 'sent', 'failed_temporary', 'failed_permanent', 'bounced');--> statement-breakpoint
CREATE TABLE "campaign_deliveries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"campaign_id" uuid NOT NULL,
	"contact_id" uuid NOT NULL,
	"status" "delivery_status" DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"claimed_at" timestamp with time zone,
	"last_error" text,
	"sent_at" timestamp with time zone,
	"message_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "campaign_deliveries_campaign_contact" UNIQUE("campaign_id","contact_id")
);
--> statement-breakpoint
CREATE TABLE "campaigns" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"list_id" uuid NOT NULL,
	"subject" text NOT NULL,
	"body_markdown" text NOT NULL,
	"status" "campaign_status" DEFAULT 'draft' NOT NULL,
	"scheduled_at" timestamp with time zone,
	"rate_per_minute" integer DEFAULT 60 NOT NULL,
	"activity_kind_id" uuid,
	"action_id" uuid,
	"activity_id" uuid,
	"started_at" timestamp with time zone,
	"sent_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "campaigns_rate" CHECK ("campaigns"."rate_per_minute" between 1 and 100000)
);
--> statement-breakpoint
CREATE TABLE "contact_consents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"contact_id" uuid NOT NULL,
	"given_on" date NOT NULL,
	"source" text NOT NULL,
	"privacy_notice_version" text NOT NULL,
	"purposes" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "contact_consents_source" CHECK (btrim("contact_consents"."source") <> '')
);
--> statement-breakpoint
CREATE TABLE "contact_list_reads" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"list_id" uuid NOT NULL,
	"actor" text NOT NULL,
	"account_id" uuid,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"purpose" text NOT NULL,
	"filters" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"row_count" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "contacts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"list_id" uuid NOT NULL,
	"name" text,
	"email" text NOT NULL,
	"normalized_email" text NOT NULL,
	"country" text,
	"city" text,
	"language" text,
	"tags" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"status" "contact_status" DEFAULT 'subscribed' NOT NULL,
	"status_changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"unsubscribe_token" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "contacts_list_email" UNIQUE("list_id","normalized_email"),
	CONSTRAINT "contacts_unsubscribe_token" UNIQUE("unsubscribe_token"),
	CONSTRAINT "contacts_country" CHECK ("contacts"."country" is null or "contacts"."country" ~ '^[A-Z]{2}$'),
	CONSTRAINT "contacts_normalized" CHECK ("contacts"."normalized_email" = lower(btrim("contacts"."normalized_email")))
);
--> statement-breakpoint
CREATE TABLE "data_protection_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"commission_id" uuid NOT NULL,
	"kind" "data_protection_request_kind" NOT NULL,
	"contact_id" uuid,
	"requester_email" text NOT NULL,
	"normalized_email" text NOT NULL,
	"requester_name" text,
	"details" text,
	"received_on" date NOT NULL,
	"deadline_on" date NOT NULL,
	"status" "data_protection_request_status" DEFAULT 'received' NOT NULL,
	"outcome" text,
	"resolved_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "data_protection_requests_deadline" CHECK ("data_protection_requests"."deadline_on" > "data_protection_requests"."received_on"),
	CONSTRAINT "data_protection_requests_resolution" CHECK (("data_protection_requests"."status" = 'received') = ("data_protection_requests"."resolved_on" is null))
);
--> statement-breakpoint
CREATE TABLE "outreach_lists" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"commission_id" uuid NOT NULL,
	"key" text NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"purpose" text NOT NULL,
	"retention_months" integer NOT NULL,
	"privacy_notice_version" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "outreach_lists_commission_key" UNIQUE("commission_id","key"),
	CONSTRAINT "outreach_lists_retention" CHECK ("outreach_lists"."retention_months" between 1 and 1200)
);
--> statement-breakpoint
ALTER TABLE "campaign_deliveries" ADD CONSTRAINT "campaign_deliveries_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_deliveries" ADD CONSTRAINT "campaign_deliveries_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_list_id_outreach_lists_id_fk" FOREIGN KEY ("list_id") REFERENCES "public"."outreach_lists"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_activity_kind_id_catalog_entries_id_fk" FOREIGN KEY ("activity_kind_id") REFERENCES "public"."catalog_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_action_id_programmed_actions_id_fk" FOREIGN KEY ("action_id") REFERENCES "public"."programmed_actions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_activity_id_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activities"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_consents" ADD CONSTRAINT "contact_consents_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_list_reads" ADD CONSTRAINT "contact_list_reads_list_id_outreach_lists_id_fk" FOREIGN KEY ("list_id") REFERENCES "public"."outreach_lists"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_list_reads" ADD CONSTRAINT "contact_list_reads_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_list_id_outreach_lists_id_fk" FOREIGN KEY ("list_id") REFERENCES "public"."outreach_lists"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "data_protection_requests" ADD CONSTRAINT "data_protection_requests_commission_id_commissions_id_fk" FOREIGN KEY ("commission_id") REFERENCES "public"."commissions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "data_protection_requests" ADD CONSTRAINT "data_protection_requests_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outreach_lists" ADD CONSTRAINT "outreach_lists_commission_id_commissions_id_fk" FOREIGN KEY ("commission_id") REFERENCES "public"."commissions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "campaign_deliveries_claim" ON "campaign_deliveries" USING btree ("campaign_id","status","next_attempt_at");--> statement-breakpoint
CREATE INDEX "campaign_deliveries_contact" ON "campaign_deliveries" USING btree ("contact_id");--> statement-breakpoint
CREATE INDEX "campaigns_list" ON "campaigns" USING btree ("list_id","status");--> statement-breakpoint
CREATE INDEX "campaigns_due" ON "campaigns" USING btree ("status","scheduled_at");--> statement-breakpoint
CREATE INDEX "contact_consents_contact" ON "contact_consents" USING btree ("contact_id");--> statement-breakpoint
CREATE INDEX "contact_list_reads_list" ON "contact_list_reads" USING btree ("list_id","at");--> statement-breakpoint
CREATE INDEX "contacts_normalized_email" ON "contacts" USING btree ("normalized_email");--> statement-breakpoint
CREATE INDEX "contacts_list_status" ON "contacts" USING btree ("list_id","status");--> statement-breakpoint
CREATE INDEX "data_protection_requests_commission" ON "data_protection_requests" USING btree ("commission_id","status","deadline_on");--> statement-breakpoint
CREATE INDEX "data_protection_requests_email" ON "data_protection_requests" USING btree ("normalized_email");--> statement-breakpoint

-- A contact is never stored without a consent (docs/decisions/022): checked at commit, so a contact and its
-- consent can be inserted in either order within one transaction.
CREATE FUNCTION vincula_contact_has_consent() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM contacts WHERE id = NEW.id)
     AND NOT EXISTS (SELECT 1 FROM contact_consents WHERE contact_id = NEW.id) THEN
    RAISE EXCEPTION 'contact % has no consent', NEW.id USING ERRCODE = 'check_violation';
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER contacts_have_consent AFTER INSERT ON contacts
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION vincula_contact_has_consent();
--> statement-breakpoint

-- The audit trail covers the new tables (docs/decisions/011).
SELECT vincula_audit_attach('outreach_lists');--> statement-breakpoint
SELECT vincula_audit_attach('contacts');--> statement-breakpoint
SELECT vincula_audit_attach('contact_consents');--> statement-breakpoint
SELECT vincula_audit_attach('data_protection_requests');--> statement-breakpoint
SELECT vincula_audit_attach('contact_list_reads');--> statement-breakpoint
SELECT vincula_audit_attach('campaigns');--> statement-breakpoint
SELECT vincula_audit_attach('campaign_deliveries');
