/**
 * The dataset format: one YAML or JSON document with a whole commission's records, referring to one another by
 * key. `vincula import` reads it, `vincula export` writes it, the demo data is written in it, and
 * docs/dataset.schema.json is generated from these schemas.
 */
import { z } from "zod";
import { ZCampaignBody, ZCampaignSubject } from "../outreach/render-message.ts";
import { ZReportTemplate } from "../reports/report-template.ts";
import { ZCalendarDate, ZKey, ZLongText, ZName, ZQuarter, ZTimeOfDay, ZYear } from "../shared/primitives.ts";

export const DATASET_FORMAT = "vincula-dataset";
export const DATASET_VERSION = 1;

const ZAliases = z.array(ZName).default([]).describe("Otras formas en que aparece escrito el nombre");
const ZKeyList = z.array(ZKey).default([]);
const ZOptionalText = ZLongText.optional();

export const ZAreaKind = z.enum([
  "presidency",
  "executive_secretariat",
  "administrative_secretariat",
  "executive_direction",
  "technical_unit",
  "internal_control",
  "other",
]);
export const ZOrganisationSector = z.enum(["public", "private", "social", "academic", "international"]);
export const ZCommissionKind = z.enum(["permanent", "provisional", "committee"]);
export const ZMembershipRole = z.enum([
  "chair",
  "member",
  "technical_secretary",
  "party_representative",
  "guest",
]);
export const ZSessionKind = z.enum(["ordinary", "extraordinary", "urgent"]);
export const ZSessionModality = z.enum(["remote", "in_person", "hybrid"]);
export const ZSessionStatus = z.enum(["scheduled", "held", "cancelled", "postponed"]);
export const ZAgendaItemKind = z.enum([
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
export const ZAttendanceCategory = z.enum([
  "member",
  "technical_secretary",
  "party_representative",
  "invited_official",
]);
export const ZResolutionOutcome = z.enum(["adopted", "rejected", "withdrawn"]);
export const ZVoteOption = z.enum(["yes", "no", "abstain", "absent"]);
export const ZAgreementManagement = z.enum(["direct", "accompanied"]);
export const ZAgreementStage = z.enum([
  "negotiation",
  "pertinence_opinion",
  "signed",
  "in_force",
  "concluded",
  "terminated",
  "cancelled",
]);
export const ZOpinionOutcome = z.enum(["favourable", "unfavourable"]);
export const ZActivityStatus = z.enum(["held", "cancelled", "rescheduled"]);

/** «2021-1B»: programme year, strategic line number and action letter. */
export const ZActionRef = z
  .string()
  .regex(/^\d{4}-\d{1,2}[A-Z]$/, { message: "debe tener la forma AAAA-<línea><LETRA>, p. ej. 2021-1B" });

export const ZDatasetInstitution = z.object({ key: ZKey, name: ZName, acronym: ZName });

export const ZDatasetCatalogEntry = z.object({
  key: ZKey,
  name: ZName,
  description: ZOptionalText,
});

export const ZDatasetArea = z.object({
  key: ZKey,
  name: ZName,
  acronym: ZName.optional(),
  kind: ZAreaKind.default("other"),
  aliases: ZAliases,
});

export const ZDatasetOrganisation = z.object({
  key: ZKey,
  name: ZName,
  acronym: ZName.optional(),
  kind: ZKey.default("other").describe("Tipo libre: electoral_body, university, government, consulate, …"),
  sector: ZOrganisationSector.optional(),
  country: z.string().length(2).optional().describe("Código ISO 3166-1 alfa-2"),
  parent: ZKey.optional().describe("Clave del organismo del que depende"),
  aliases: ZAliases,
});

export const ZDatasetParty = z.object({ key: ZKey, name: ZName, acronym: ZName.optional() });

export const ZDatasetPerson = z.object({
  key: ZKey,
  name: ZName,
  honorific: ZName.optional().describe("p. ej. «consejera electoral», «maestra»"),
  aliases: ZAliases,
});

export const ZDatasetCommission = z.object({
  key: ZKey,
  name: ZName,
  acronym: ZName,
  kind: ZCommissionKind,
  validFrom: ZCalendarDate.optional(),
  validTo: ZCalendarDate.optional(),
  technicalArea: ZKey.optional(),
  numbering: z.object({
    resolution: ZName.describe("Patrón de numeración de acuerdos, p. ej. {acronym}/{seq:3}/{yy}"),
    pertinenceOpinion: ZName.optional().describe("p. ej. IECM/UTVOE/OP/{seq:2}/{yyyy}"),
  }),
});

export const ZDatasetMembership = z.object({
  person: ZKey.optional(),
  role: ZMembershipRole,
  votingRight: z.boolean(),
  onBehalfOf: ZKey.optional().describe("Clave del partido representado"),
  from: ZCalendarDate.optional(),
  to: ZCalendarDate.optional(),
  designatedBy: ZName.optional().describe("Acto que designó, p. ej. IECM-ACU-CG-075-2020"),
});

export const ZDatasetJustification = z.object({ quarter: ZQuarter, text: ZLongText.min(1) });

export const ZDatasetProgrammedAction = z.object({
  letter: z.string().regex(/^[A-Z]$/, { message: "debe ser una letra mayúscula" }),
  title: ZLongText.min(1),
  quarters: z.array(ZQuarter).default([]),
  areas: ZKeyList,
  justifications: z.array(ZDatasetJustification).default([]),
});

export const ZDatasetStrategicLine = z.object({
  number: z.number().int().min(1).max(99),
  title: ZLongText.min(1),
  actions: z.array(ZDatasetProgrammedAction).default([]),
  justifications: z.array(ZDatasetJustification).default([]),
});

export const ZDatasetProgramme = z.object({
  year: ZYear,
  title: ZName,
  approvedBy: ZName.optional().describe("Número del acuerdo que lo aprobó"),
  ratifiedBy: ZName.optional().describe("Número del acuerdo que lo ratificó"),
  lines: z.array(ZDatasetStrategicLine).default([]),
});

export const ZDatasetAgendaItem = z.object({
  kind: ZAgendaItemKind,
  title: ZLongText.min(1),
  series: ZKey.optional().describe("Agrupa el mismo informe presentado en varias sesiones"),
  agreement: ZKey.optional(),
});

export const ZDatasetAttendance = z.object({
  category: ZAttendanceCategory,
  person: ZKey.optional(),
  party: ZKey.optional(),
  area: ZKey.optional(),
  capacity: ZName.optional().describe("p. ej. «Encargado del despacho»"),
  present: z.boolean(),
  substitute: ZKey.optional(),
});

export const ZDatasetSession = z.object({
  key: ZKey,
  kind: ZSessionKind,
  number: z.number().int().min(1).max(999),
  date: ZCalendarDate,
  startTime: ZTimeOfDay.optional(),
  modality: ZSessionModality,
  place: ZName.optional(),
  link: z.url().optional(),
  status: ZSessionStatus.default("held"),
  agenda: z.array(ZDatasetAgendaItem).default([]),
  attendance: z.array(ZDatasetAttendance).default([]),
  minutesApprovedBy: ZName.optional().describe("Número del acuerdo que aprobó la minuta"),
});

export const ZDatasetVote = z.object({ person: ZKey, vote: ZVoteOption });

export const ZDatasetResolution = z.object({
  number: ZName.describe("Número histórico, p. ej. CVOE/001/21; se verifica contra el patrón de la comisión"),
  session: ZKey,
  agendaItem: z.number().int().min(1).optional().describe("Posición (desde 1) del punto en el orden del día"),
  title: ZLongText.min(1),
  text: ZOptionalText,
  outcome: ZResolutionOutcome.default("adopted"),
  votes: z.array(ZDatasetVote).default([]),
});

export const ZDatasetStageEvent = z.object({
  stage: ZAgreementStage,
  date: ZCalendarDate,
  note: ZOptionalText,
});

export const ZDatasetAgreement = z.object({
  key: ZKey,
  title: ZLongText.min(1),
  type: ZKey.optional().describe("Clave del catálogo agreementTypes"),
  counterparts: z.array(ZKey).min(1, { message: "un convenio necesita al menos una contraparte" }),
  object: ZOptionalText,
  areas: ZKeyList,
  management: ZAgreementManagement,
  stage: ZAgreementStage,
  stages: z.array(ZDatasetStageEvent).default([]),
  signedOn: ZCalendarDate.optional(),
  validFrom: ZCalendarDate.optional(),
  validTo: ZCalendarDate.optional(),
  indefinite: z.boolean().default(false),
  parent: ZKey.optional(),
  resources: ZOptionalText,
  ceremony: z.object({ date: ZCalendarDate, description: ZLongText.min(1) }).optional(),
});

export const ZDatasetPertinenceOpinion = z.object({
  number: ZName,
  agreement: ZKey.optional(),
  subject: ZLongText.min(1),
  outcome: ZOpinionOutcome,
  issuedOn: ZCalendarDate.optional(),
  areas: ZKeyList,
});

export const ZDatasetAgreementProgress = z.object({
  agreement: ZKey,
  session: ZKey,
  area: ZKey.optional(),
  text: ZOptionalText,
});

export const ZDatasetActivity = z
  .object({
    key: ZKey,
    kind: ZKey.describe("Clave del catálogo activityKinds"),
    action: ZActionRef.optional().describe("Acción programada, p. ej. 2021-1B"),
    title: ZLongText.min(1),
    description: ZOptionalText,
    dates: z.array(ZCalendarDate).default([]),
    span: z
      .object({ from: ZCalendarDate, to: ZCalendarDate })
      .optional()
      .describe("Para actividades continuas"),
    counterparts: ZKeyList,
    participants: z.array(z.object({ person: ZKey, role: ZName.optional() })).default([]),
    followedBody: ZKey.optional().describe("Órgano cuya sesión se siguió"),
    audience: ZOptionalText,
    quantity: z.number().int().min(0).max(1_000_000_000).optional(),
    status: ZActivityStatus.default("held"),
    statusReason: ZOptionalText,
  })
  .refine((a) => a.dates.length > 0 || a.span !== undefined, {
    message: "una actividad necesita al menos una fecha o un periodo (span)",
    path: ["dates"],
  });

/** One sending of a campaign: the day the report gives it (in Mexico City) and its figures when it ended. */
export const ZDatasetCampaignSend = z.object({
  on: ZCalendarDate.describe("Día del envío (hora de la Ciudad de México)"),
  delivered: z.number().int().min(0).max(1_000_000_000).describe("Mensajes que el servidor de correo aceptó"),
  failed: z.number().int().min(0).max(1_000_000_000).default(0).describe("Mensajes que fallaron sin remedio"),
});

/**
 * A campaign sent to a list (docs/decisions/026): its words and sends. The activity the report shows is derived
 * from it on import, by the same function the sender uses; it is never written as an activity of the dataset.
 */
export const ZDatasetCampaign = z.object({
  key: ZKey.optional().describe(
    "Clave de la actividad derivada (la del informe); sin ella se asigna una nueva. Única entre actividades y campañas",
  ),
  subject: ZCampaignSubject,
  bodyMarkdown: ZCampaignBody,
  reportTitle: ZLongText.min(1)
    .max(1000, { message: "no puede pasar de 1000 caracteres" })
    .optional()
    .describe('Cómo lo redacta el informe; sin ella, «Envío del correo "<asunto>".»'),
  action: ZActionRef.optional().describe("Acción programada, p. ej. 2021-5A"),
  kind: ZKey.optional().describe("Clave del catálogo activityKinds; por omisión email_to_list"),
  counterparts: ZKeyList.describe("Organismos que la actividad derivada nombra como contrapartes"),
  recipients: z
    .number()
    .int()
    .min(0)
    .max(1_000_000_000)
    .optional()
    .describe("Personas que recibieron al menos un mensaje; por omisión, el mayor «delivered» de sus envíos"),
  sends: z
    .array(ZDatasetCampaignSend)
    .min(1, { message: "una campaña necesita al menos un envío terminado" })
    .describe("Envíos terminados, del primero al último"),
});

/** A contact list of the commission, with its campaigns. Never its contacts: personal data travels only in a backup. */
export const ZDatasetOutreachList = z.object({
  key: ZKey,
  name: ZName,
  description: ZOptionalText,
  purpose: ZLongText.min(1).describe("Finalidad del tratamiento, como la dice el aviso de privacidad"),
  retentionMonths: z.number().int().min(1).max(1200),
  privacyNoticeVersion: ZName.describe("Versión vigente del aviso de privacidad"),
  campaigns: z.array(ZDatasetCampaign).default([]),
});

export const ZDataset = z.object({
  format: z.literal(DATASET_FORMAT),
  version: z.literal(DATASET_VERSION),
  institution: ZDatasetInstitution,
  activityKinds: z.array(ZDatasetCatalogEntry).default([]),
  agreementTypes: z.array(ZDatasetCatalogEntry).default([]),
  areas: z.array(ZDatasetArea).default([]),
  organisations: z.array(ZDatasetOrganisation).default([]),
  parties: z.array(ZDatasetParty).default([]),
  people: z.array(ZDatasetPerson).default([]),
  commission: ZDatasetCommission,
  memberships: z.array(ZDatasetMembership).default([]),
  programmes: z.array(ZDatasetProgramme).default([]),
  sessions: z.array(ZDatasetSession).default([]),
  resolutions: z.array(ZDatasetResolution).default([]),
  agreements: z.array(ZDatasetAgreement).default([]),
  pertinenceOpinions: z.array(ZDatasetPertinenceOpinion).default([]),
  agreementProgress: z.array(ZDatasetAgreementProgress).default([]),
  activities: z.array(ZDatasetActivity).default([]),
  /** Contact lists and their sent campaigns, without contacts (docs/decisions/026). */
  outreachLists: z.array(ZDatasetOutreachList).default([]),
  /** The commission's own report template (docs/decisions/008); absent means the default wording. */
  reportTemplate: ZReportTemplate.optional(),
});

export type Dataset = z.infer<typeof ZDataset>;
export type DatasetInput = z.input<typeof ZDataset>;
