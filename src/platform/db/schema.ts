/**
 * The one Drizzle schema of Vincula, shared by PGlite and PostgreSQL.
 *
 * Conventions: every record has a uuid `id`; catalogue records also have a stable `key` (used by the dataset
 * format to refer to them); calendar dates are `date` columns read as `YYYY-MM-DD` strings; instants are
 * `timestamptz`. Every searchable table has a stored generated `search` tsvector built with the `es_unaccent`
 * text-search configuration (created by the first migration), indexed with GIN; the view `search_documents`
 * unions them (see migrations/0001_search.sql).
 */
import { type SQL, sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  bigint,
  boolean,
  check,
  customType,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  time,
  timestamp,
  unique,
  uuid,
} from "drizzle-orm/pg-core";

const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });

/** A stored generated tsvector over the given columns, with the accent-insensitive Spanish configuration. */
function searchColumn(build: () => SQL) {
  return tsvector("search").generatedAlwaysAs(build);
}
const doc = (column: string) => sql.raw(`coalesce(${column}, '')`);
const tsv = (...parts: SQL[]) =>
  sql`to_tsvector('es_unaccent'::regconfig, ${sql.join(parts, sql.raw(" || ' ' || "))})`;
const tsvAliases = (column: string) => sql.raw(`to_tsvector('es_unaccent'::regconfig, ${column})`);

const id = () => uuid("id").primaryKey().defaultRandom();
const key = () => text("key").notNull();
const aliases = () => jsonb("aliases").$type<string[]>().notNull().default([]);
const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp("updated_at", { withTimezone: true }).notNull().defaultNow();
const day = (name: string) => date(name, { mode: "string" });

// ---------------------------------------------------------------------------------------------------------------
// Enumerations (values are code; their Spanish labels live in src/domain/*/labels)

export const commissionKind = pgEnum("commission_kind", ["permanent", "provisional", "committee"]);
export const areaKind = pgEnum("area_kind", [
  "presidency",
  "executive_secretariat",
  "administrative_secretariat",
  "executive_direction",
  "technical_unit",
  "internal_control",
  "other",
]);
export const organisationSector = pgEnum("organisation_sector", [
  "public",
  "private",
  "social",
  "academic",
  "international",
]);
export const membershipRole = pgEnum("membership_role", [
  "chair",
  "member",
  "technical_secretary",
  "party_representative",
  "guest",
]);
export const sessionKind = pgEnum("session_kind", ["ordinary", "extraordinary", "urgent"]);
export const sessionModality = pgEnum("session_modality", ["remote", "in_person", "hybrid"]);
export const sessionStatus = pgEnum("session_status", ["scheduled", "held", "cancelled", "postponed"]);
export const agendaItemKind = pgEnum("agenda_item_kind", [
  "roll_call",
  "agenda_approval",
  "minutes_approval",
  "resolution",
  "report",
  "note",
  "proposal",
  "general_affairs",
  "other",
]);
export const attendanceCategory = pgEnum("attendance_category", [
  "member",
  "technical_secretary",
  "party_representative",
  "invited_official",
]);
export const resolutionOutcome = pgEnum("resolution_outcome", ["adopted", "rejected", "withdrawn"]);
export const voteOption = pgEnum("vote_option", ["yes", "no", "abstain", "absent"]);
export const agreementManagement = pgEnum("agreement_management", ["direct", "accompanied"]);
export const agreementStage = pgEnum("agreement_stage", [
  "negotiation",
  "pertinence_opinion",
  "signed",
  "in_force",
  "concluded",
  "terminated",
  "cancelled",
]);
export const opinionOutcome = pgEnum("opinion_outcome", ["favourable", "unfavourable"]);
export const activityStatus = pgEnum("activity_status", ["held", "cancelled", "rescheduled"]);
export const catalogName = pgEnum("catalog_name", ["activity_kind", "agreement_type"]);

// ---------------------------------------------------------------------------------------------------------------
// Institution, catalogues and people

export const institutions = pgTable("institutions", {
  id: id(),
  key: key().unique(),
  name: text("name").notNull(),
  acronym: text("acronym").notNull(),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const catalogEntries = pgTable(
  "catalog_entries",
  {
    id: id(),
    catalog: catalogName("catalog").notNull(),
    key: key(),
    name: text("name").notNull(),
    description: text("description"),
    position: integer("position").notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [unique("catalog_entries_catalog_key").on(t.catalog, t.key)],
);

export const areas = pgTable(
  "areas",
  {
    id: id(),
    institutionId: uuid("institution_id")
      .notNull()
      .references(() => institutions.id),
    key: key().unique(),
    name: text("name").notNull(),
    acronym: text("acronym"),
    kind: areaKind("kind").notNull().default("other"),
    aliases: aliases(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    search: searchColumn(() => sql`${tsv(doc("name"), doc("acronym"))} || ${tsvAliases("aliases")}`),
  },
  (t) => [index("areas_search").using("gin", t.search)],
);

export const organisations = pgTable(
  "organisations",
  {
    id: id(),
    key: key().unique(),
    name: text("name").notNull(),
    acronym: text("acronym"),
    kind: text("kind").notNull().default("other"),
    sector: organisationSector("sector"),
    country: text("country"),
    parentId: uuid("parent_id").references((): AnyPgColumn => organisations.id),
    aliases: aliases(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    search: searchColumn(() => sql`${tsv(doc("name"), doc("acronym"))} || ${tsvAliases("aliases")}`),
  },
  (t) => [index("organisations_search").using("gin", t.search)],
);

export const parties = pgTable("parties", {
  id: id(),
  key: key().unique(),
  name: text("name").notNull(),
  acronym: text("acronym"),
  position: integer("position").notNull().default(0),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const people = pgTable(
  "people",
  {
    id: id(),
    key: key().unique(),
    name: text("name").notNull(),
    honorific: text("honorific"),
    aliases: aliases(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    search: searchColumn(() => sql`${tsv(doc("name"))} || ${tsvAliases("aliases")}`),
  },
  (t) => [index("people_search").using("gin", t.search)],
);

// ---------------------------------------------------------------------------------------------------------------
// Commissions and their integration

export const commissions = pgTable(
  "commissions",
  {
    id: id(),
    institutionId: uuid("institution_id")
      .notNull()
      .references(() => institutions.id),
    key: key().unique(),
    name: text("name").notNull(),
    acronym: text("acronym").notNull(),
    kind: commissionKind("kind").notNull(),
    validFrom: day("valid_from"),
    validTo: day("valid_to"),
    technicalAreaId: uuid("technical_area_id").references(() => areas.id),
    resolutionNumberPattern: text("resolution_number_pattern").notNull(),
    opinionNumberPattern: text("opinion_number_pattern"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    search: searchColumn(() => tsv(doc("name"), doc("acronym"))),
  },
  (t) => [index("commissions_search").using("gin", t.search)],
);

export const memberships = pgTable(
  "memberships",
  {
    id: id(),
    commissionId: uuid("commission_id")
      .notNull()
      .references(() => commissions.id, { onDelete: "cascade" }),
    personId: uuid("person_id").references(() => people.id),
    role: membershipRole("role").notNull(),
    hasVotingRight: boolean("has_voting_right").notNull(),
    onBehalfOfPartyId: uuid("on_behalf_of_party_id").references(() => parties.id),
    startDate: day("start_date"),
    endDate: day("end_date"),
    designatedBy: text("designated_by"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("memberships_commission").on(t.commissionId),
    check(
      "memberships_person_or_party",
      sql`${t.personId} is not null or ${t.onBehalfOfPartyId} is not null`,
    ),
    check(
      "memberships_dates",
      sql`${t.endDate} is null or ${t.startDate} is null or ${t.endDate} >= ${t.startDate}`,
    ),
  ],
);

/** Per scope and year, the last sequence number handed out (see src/domain/numbering). */
export const numberingCounters = pgTable(
  "numbering_counters",
  {
    scope: text("scope").notNull(),
    year: integer("year").notNull(),
    lastSeq: integer("last_seq").notNull(),
  },
  (t) => [primaryKey({ columns: [t.scope, t.year] })],
);

// ---------------------------------------------------------------------------------------------------------------
// Work programme

export const workProgrammes = pgTable(
  "work_programmes",
  {
    id: id(),
    commissionId: uuid("commission_id")
      .notNull()
      .references(() => commissions.id, { onDelete: "cascade" }),
    year: integer("year").notNull(),
    title: text("title").notNull(),
    approvedBy: text("approved_by"),
    ratifiedBy: text("ratified_by"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [unique("work_programmes_commission_year").on(t.commissionId, t.year)],
);

export const strategicLines = pgTable(
  "strategic_lines",
  {
    id: id(),
    programmeId: uuid("programme_id")
      .notNull()
      .references(() => workProgrammes.id, { onDelete: "cascade" }),
    number: integer("number").notNull(),
    title: text("title").notNull(),
    search: searchColumn(() => tsv(doc("title"))),
  },
  (t) => [
    unique("strategic_lines_number").on(t.programmeId, t.number),
    index("strategic_lines_search").using("gin", t.search),
  ],
);

export const programmedActions = pgTable(
  "programmed_actions",
  {
    id: id(),
    lineId: uuid("line_id")
      .notNull()
      .references(() => strategicLines.id, { onDelete: "cascade" }),
    letter: text("letter").notNull(),
    title: text("title").notNull(),
    quarters: jsonb("quarters").$type<number[]>().notNull().default([]),
    search: searchColumn(() => tsv(doc("title"))),
  },
  (t) => [
    unique("programmed_actions_letter").on(t.lineId, t.letter),
    index("programmed_actions_search").using("gin", t.search),
  ],
);

export const programmedActionAreas = pgTable(
  "programmed_action_areas",
  {
    actionId: uuid("action_id")
      .notNull()
      .references(() => programmedActions.id, { onDelete: "cascade" }),
    areaId: uuid("area_id")
      .notNull()
      .references(() => areas.id),
    position: integer("position").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.actionId, t.areaId] })],
);

/** Why a line or an action has nothing in a quarter («… programadas para el tercer trimestre de 2021»). */
export const justifications = pgTable(
  "justifications",
  {
    id: id(),
    lineId: uuid("line_id")
      .notNull()
      .references(() => strategicLines.id, { onDelete: "cascade" }),
    actionId: uuid("action_id").references(() => programmedActions.id, { onDelete: "cascade" }),
    quarter: integer("quarter").notNull(),
    text: text("text").notNull(),
  },
  (t) => [
    unique("justifications_target_quarter").on(t.lineId, t.actionId, t.quarter).nullsNotDistinct(),
    check("justifications_quarter", sql`${t.quarter} between 1 and 4`),
  ],
);

// ---------------------------------------------------------------------------------------------------------------
// Sessions, agenda, attendance, resolutions

export const sessions = pgTable(
  "sessions",
  {
    id: id(),
    commissionId: uuid("commission_id")
      .notNull()
      .references(() => commissions.id, { onDelete: "cascade" }),
    key: key(),
    kind: sessionKind("kind").notNull(),
    number: integer("number").notNull(),
    year: integer("year").notNull(),
    date: day("date").notNull(),
    startTime: time("start_time"),
    modality: sessionModality("modality").notNull(),
    place: text("place"),
    link: text("link"),
    status: sessionStatus("status").notNull().default("scheduled"),
    minutesApprovedByResolutionId: uuid("minutes_approved_by_resolution_id").references(
      (): AnyPgColumn => resolutions.id,
      { onDelete: "set null" },
    ),
    minutesAttachmentId: uuid("minutes_attachment_id").references(() => attachments.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique("sessions_commission_key").on(t.commissionId, t.key),
    unique("sessions_commission_number").on(t.commissionId, t.year, t.kind, t.number),
    check("sessions_year_matches_date", sql`${t.year} = extract(year from ${t.date})`),
    index("sessions_date").on(t.commissionId, t.date),
  ],
);

export const agendaItems = pgTable(
  "agenda_items",
  {
    id: id(),
    sessionId: uuid("session_id")
      .notNull()
      .references(() => sessions.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    kind: agendaItemKind("kind").notNull(),
    title: text("title").notNull(),
    series: text("series"),
    agreementId: uuid("agreement_id").references((): AnyPgColumn => agreements.id),
    search: searchColumn(() => tsv(doc("title"))),
  },
  (t) => [
    unique("agenda_items_position").on(t.sessionId, t.position),
    index("agenda_items_search").using("gin", t.search),
  ],
);

export const attendance = pgTable(
  "attendance",
  {
    id: id(),
    sessionId: uuid("session_id")
      .notNull()
      .references(() => sessions.id, { onDelete: "cascade" }),
    position: integer("position").notNull().default(0),
    category: attendanceCategory("category").notNull(),
    personId: uuid("person_id").references(() => people.id),
    partyId: uuid("party_id").references(() => parties.id),
    areaId: uuid("area_id").references(() => areas.id),
    capacity: text("capacity"),
    isPresent: boolean("is_present").notNull(),
    substitutePersonId: uuid("substitute_person_id").references(() => people.id),
  },
  (t) => [
    unique("attendance_participant")
      .on(t.sessionId, t.category, t.personId, t.partyId, t.areaId)
      .nullsNotDistinct(),
    check(
      "attendance_has_participant",
      sql`${t.personId} is not null or ${t.partyId} is not null or ${t.areaId} is not null`,
    ),
  ],
);

export const resolutions = pgTable(
  "resolutions",
  {
    id: id(),
    commissionId: uuid("commission_id")
      .notNull()
      .references(() => commissions.id, { onDelete: "cascade" }),
    number: text("number").notNull(),
    year: integer("year").notNull(),
    seq: integer("seq").notNull(),
    sessionId: uuid("session_id")
      .notNull()
      .references(() => sessions.id, { onDelete: "cascade" }),
    agendaItemId: uuid("agenda_item_id").references(() => agendaItems.id, { onDelete: "set null" }),
    title: text("title").notNull(),
    text: text("text"),
    outcome: resolutionOutcome("outcome").notNull().default("adopted"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    search: searchColumn(() => tsv(doc("number"), doc("title"), doc("text"))),
  },
  (t) => [
    unique("resolutions_number").on(t.commissionId, t.number),
    unique("resolutions_seq").on(t.commissionId, t.year, t.seq),
    index("resolutions_session").on(t.sessionId),
    index("resolutions_search").using("gin", t.search),
  ],
);

export const resolutionVotes = pgTable(
  "resolution_votes",
  {
    resolutionId: uuid("resolution_id")
      .notNull()
      .references(() => resolutions.id, { onDelete: "cascade" }),
    personId: uuid("person_id")
      .notNull()
      .references(() => people.id),
    vote: voteOption("vote").notNull(),
  },
  (t) => [primaryKey({ columns: [t.resolutionId, t.personId] })],
);

// ---------------------------------------------------------------------------------------------------------------
// Agreements (convenios)

export const agreements = pgTable(
  "agreements",
  {
    id: id(),
    commissionId: uuid("commission_id")
      .notNull()
      .references(() => commissions.id, { onDelete: "cascade" }),
    key: key(),
    title: text("title").notNull(),
    typeId: uuid("type_id").references(() => catalogEntries.id),
    object: text("object"),
    management: agreementManagement("management").notNull(),
    stage: agreementStage("stage").notNull(),
    signedOn: day("signed_on"),
    validFrom: day("valid_from"),
    validTo: day("valid_to"),
    isIndefinite: boolean("is_indefinite").notNull().default(false),
    parentId: uuid("parent_id").references((): AnyPgColumn => agreements.id),
    resources: text("resources"),
    ceremony: jsonb("ceremony").$type<{ date: string; description: string } | null>(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    search: searchColumn(() => tsv(doc("title"), doc("object"))),
  },
  (t) => [
    unique("agreements_commission_key").on(t.commissionId, t.key),
    index("agreements_search").using("gin", t.search),
    check(
      "agreements_validity",
      sql`${t.validTo} is null or ${t.validFrom} is null or ${t.validTo} >= ${t.validFrom}`,
    ),
  ],
);

export const agreementCounterparts = pgTable(
  "agreement_counterparts",
  {
    agreementId: uuid("agreement_id")
      .notNull()
      .references(() => agreements.id, { onDelete: "cascade" }),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id),
    position: integer("position").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.agreementId, t.organisationId] })],
);

export const agreementAreas = pgTable(
  "agreement_areas",
  {
    agreementId: uuid("agreement_id")
      .notNull()
      .references(() => agreements.id, { onDelete: "cascade" }),
    areaId: uuid("area_id")
      .notNull()
      .references(() => areas.id),
    position: integer("position").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.agreementId, t.areaId] })],
);

export const agreementStageEvents = pgTable(
  "agreement_stage_events",
  {
    id: id(),
    agreementId: uuid("agreement_id")
      .notNull()
      .references(() => agreements.id, { onDelete: "cascade" }),
    stage: agreementStage("stage").notNull(),
    date: day("date").notNull(),
    note: text("note"),
  },
  (t) => [unique("agreement_stage_events_stage").on(t.agreementId, t.stage)],
);

export const agreementDocuments = pgTable(
  "agreement_documents",
  {
    agreementId: uuid("agreement_id")
      .notNull()
      .references(() => agreements.id, { onDelete: "cascade" }),
    attachmentId: uuid("attachment_id")
      .notNull()
      .references(() => attachments.id),
    label: text("label").notNull(),
  },
  (t) => [primaryKey({ columns: [t.agreementId, t.attachmentId] })],
);

export const pertinenceOpinions = pgTable(
  "pertinence_opinions",
  {
    id: id(),
    commissionId: uuid("commission_id")
      .notNull()
      .references(() => commissions.id, { onDelete: "cascade" }),
    number: text("number").notNull(),
    year: integer("year").notNull(),
    seq: integer("seq").notNull(),
    agreementId: uuid("agreement_id").references(() => agreements.id, { onDelete: "set null" }),
    subject: text("subject").notNull(),
    outcome: opinionOutcome("outcome").notNull(),
    issuedOn: day("issued_on"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    search: searchColumn(() => tsv(doc("number"), doc("subject"))),
  },
  (t) => [
    unique("pertinence_opinions_number").on(t.commissionId, t.number),
    unique("pertinence_opinions_seq").on(t.commissionId, t.year, t.seq),
    index("pertinence_opinions_search").using("gin", t.search),
  ],
);

export const pertinenceOpinionAreas = pgTable(
  "pertinence_opinion_areas",
  {
    opinionId: uuid("opinion_id")
      .notNull()
      .references(() => pertinenceOpinions.id, { onDelete: "cascade" }),
    areaId: uuid("area_id")
      .notNull()
      .references(() => areas.id),
    position: integer("position").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.opinionId, t.areaId] })],
);

export const agreementProgress = pgTable(
  "agreement_progress",
  {
    id: id(),
    agreementId: uuid("agreement_id")
      .notNull()
      .references(() => agreements.id, { onDelete: "cascade" }),
    sessionId: uuid("session_id")
      .notNull()
      .references(() => sessions.id, { onDelete: "cascade" }),
    areaId: uuid("area_id").references(() => areas.id),
    text: text("text"),
    search: searchColumn(() => tsv(doc("text"))),
  },
  (t) => [
    unique("agreement_progress_session").on(t.agreementId, t.sessionId),
    index("agreement_progress_search").using("gin", t.search),
  ],
);

// ---------------------------------------------------------------------------------------------------------------
// Activities

export const activities = pgTable(
  "activities",
  {
    id: id(),
    commissionId: uuid("commission_id")
      .notNull()
      .references(() => commissions.id, { onDelete: "cascade" }),
    key: key(),
    actionId: uuid("action_id").references(() => programmedActions.id),
    kindId: uuid("kind_id")
      .notNull()
      .references(() => catalogEntries.id),
    title: text("title").notNull(),
    description: text("description"),
    /** First and last date (denormalised from activity_dates, or the span of a continuous activity). */
    startDate: day("start_date").notNull(),
    endDate: day("end_date").notNull(),
    isContinuous: boolean("is_continuous").notNull().default(false),
    followedBodyId: uuid("followed_body_id").references(() => organisations.id),
    audience: text("audience"),
    quantity: integer("quantity"),
    status: activityStatus("status").notNull().default("held"),
    statusReason: text("status_reason"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    search: searchColumn(() => tsv(doc("title"), doc("description"), doc("audience"))),
  },
  (t) => [
    unique("activities_commission_key").on(t.commissionId, t.key),
    index("activities_dates").on(t.commissionId, t.startDate),
    index("activities_action").on(t.actionId),
    index("activities_search").using("gin", t.search),
    check("activities_span", sql`${t.endDate} >= ${t.startDate}`),
    check("activities_quantity", sql`${t.quantity} is null or ${t.quantity} >= 0`),
  ],
);

export const activityDates = pgTable(
  "activity_dates",
  {
    activityId: uuid("activity_id")
      .notNull()
      .references(() => activities.id, { onDelete: "cascade" }),
    date: day("date").notNull(),
  },
  (t) => [primaryKey({ columns: [t.activityId, t.date] }), index("activity_dates_date").on(t.date)],
);

export const activityCounterparts = pgTable(
  "activity_counterparts",
  {
    activityId: uuid("activity_id")
      .notNull()
      .references(() => activities.id, { onDelete: "cascade" }),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id),
    position: integer("position").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.activityId, t.organisationId] })],
);

export const activityParticipants = pgTable(
  "activity_participants",
  {
    activityId: uuid("activity_id")
      .notNull()
      .references(() => activities.id, { onDelete: "cascade" }),
    personId: uuid("person_id")
      .notNull()
      .references(() => people.id),
    role: text("role"),
    position: integer("position").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.activityId, t.personId] })],
);

export const activityAttachments = pgTable(
  "activity_attachments",
  {
    activityId: uuid("activity_id")
      .notNull()
      .references(() => activities.id, { onDelete: "cascade" }),
    attachmentId: uuid("attachment_id")
      .notNull()
      .references(() => attachments.id),
  },
  (t) => [primaryKey({ columns: [t.activityId, t.attachmentId] })],
);

// ---------------------------------------------------------------------------------------------------------------
// Files

/** Metadata of a file kept in the content-addressed store; the bytes live under the store, named by sha256. */
export const attachments = pgTable(
  "attachments",
  {
    id: id(),
    sha256: text("sha256").notNull(),
    size: integer("size").notNull(),
    mediaType: text("media_type").notNull(),
    filename: text("filename").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index("attachments_sha256").on(t.sha256),
    check("attachments_sha256_hex", sql`${t.sha256} ~ '^[0-9a-f]{64}$'`),
  ],
);

// ---------------------------------------------------------------------------------------------------------------
// Reports: a draft per commission and period, presented in a session, approved by a resolution, then frozen.

export const reportStatus = pgEnum("report_status", ["draft", "presented", "approved"]);

export const reports = pgTable(
  "reports",
  {
    id: id(),
    commissionId: uuid("commission_id")
      .notNull()
      .references(() => commissions.id, { onDelete: "cascade" }),
    /** «2021-Q1» or «2021». */
    period: text("period").notNull(),
    status: reportStatus("status").notNull().default("draft"),
    /** Narrative paragraphs people write (the introduction); empty means the template's wording. */
    introduction: jsonb("introduction").$type<string[]>().notNull().default([]),
    /** Opening paragraphs people write for parts of section III, keyed by line and action («2A»). */
    partTexts: jsonb("part_texts").$type<Record<string, string[]>>().notNull().default({}),
    presentedAgendaItemId: uuid("presented_agenda_item_id").references(() => agendaItems.id),
    approvedByResolutionId: uuid("approved_by_resolution_id").references(() => resolutions.id),
    /** The ReportDocument as approved: frozen, never recomposed. */
    frozenDocument: jsonb("frozen_document"),
    approvedAt: timestamp("approved_at", { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [unique("reports_commission_period").on(t.commissionId, t.period)],
);

/** The files of an approved report, kept in the content-addressed store (their sha256 is in `attachments`). */
export const reportFiles = pgTable(
  "report_files",
  {
    reportId: uuid("report_id")
      .notNull()
      .references(() => reports.id, { onDelete: "cascade" }),
    format: text("format").notNull(),
    attachmentId: uuid("attachment_id")
      .notNull()
      .references(() => attachments.id),
  },
  (t) => [primaryKey({ columns: [t.reportId, t.format] })],
);

/**
 * The wording, titles and table definitions of a commission's reports (a ReportTemplate, validated by its zod
 * schema on the way in). No row means the default template: the reference report's wording.
 */
export const reportTemplates = pgTable("report_templates", {
  commissionId: uuid("commission_id")
    .primaryKey()
    .references(() => commissions.id, { onDelete: "cascade" }),
  template: jsonb("template").notNull(),
  updatedAt: updatedAt(),
});

// ---------------------------------------------------------------------------------------------------------------
// Accounts, roles, sign-in sessions and API tokens (see src/domain/accounts and docs/decisions/010)

export const accountRole = pgEnum("account_role", [
  "technical_secretariat",
  "area_liaison",
  "commission_member",
  "party_representative",
  "guest",
]);

export const accounts = pgTable(
  "accounts",
  {
    id: id(),
    /** Lower-case, unique; what people type to sign in. */
    username: text("username").notNull(),
    name: text("name").notNull(),
    email: text("email"),
    /** argon2id PHC string. */
    passwordHash: text("password_hash").notNull(),
    isAdministrator: boolean("is_administrator").notNull().default(false),
    isActive: boolean("is_active").notNull().default(true),
    /** Set by a reset or the first start: the next sign-in must choose a new password. */
    mustChangePassword: boolean("must_change_password").notNull().default(false),
    failedSignIns: integer("failed_sign_ins").notNull().default(0),
    lockedUntil: timestamp("locked_until", { withTimezone: true }),
    passwordChangedAt: timestamp("password_changed_at", { withTimezone: true }).notNull().defaultNow(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [unique("accounts_username").on(t.username)],
);

/** What an account may do in one commission; an area liaison's role names its area. */
export const accountRoles = pgTable(
  "account_roles",
  {
    id: id(),
    accountId: uuid("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    commissionId: uuid("commission_id")
      .notNull()
      .references(() => commissions.id, { onDelete: "cascade" }),
    role: accountRole("role").notNull(),
    areaId: uuid("area_id").references(() => areas.id),
    createdAt: createdAt(),
  },
  (t) => [
    index("account_roles_account").on(t.accountId),
    check("account_roles_area", sql`(${t.role} = 'area_liaison') = (${t.areaId} is not null)`),
  ],
);

/** A signed-in browser: the cookie carries a random token, the database only its sha256. */
export const authSessions = pgTable(
  "auth_sessions",
  {
    id: id(),
    accountId: uuid("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    tokenHash: text("token_hash").notNull(),
    csrfToken: text("csrf_token").notNull(),
    createdAt: createdAt(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  },
  (t) => [unique("auth_sessions_token").on(t.tokenHash), index("auth_sessions_account").on(t.accountId)],
);

/** A token for integrations: hashed, limited to some permissions, expiring, revocable. */
export const apiTokens = pgTable(
  "api_tokens",
  {
    id: id(),
    accountId: uuid("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    tokenHash: text("token_hash").notNull(),
    /** Permissions the token may use (a subset of its account's). */
    scopes: jsonb("scopes").$type<string[]>().notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [unique("api_tokens_token").on(t.tokenHash), index("api_tokens_account").on(t.accountId)],
);

// ---------------------------------------------------------------------------------------------------------------
// Audit trail (see migrations/0008_audit_triggers.sql and docs/decisions/011): written only by triggers.

/**
 * Every change to every table (but this one, `audit_head` and `auth_sessions`), appended by the
 * `vincula_audit` trigger: who (`vincula.actor` of the transaction), when, what record, the row before and after
 * (without `search` columns, secrets replaced by a marker). Each entry's `hash` seals its fields and the previous
 * entry's hash; `id` is consecutive (1, 2, 3…), in the order of the chain. Updates and deletes are refused.
 */
export const auditLog = pgTable(
  "audit_log",
  {
    id: bigint("id", { mode: "number" }).primaryKey(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    actor: text("actor").notNull(),
    tableName: text("table_name").notNull(),
    operation: text("operation").notNull(),
    recordId: text("record_id").notNull(),
    before: jsonb("before"),
    after: jsonb("after"),
    prevHash: text("prev_hash").notNull(),
    hash: text("hash").notNull(),
  },
  (t) => [
    index("audit_log_record").on(t.tableName, t.recordId, t.id),
    index("audit_log_at").on(t.at),
    check("audit_log_operation", sql`${t.operation} in ('insert', 'update', 'delete')`),
  ],
);

/** The end of the chain (one row): what the last entry must be, so that removing entries at the end shows. */
export const auditHead = pgTable(
  "audit_head",
  {
    singleton: boolean("singleton").primaryKey().default(true),
    lastId: bigint("last_id", { mode: "number" }).notNull(),
    lastHash: text("last_hash").notNull(),
  },
  (t) => [check("audit_head_singleton", sql`${t.singleton}`)],
);

// ---------------------------------------------------------------------------------------------------------------
// Outreach: contact lists with consent, data-protection requests, campaigns and their deliveries (issue 6,
// docs/decisions/022 and docs/outreach.md). Personal data: read only with «contacts.read», and every read of a
// list's contacts by a person is logged in `contact_list_reads`.

export const contactStatus = pgEnum("contact_status", ["subscribed", "unsubscribed", "bounced", "blocked"]);
export const dataProtectionRequestKind = pgEnum("data_protection_request_kind", [
  "access",
  "rectification",
  "cancellation",
  "opposition",
]);
export const dataProtectionRequestStatus = pgEnum("data_protection_request_status", [
  "received",
  "granted",
  "denied",
  "withdrawn",
]);
export const campaignStatus = pgEnum("campaign_status", [
  "draft",
  "scheduled",
  "sending",
  "sent",
  "cancelled",
]);
export const deliveryStatus = pgEnum("delivery_status", [
  "pending",
  "sending",
  "sent",
  "failed_temporary",
  "failed_permanent",
  "bounced",
]);

/** A list of contacts of one commission («Voto Chilango»), with the purpose and retention its notice states. */
export const outreachLists = pgTable(
  "outreach_lists",
  {
    id: id(),
    commissionId: uuid("commission_id")
      .notNull()
      .references(() => commissions.id, { onDelete: "cascade" }),
    key: key(),
    name: text("name").notNull(),
    description: text("description"),
    /** What the contacts' data is used for, as the privacy notice says. */
    purpose: text("purpose").notNull(),
    /** Months after a contact's latest consent when it is blocked (then deleted after the grace period). */
    retentionMonths: integer("retention_months").notNull(),
    /** The privacy-notice version in force: what new consents are given under by default. */
    privacyNoticeVersion: text("privacy_notice_version").notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique("outreach_lists_commission_key").on(t.commissionId, t.key),
    check("outreach_lists_retention", sql`${t.retentionMonths} between 1 and 1200`),
  ],
);

/** One person on one list. `normalized_email` (trimmed, NFC, lower-cased) is unique per list. */
export const contacts = pgTable(
  "contacts",
  {
    id: id(),
    listId: uuid("list_id")
      .notNull()
      .references(() => outreachLists.id, { onDelete: "cascade" }),
    name: text("name"),
    /** The address as given. */
    email: text("email").notNull(),
    normalizedEmail: text("normalized_email").notNull(),
    /** ISO 3166-1 alpha-2, upper case. */
    country: text("country"),
    city: text("city"),
    /** BCP 47 primary language («es», «en»). */
    language: text("language"),
    tags: jsonb("tags").$type<string[]>().notNull().default([]),
    status: contactStatus("status").notNull().default("subscribed"),
    statusChangedAt: timestamp("status_changed_at", { withTimezone: true }).notNull().defaultNow(),
    /** Random (32 bytes, base64url), the key of the one-click unsubscribe link; never reused. */
    unsubscribeToken: text("unsubscribe_token").notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique("contacts_list_email").on(t.listId, t.normalizedEmail),
    unique("contacts_unsubscribe_token").on(t.unsubscribeToken),
    index("contacts_normalized_email").on(t.normalizedEmail),
    index("contacts_list_status").on(t.listId, t.status),
    check("contacts_country", sql`${t.country} is null or ${t.country} ~ '^[A-Z]{2}$'`),
    check("contacts_normalized", sql`${t.normalizedEmail} = lower(btrim(${t.normalizedEmail}))`),
  ],
);

/** A consent given by a contact: when, how, under which notice, for what. Every contact has at least one. */
export const contactConsents = pgTable(
  "contact_consents",
  {
    id: id(),
    contactId: uuid("contact_id")
      .notNull()
      .references(() => contacts.id, { onDelete: "cascade" }),
    givenOn: day("given_on").notNull(),
    /** How it was obtained: «formulario web 2021», «registro en evento», … Never empty. */
    source: text("source").notNull(),
    privacyNoticeVersion: text("privacy_notice_version").notNull(),
    purposes: jsonb("purposes").$type<string[]>().notNull().default([]),
    createdAt: createdAt(),
  },
  (t) => [
    index("contact_consents_contact").on(t.contactId),
    check("contact_consents_source", sql`btrim(${t.source}) <> ''`),
  ],
);

/**
 * A request of access, rectification, cancellation or opposition (ARCO). It names the person by e-mail (kept
 * after the contact is deleted) and, while it exists, the contact. The deadline is 20 business days after receipt.
 */
export const dataProtectionRequests = pgTable(
  "data_protection_requests",
  {
    id: id(),
    commissionId: uuid("commission_id")
      .notNull()
      .references(() => commissions.id, { onDelete: "cascade" }),
    kind: dataProtectionRequestKind("kind").notNull(),
    contactId: uuid("contact_id").references(() => contacts.id, { onDelete: "set null" }),
    requesterEmail: text("requester_email").notNull(),
    normalizedEmail: text("normalized_email").notNull(),
    requesterName: text("requester_name"),
    details: text("details"),
    receivedOn: day("received_on").notNull(),
    deadlineOn: day("deadline_on").notNull(),
    status: dataProtectionRequestStatus("status").notNull().default("received"),
    outcome: text("outcome"),
    resolvedOn: day("resolved_on"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("data_protection_requests_commission").on(t.commissionId, t.status, t.deadlineOn),
    index("data_protection_requests_email").on(t.normalizedEmail),
    check("data_protection_requests_deadline", sql`${t.deadlineOn} > ${t.receivedOn}`),
    check("data_protection_requests_resolution", sql`(${t.status} = 'received') = (${t.resolvedOn} is null)`),
  ],
);

/** Who read a list's contacts and when: one row per read by a person (an account), with what was asked. */
export const contactListReads = pgTable(
  "contact_list_reads",
  {
    id: id(),
    listId: uuid("list_id")
      .notNull()
      .references(() => outreachLists.id, { onDelete: "cascade" }),
    /** `actorLabel` of who read: «account:ana», «cli:operadora». */
    actor: text("actor").notNull(),
    accountId: uuid("account_id").references(() => accounts.id, { onDelete: "set null" }),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    /** What was read: «contacts», «export», «person-export», and the filters used. */
    purpose: text("purpose").notNull(),
    filters: jsonb("filters").$type<Record<string, unknown>>().notNull().default({}),
    rowCount: integer("row_count").notNull(),
  },
  (t) => [index("contact_list_reads_list").on(t.listId, t.at)],
);

/** An e-mail to a list: Markdown body, schedule, rate, and the activity it becomes once sent. */
export const campaigns = pgTable(
  "campaigns",
  {
    id: id(),
    listId: uuid("list_id")
      .notNull()
      .references(() => outreachLists.id, { onDelete: "cascade" }),
    subject: text("subject").notNull(),
    bodyMarkdown: text("body_markdown").notNull(),
    status: campaignStatus("status").notNull().default("draft"),
    scheduledAt: timestamp("scheduled_at", { withTimezone: true }),
    /** Messages per minute the sender may hand to the SMTP server. */
    ratePerMinute: integer("rate_per_minute").notNull().default(60),
    /** What the report counts it as: activity kind (catalogue) and programmed action. */
    activityKindId: uuid("activity_kind_id").references(() => catalogEntries.id),
    actionId: uuid("action_id").references(() => programmedActions.id),
    /** How the report words it («Envío de invitación a …»); without it, «Envío del correo "<asunto>".». */
    reportTitle: text("report_title"),
    /** The activity the campaign's sends are recorded as (docs/decisions/025), once one send has ended. */
    activityId: uuid("activity_id").references(() => activities.id, { onDelete: "set null" }),
    /** People who received at least one of its messages, counted as each send ends (contacts may be deleted later). */
    recipientCount: integer("recipient_count").notNull().default(0),
    startedAt: timestamp("started_at", { withTimezone: true }),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("campaigns_list").on(t.listId, t.status),
    index("campaigns_due").on(t.status, t.scheduledAt),
    check("campaigns_rate", sql`${t.ratePerMinute} between 1 and 100000`),
  ],
);

/**
 * One sending of a campaign to its list: the first, and any later one (a reminder: «miércoles 06 y viernes 08 de
 * enero»). Its figures are counted when it ends and kept after contacts and deliveries are deleted.
 */
export const campaignSends = pgTable(
  "campaign_sends",
  {
    id: id(),
    campaignId: uuid("campaign_id")
      .notNull()
      .references(() => campaigns.id, { onDelete: "cascade" }),
    /** 1 for the first send, 2 for the next… */
    number: integer("number").notNull(),
    /** The day the report gives it: the date, in Mexico City, when it started. */
    sentOn: day("sent_on").notNull(),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    /** Messages the SMTP server accepted, and those that failed for good; set when the send ends. */
    delivered: integer("delivered"),
    failed: integer("failed"),
  },
  (t) => [
    unique("campaign_sends_number").on(t.campaignId, t.number),
    check("campaign_sends_number_positive", sql`${t.number} >= 1`),
    check("campaign_sends_counts", sql`(${t.finishedAt} is null) = (${t.delivered} is null)`),
  ],
);

/** One message of one send to one contact; unique per (send, contact), so nothing is sent twice. */
export const campaignDeliveries = pgTable(
  "campaign_deliveries",
  {
    id: id(),
    campaignId: uuid("campaign_id")
      .notNull()
      .references(() => campaigns.id, { onDelete: "cascade" }),
    sendId: uuid("send_id")
      .notNull()
      .references(() => campaignSends.id, { onDelete: "cascade" }),
    contactId: uuid("contact_id")
      .notNull()
      .references(() => contacts.id, { onDelete: "cascade" }),
    status: deliveryStatus("status").notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    /** When a pending or temporarily failed delivery may be claimed again. */
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    /** When a worker claimed it (status `sending`): a claim older than the lease is taken as a crash. */
    claimedAt: timestamp("claimed_at", { withTimezone: true }),
    lastError: text("last_error"),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    messageId: text("message_id"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique("campaign_deliveries_send_contact").on(t.sendId, t.contactId),
    // Claiming: `where campaign_id = $1 and status in ('pending', 'failed_temporary') and next_attempt_at <= now()
    // order by next_attempt_at for update skip locked limit n`.
    index("campaign_deliveries_claim").on(t.campaignId, t.status, t.nextAttemptAt),
    index("campaign_deliveries_contact").on(t.contactId),
    index("campaign_deliveries_send").on(t.sendId, t.status),
  ],
);
