CREATE TYPE "public"."activity_status" AS ENUM('held', 'cancelled', 'rescheduled');--> statement-breakpoint
CREATE TYPE "public"."agenda_item_kind" AS ENUM('roll_call', 'agenda_approval', 'minutes_approval', 'resolution', 'report', 'note', 'proposal', 'general_affairs', 'other');--> statement-breakpoint
CREATE TYPE "public"."agreement_management" AS ENUM('direct', 'accompanied');--> statement-breakpoint
CREATE TYPE "public"."agreement_stage" AS ENUM('negotiation', 'pertinence_opinion', 'signed', 'in_force', 'concluded', 'terminated', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."area_kind" AS ENUM('presidency', 'executive_secretariat', 'administrative_secretariat', 'executive_direction', 'technical_unit', 'internal_control', 'other');--> statement-breakpoint
CREATE TYPE "public"."attendance_category" AS ENUM('member', 'technical_secretary', 'party_representative', 'invited_official');--> statement-breakpoint
CREATE TYPE "public"."catalog_name" AS ENUM('activity_kind', 'agreement_type');--> statement-breakpoint
CREATE TYPE "public"."commission_kind" AS ENUM('permanent', 'provisional', 'committee');--> statement-breakpoint
CREATE TYPE "public"."membership_role" AS ENUM('chair', 'member', 'technical_secretary', 'party_representative', 'guest');--> statement-breakpoint
CREATE TYPE "public"."opinion_outcome" AS ENUM('favourable', 'unfavourable');--> statement-breakpoint
CREATE TYPE "public"."organisation_sector" AS ENUM('public', 'private', 'social', 'academic', 'international');--> statement-breakpoint
CREATE TYPE "public"."resolution_outcome" AS ENUM('adopted', 'rejected', 'withdrawn');--> statement-breakpoint
CREATE TYPE "public"."session_kind" AS ENUM('ordinary', 'extraordinary', 'urgent');--> statement-breakpoint
CREATE TYPE "public"."session_modality" AS ENUM('remote', 'in_person', 'hybrid');--> statement-breakpoint
CREATE TYPE "public"."session_status" AS ENUM('scheduled', 'held', 'cancelled', 'postponed');--> statement-breakpoint
CREATE TYPE "public"."vote_option" AS ENUM('yes', 'no', 'abstain', 'absent');--> statement-breakpoint
CREATE TABLE "activities" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"commission_id" uuid NOT NULL,
	"key" text NOT NULL,
	"action_id" uuid,
	"kind_id" uuid NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"start_date" date NOT NULL,
	"end_date" date NOT NULL,
	"is_continuous" boolean DEFAULT false NOT NULL,
	"followed_body_id" uuid,
	"audience" text,
	"quantity" integer,
	"status" "activity_status" DEFAULT 'held' NOT NULL,
	"status_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"search" "tsvector" GENERATED ALWAYS AS (to_tsvector('es_unaccent'::regconfig, coalesce(title, '') || ' ' || coalesce(description, '') || ' ' || coalesce(audience, ''))) STORED,
	CONSTRAINT "activities_commission_key" UNIQUE("commission_id","key"),
	CONSTRAINT "activities_span" CHECK ("activities"."end_date" >= "activities"."start_date"),
	CONSTRAINT "activities_quantity" CHECK ("activities"."quantity" is null or "activities"."quantity" >= 0)
);
--> statement-breakpoint
CREATE TABLE "activity_attachments" (
	"activity_id" uuid NOT NULL,
	"attachment_id" uuid NOT NULL,
	CONSTRAINT "activity_attachments_activity_id_attachment_id_pk" PRIMARY KEY("activity_id","attachment_id")
);
--> statement-breakpoint
CREATE TABLE "activity_counterparts" (
	"activity_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "activity_counterparts_activity_id_organisation_id_pk" PRIMARY KEY("activity_id","organisation_id")
);
--> statement-breakpoint
CREATE TABLE "activity_dates" (
	"activity_id" uuid NOT NULL,
	"date" date NOT NULL,
	CONSTRAINT "activity_dates_activity_id_date_pk" PRIMARY KEY("activity_id","date")
);
--> statement-breakpoint
CREATE TABLE "activity_participants" (
	"activity_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"role" text,
	"position" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "activity_participants_activity_id_person_id_pk" PRIMARY KEY("activity_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "agenda_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"session_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"kind" "agenda_item_kind" NOT NULL,
	"title" text NOT NULL,
	"series" text,
	"agreement_id" uuid,
	"search" "tsvector" GENERATED ALWAYS AS (to_tsvector('es_unaccent'::regconfig, coalesce(title, ''))) STORED,
	CONSTRAINT "agenda_items_position" UNIQUE("session_id","position")
);
--> statement-breakpoint
CREATE TABLE "agreement_areas" (
	"agreement_id" uuid NOT NULL,
	"area_id" uuid NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "agreement_areas_agreement_id_area_id_pk" PRIMARY KEY("agreement_id","area_id")
);
--> statement-breakpoint
CREATE TABLE "agreement_counterparts" (
	"agreement_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "agreement_counterparts_agreement_id_organisation_id_pk" PRIMARY KEY("agreement_id","organisation_id")
);
--> statement-breakpoint
CREATE TABLE "agreement_documents" (
	"agreement_id" uuid NOT NULL,
	"attachment_id" uuid NOT NULL,
	"label" text NOT NULL,
	CONSTRAINT "agreement_documents_agreement_id_attachment_id_pk" PRIMARY KEY("agreement_id","attachment_id")
);
--> statement-breakpoint
CREATE TABLE "agreement_progress" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agreement_id" uuid NOT NULL,
	"session_id" uuid NOT NULL,
	"area_id" uuid,
	"text" text,
	"search" "tsvector" GENERATED ALWAYS AS (to_tsvector('es_unaccent'::regconfig, coalesce(text, ''))) STORED,
	CONSTRAINT "agreement_progress_session" UNIQUE("agreement_id","session_id")
);
--> statement-breakpoint
CREATE TABLE "agreement_stage_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agreement_id" uuid NOT NULL,
	"stage" "agreement_stage" NOT NULL,
	"date" date NOT NULL,
	"note" text,
	CONSTRAINT "agreement_stage_events_stage" UNIQUE("agreement_id","stage")
);
--> statement-breakpoint
CREATE TABLE "agreements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"commission_id" uuid NOT NULL,
	"key" text NOT NULL,
	"title" text NOT NULL,
	"type_id" uuid,
	"object" text,
	"management" "agreement_management" NOT NULL,
	"stage" "agreement_stage" NOT NULL,
	"signed_on" date,
	"valid_from" date,
	"valid_to" date,
	"is_indefinite" boolean DEFAULT false NOT NULL,
	"parent_id" uuid,
	"resources" text,
	"ceremony" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"search" "tsvector" GENERATED ALWAYS AS (to_tsvector('es_unaccent'::regconfig, coalesce(title, '') || ' ' || coalesce(object, ''))) STORED,
	CONSTRAINT "agreements_commission_key" UNIQUE("commission_id","key"),
	CONSTRAINT "agreements_validity" CHECK ("agreements"."valid_to" is null or "agreements"."valid_from" is null or "agreements"."valid_to" >= "agreements"."valid_from")
);
--> statement-breakpoint
CREATE TABLE "areas" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"institution_id" uuid NOT NULL,
	"key" text NOT NULL,
	"name" text NOT NULL,
	"acronym" text,
	"kind" "area_kind" DEFAULT 'other' NOT NULL,
	"aliases" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"search" "tsvector" GENERATED ALWAYS AS (to_tsvector('es_unaccent'::regconfig, coalesce(name, '') || ' ' || coalesce(acronym, '')) || to_tsvector('es_unaccent'::regconfig, aliases)) STORED,
	CONSTRAINT "areas_key_unique" UNIQUE("key")
);
--> statement-breakpoint
CREATE TABLE "attachments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"sha256" text NOT NULL,
	"size" integer NOT NULL,
	"media_type" text NOT NULL,
	"filename" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "attachments_sha256_hex" CHECK ("attachments"."sha256" ~ '^[0-9a-f]{64}$')
);
--> statement-breakpoint
CREATE TABLE "attendance" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"session_id" uuid NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"category" "attendance_category" NOT NULL,
	"person_id" uuid,
	"party_id" uuid,
	"area_id" uuid,
	"capacity" text,
	"is_present" boolean NOT NULL,
	"substitute_person_id" uuid,
	CONSTRAINT "attendance_participant" UNIQUE NULLS NOT DISTINCT("session_id","category","person_id","party_id","area_id"),
	CONSTRAINT "attendance_has_participant" CHECK ("attendance"."person_id" is not null or "attendance"."party_id" is not null)
);
--> statement-breakpoint
CREATE TABLE "catalog_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"catalog" "catalog_name" NOT NULL,
	"key" text NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"position" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "catalog_entries_catalog_key" UNIQUE("catalog","key")
);
--> statement-breakpoint
CREATE TABLE "commissions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"institution_id" uuid NOT NULL,
	"key" text NOT NULL,
	"name" text NOT NULL,
	"acronym" text NOT NULL,
	"kind" "commission_kind" NOT NULL,
	"valid_from" date,
	"valid_to" date,
	"technical_area_id" uuid,
	"resolution_number_pattern" text NOT NULL,
	"opinion_number_pattern" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"search" "tsvector" GENERATED ALWAYS AS (to_tsvector('es_unaccent'::regconfig, coalesce(name, '') || ' ' || coalesce(acronym, ''))) STORED,
	CONSTRAINT "commissions_key_unique" UNIQUE("key")
);
--> statement-breakpoint
CREATE TABLE "institutions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"key" text NOT NULL,
	"name" text NOT NULL,
	"acronym" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "institutions_key_unique" UNIQUE("key")
);
--> statement-breakpoint
CREATE TABLE "justifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"line_id" uuid NOT NULL,
	"action_id" uuid,
	"quarter" integer NOT NULL,
	"text" text NOT NULL,
	CONSTRAINT "justifications_target_quarter" UNIQUE NULLS NOT DISTINCT("line_id","action_id","quarter"),
	CONSTRAINT "justifications_quarter" CHECK ("justifications"."quarter" between 1 and 4)
);
--> statement-breakpoint
CREATE TABLE "memberships" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"commission_id" uuid NOT NULL,
	"person_id" uuid,
	"role" "membership_role" NOT NULL,
	"has_voting_right" boolean NOT NULL,
	"on_behalf_of_party_id" uuid,
	"start_date" date,
	"end_date" date,
	"designated_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "memberships_person_or_party" CHECK ("memberships"."person_id" is not null or "memberships"."on_behalf_of_party_id" is not null),
	CONSTRAINT "memberships_dates" CHECK ("memberships"."end_date" is null or "memberships"."start_date" is null or "memberships"."end_date" >= "memberships"."start_date")
);
--> statement-breakpoint
CREATE TABLE "numbering_counters" (
	"scope" text NOT NULL,
	"year" integer NOT NULL,
	"last_seq" integer NOT NULL,
	CONSTRAINT "numbering_counters_scope_year_pk" PRIMARY KEY("scope","year")
);
--> statement-breakpoint
CREATE TABLE "organisations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"key" text NOT NULL,
	"name" text NOT NULL,
	"acronym" text,
	"kind" text DEFAULT 'other' NOT NULL,
	"sector" "organisation_sector",
	"country" text,
	"parent_id" uuid,
	"aliases" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"search" "tsvector" GENERATED ALWAYS AS (to_tsvector('es_unaccent'::regconfig, coalesce(name, '') || ' ' || coalesce(acronym, '')) || to_tsvector('es_unaccent'::regconfig, aliases)) STORED,
	CONSTRAINT "organisations_key_unique" UNIQUE("key")
);
--> statement-breakpoint
CREATE TABLE "parties" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"key" text NOT NULL,
	"name" text NOT NULL,
	"acronym" text,
	"position" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "parties_key_unique" UNIQUE("key")
);
--> statement-breakpoint
CREATE TABLE "people" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"key" text NOT NULL,
	"name" text NOT NULL,
	"honorific" text,
	"aliases" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"search" "tsvector" GENERATED ALWAYS AS (to_tsvector('es_unaccent'::regconfig, coalesce(name, '')) || to_tsvector('es_unaccent'::regconfig, aliases)) STORED,
	CONSTRAINT "people_key_unique" UNIQUE("key")
);
--> statement-breakpoint
CREATE TABLE "pertinence_opinion_areas" (
	"opinion_id" uuid NOT NULL,
	"area_id" uuid NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "pertinence_opinion_areas_opinion_id_area_id_pk" PRIMARY KEY("opinion_id","area_id")
);
--> statement-breakpoint
CREATE TABLE "pertinence_opinions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"commission_id" uuid NOT NULL,
	"number" text NOT NULL,
	"year" integer NOT NULL,
	"seq" integer NOT NULL,
	"agreement_id" uuid,
	"subject" text NOT NULL,
	"outcome" "opinion_outcome" NOT NULL,
	"issued_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"search" "tsvector" GENERATED ALWAYS AS (to_tsvector('es_unaccent'::regconfig, coalesce(number, '') || ' ' || coalesce(subject, ''))) STORED,
	CONSTRAINT "pertinence_opinions_number" UNIQUE("commission_id","number"),
	CONSTRAINT "pertinence_opinions_seq" UNIQUE("commission_id","year","seq")
);
--> statement-breakpoint
CREATE TABLE "programmed_action_areas" (
	"action_id" uuid NOT NULL,
	"area_id" uuid NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "programmed_action_areas_action_id_area_id_pk" PRIMARY KEY("action_id","area_id")
);
--> statement-breakpoint
CREATE TABLE "programmed_actions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"line_id" uuid NOT NULL,
	"letter" text NOT NULL,
	"title" text NOT NULL,
	"quarters" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"search" "tsvector" GENERATED ALWAYS AS (to_tsvector('es_unaccent'::regconfig, coalesce(title, ''))) STORED,
	CONSTRAINT "programmed_actions_letter" UNIQUE("line_id","letter")
);
--> statement-breakpoint
CREATE TABLE "resolution_votes" (
	"resolution_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"vote" "vote_option" NOT NULL,
	CONSTRAINT "resolution_votes_resolution_id_person_id_pk" PRIMARY KEY("resolution_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "resolutions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"commission_id" uuid NOT NULL,
	"number" text NOT NULL,
	"year" integer NOT NULL,
	"seq" integer NOT NULL,
	"session_id" uuid NOT NULL,
	"agenda_item_id" uuid,
	"title" text NOT NULL,
	"text" text,
	"outcome" "resolution_outcome" DEFAULT 'adopted' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"search" "tsvector" GENERATED ALWAYS AS (to_tsvector('es_unaccent'::regconfig, coalesce(number, '') || ' ' || coalesce(title, '') || ' ' || coalesce(text, ''))) STORED,
	CONSTRAINT "resolutions_number" UNIQUE("commission_id","number"),
	CONSTRAINT "resolutions_seq" UNIQUE("commission_id","year","seq")
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"commission_id" uuid NOT NULL,
	"key" text NOT NULL,
	"kind" "session_kind" NOT NULL,
	"number" integer NOT NULL,
	"year" integer NOT NULL,
	"date" date NOT NULL,
	"start_time" time,
	"modality" "session_modality" NOT NULL,
	"place" text,
	"link" text,
	"status" "session_status" DEFAULT 'scheduled' NOT NULL,
	"minutes_approved_by_resolution_id" uuid,
	"minutes_attachment_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sessions_commission_key" UNIQUE("commission_id","key"),
	CONSTRAINT "sessions_commission_number" UNIQUE("commission_id","year","kind","number"),
	CONSTRAINT "sessions_year_matches_date" CHECK ("sessions"."year" = extract(year from "sessions"."date"))
);
--> statement-breakpoint
CREATE TABLE "strategic_lines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"programme_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"title" text NOT NULL,
	"search" "tsvector" GENERATED ALWAYS AS (to_tsvector('es_unaccent'::regconfig, coalesce(title, ''))) STORED,
	CONSTRAINT "strategic_lines_number" UNIQUE("programme_id","number")
);
--> statement-breakpoint
CREATE TABLE "work_programmes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"commission_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"title" text NOT NULL,
	"approved_by" text,
	"ratified_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "work_programmes_commission_year" UNIQUE("commission_id","year")
);
--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_commission_id_commissions_id_fk" FOREIGN KEY ("commission_id") REFERENCES "public"."commissions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_action_id_programmed_actions_id_fk" FOREIGN KEY ("action_id") REFERENCES "public"."programmed_actions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_kind_id_catalog_entries_id_fk" FOREIGN KEY ("kind_id") REFERENCES "public"."catalog_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_followed_body_id_organisations_id_fk" FOREIGN KEY ("followed_body_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_attachments" ADD CONSTRAINT "activity_attachments_activity_id_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_attachments" ADD CONSTRAINT "activity_attachments_attachment_id_attachments_id_fk" FOREIGN KEY ("attachment_id") REFERENCES "public"."attachments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_counterparts" ADD CONSTRAINT "activity_counterparts_activity_id_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_counterparts" ADD CONSTRAINT "activity_counterparts_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_dates" ADD CONSTRAINT "activity_dates_activity_id_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_participants" ADD CONSTRAINT "activity_participants_activity_id_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_participants" ADD CONSTRAINT "activity_participants_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agenda_items" ADD CONSTRAINT "agenda_items_session_id_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agenda_items" ADD CONSTRAINT "agenda_items_agreement_id_agreements_id_fk" FOREIGN KEY ("agreement_id") REFERENCES "public"."agreements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_areas" ADD CONSTRAINT "agreement_areas_agreement_id_agreements_id_fk" FOREIGN KEY ("agreement_id") REFERENCES "public"."agreements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_areas" ADD CONSTRAINT "agreement_areas_area_id_areas_id_fk" FOREIGN KEY ("area_id") REFERENCES "public"."areas"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_counterparts" ADD CONSTRAINT "agreement_counterparts_agreement_id_agreements_id_fk" FOREIGN KEY ("agreement_id") REFERENCES "public"."agreements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_counterparts" ADD CONSTRAINT "agreement_counterparts_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_documents" ADD CONSTRAINT "agreement_documents_agreement_id_agreements_id_fk" FOREIGN KEY ("agreement_id") REFERENCES "public"."agreements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_documents" ADD CONSTRAINT "agreement_documents_attachment_id_attachments_id_fk" FOREIGN KEY ("attachment_id") REFERENCES "public"."attachments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_progress" ADD CONSTRAINT "agreement_progress_agreement_id_agreements_id_fk" FOREIGN KEY ("agreement_id") REFERENCES "public"."agreements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_progress" ADD CONSTRAINT "agreement_progress_session_id_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_progress" ADD CONSTRAINT "agreement_progress_area_id_areas_id_fk" FOREIGN KEY ("area_id") REFERENCES "public"."areas"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_stage_events" ADD CONSTRAINT "agreement_stage_events_agreement_id_agreements_id_fk" FOREIGN KEY ("agreement_id") REFERENCES "public"."agreements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreements" ADD CONSTRAINT "agreements_commission_id_commissions_id_fk" FOREIGN KEY ("commission_id") REFERENCES "public"."commissions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreements" ADD CONSTRAINT "agreements_type_id_catalog_entries_id_fk" FOREIGN KEY ("type_id") REFERENCES "public"."catalog_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreements" ADD CONSTRAINT "agreements_parent_id_agreements_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."agreements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "areas" ADD CONSTRAINT "areas_institution_id_institutions_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attendance" ADD CONSTRAINT "attendance_session_id_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attendance" ADD CONSTRAINT "attendance_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attendance" ADD CONSTRAINT "attendance_party_id_parties_id_fk" FOREIGN KEY ("party_id") REFERENCES "public"."parties"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attendance" ADD CONSTRAINT "attendance_area_id_areas_id_fk" FOREIGN KEY ("area_id") REFERENCES "public"."areas"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attendance" ADD CONSTRAINT "attendance_substitute_person_id_people_id_fk" FOREIGN KEY ("substitute_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commissions" ADD CONSTRAINT "commissions_institution_id_institutions_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "commissions" ADD CONSTRAINT "commissions_technical_area_id_areas_id_fk" FOREIGN KEY ("technical_area_id") REFERENCES "public"."areas"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "justifications" ADD CONSTRAINT "justifications_line_id_strategic_lines_id_fk" FOREIGN KEY ("line_id") REFERENCES "public"."strategic_lines"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "justifications" ADD CONSTRAINT "justifications_action_id_programmed_actions_id_fk" FOREIGN KEY ("action_id") REFERENCES "public"."programmed_actions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_commission_id_commissions_id_fk" FOREIGN KEY ("commission_id") REFERENCES "public"."commissions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_on_behalf_of_party_id_parties_id_fk" FOREIGN KEY ("on_behalf_of_party_id") REFERENCES "public"."parties"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organisations" ADD CONSTRAINT "organisations_parent_id_organisations_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pertinence_opinion_areas" ADD CONSTRAINT "pertinence_opinion_areas_opinion_id_pertinence_opinions_id_fk" FOREIGN KEY ("opinion_id") REFERENCES "public"."pertinence_opinions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pertinence_opinion_areas" ADD CONSTRAINT "pertinence_opinion_areas_area_id_areas_id_fk" FOREIGN KEY ("area_id") REFERENCES "public"."areas"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pertinence_opinions" ADD CONSTRAINT "pertinence_opinions_commission_id_commissions_id_fk" FOREIGN KEY ("commission_id") REFERENCES "public"."commissions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pertinence_opinions" ADD CONSTRAINT "pertinence_opinions_agreement_id_agreements_id_fk" FOREIGN KEY ("agreement_id") REFERENCES "public"."agreements"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programmed_action_areas" ADD CONSTRAINT "programmed_action_areas_action_id_programmed_actions_id_fk" FOREIGN KEY ("action_id") REFERENCES "public"."programmed_actions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programmed_action_areas" ADD CONSTRAINT "programmed_action_areas_area_id_areas_id_fk" FOREIGN KEY ("area_id") REFERENCES "public"."areas"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programmed_actions" ADD CONSTRAINT "programmed_actions_line_id_strategic_lines_id_fk" FOREIGN KEY ("line_id") REFERENCES "public"."strategic_lines"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resolution_votes" ADD CONSTRAINT "resolution_votes_resolution_id_resolutions_id_fk" FOREIGN KEY ("resolution_id") REFERENCES "public"."resolutions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resolution_votes" ADD CONSTRAINT "resolution_votes_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resolutions" ADD CONSTRAINT "resolutions_commission_id_commissions_id_fk" FOREIGN KEY ("commission_id") REFERENCES "public"."commissions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resolutions" ADD CONSTRAINT "resolutions_session_id_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resolutions" ADD CONSTRAINT "resolutions_agenda_item_id_agenda_items_id_fk" FOREIGN KEY ("agenda_item_id") REFERENCES "public"."agenda_items"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_commission_id_commissions_id_fk" FOREIGN KEY ("commission_id") REFERENCES "public"."commissions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_minutes_approved_by_resolution_id_resolutions_id_fk" FOREIGN KEY ("minutes_approved_by_resolution_id") REFERENCES "public"."resolutions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_minutes_attachment_id_attachments_id_fk" FOREIGN KEY ("minutes_attachment_id") REFERENCES "public"."attachments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "strategic_lines" ADD CONSTRAINT "strategic_lines_programme_id_work_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."work_programmes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "work_programmes" ADD CONSTRAINT "work_programmes_commission_id_commissions_id_fk" FOREIGN KEY ("commission_id") REFERENCES "public"."commissions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "activities_dates" ON "activities" USING btree ("commission_id","start_date");--> statement-breakpoint
CREATE INDEX "activities_action" ON "activities" USING btree ("action_id");--> statement-breakpoint
CREATE INDEX "activities_search" ON "activities" USING gin ("search");--> statement-breakpoint
CREATE INDEX "activity_dates_date" ON "activity_dates" USING btree ("date");--> statement-breakpoint
CREATE INDEX "agenda_items_search" ON "agenda_items" USING gin ("search");--> statement-breakpoint
CREATE INDEX "agreement_progress_search" ON "agreement_progress" USING gin ("search");--> statement-breakpoint
CREATE INDEX "agreements_search" ON "agreements" USING gin ("search");--> statement-breakpoint
CREATE INDEX "areas_search" ON "areas" USING gin ("search");--> statement-breakpoint
CREATE INDEX "attachments_sha256" ON "attachments" USING btree ("sha256");--> statement-breakpoint
CREATE INDEX "commissions_search" ON "commissions" USING gin ("search");--> statement-breakpoint
CREATE INDEX "memberships_commission" ON "memberships" USING btree ("commission_id");--> statement-breakpoint
CREATE INDEX "organisations_search" ON "organisations" USING gin ("search");--> statement-breakpoint
CREATE INDEX "people_search" ON "people" USING gin ("search");--> statement-breakpoint
CREATE INDEX "pertinence_opinions_search" ON "pertinence_opinions" USING gin ("search");--> statement-breakpoint
CREATE INDEX "programmed_actions_search" ON "programmed_actions" USING gin ("search");--> statement-breakpoint
CREATE INDEX "resolutions_session" ON "resolutions" USING btree ("session_id");--> statement-breakpoint
CREATE INDEX "resolutions_search" ON "resolutions" USING gin ("search");--> statement-breakpoint
CREATE INDEX "sessions_date" ON "sessions" USING btree ("commission_id","date");--> statement-breakpoint
CREATE INDEX "strategic_lines_search" ON "strategic_lines" USING gin ("search");