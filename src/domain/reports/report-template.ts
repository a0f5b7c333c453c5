/**
 * How a part of section III presents its records: which rows (activities of the action, agreements signed or
 * reported in the period, pertinence opinions), as what (a numbered table with its caption and columns, a list of
 * ceremonies), and the sentence before it. Sentences are wording with placeholders, so every number and every
 * table reference in them is derived from the same rows the table shows:
 *   {count}       the number of rows, in figures            {countWords} in words («veintiún»: {countWordsFem})
 *   {period}      «primer trimestre de 2021»                 {table}      «tabla 2.2», resolved from the table
 *
 * Status (issue 3 in progress): the default template reproduces the reference's line 2 (tables 2.1–2.5 and the
 * signing ceremonies); parts without an entry show their activities in a generic table. Storing a template per
 * commission (editable data) is the next step; this schema is what will be stored.
 */
import { z } from "zod";

const ZSentence = z.string().min(1).max(2000);

export const ZAgreementColumn = z.enum([
  "title",
  "object",
  "signedOn",
  "type",
  "counterparts",
  "areas",
  "sessionsReported",
]);
export const ZOpinionColumn = z.enum(["number", "subject", "areas", "outcome"]);

const ZColumn = <T extends z.ZodType>(value: T) =>
  z.object({ header: z.string().min(1).max(200), value, width: z.number().positive().max(20).optional() });

export const ZPartPresentation = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("agreements"),
    /** Which agreements: signed in the period (all, or by management), or with progress reported in it. */
    rows: z.enum(["signed", "signedDirect", "signedAccompanied", "reported"]),
    caption: z.string().min(1).max(300),
    columns: z.array(ZColumn(ZAgreementColumn)).min(1),
  }),
  z.object({
    kind: z.literal("opinions"),
    caption: z.string().min(1).max(300),
    columns: z.array(ZColumn(ZOpinionColumn)).min(1),
  }),
  z.object({ kind: z.literal("ceremonies") }),
]);
export type PartPresentation = z.infer<typeof ZPartPresentation>;

export const ZPartTemplate = z.object({
  /** Sentence before the rows; `whenEmpty` replaces it (and the rows) when there are none. */
  intro: ZSentence.optional(),
  whenEmpty: ZSentence.optional(),
  presentation: ZPartPresentation,
});
export type PartTemplate = z.infer<typeof ZPartTemplate>;

export const ZReportTemplate = z.object({
  /** Keyed by strategic line number and action letter: «2A». */
  parts: z.record(z.string().regex(/^\d{1,2}[A-Z]$/), ZPartTemplate),
});
export type ReportTemplate = z.infer<typeof ZReportTemplate>;

const INSTRUMENT = { header: "Instrumento e Institución", value: "title", width: 3 } as const;
const OBJECT = { header: "Objeto", value: "object", width: 5 } as const;
const SIGNED_ON = { header: "Fecha de suscripción", value: "signedOn", width: 2 } as const;

/** The wording and tables of the reference report (CVOE, first quarterly report of 2021). */
export const DEFAULT_REPORT_TEMPLATE: ReportTemplate = ZReportTemplate.parse({
  parts: {
    "2A": {
      intro:
        "Durante el periodo reportado se gestionó la suscripción de {countWords} convenios interinstitucionales, de los cuales da cuenta la {table}:",
      whenEmpty:
        "Durante el periodo reportado no se gestionó directamente la suscripción de convenios interinstitucionales.",
      presentation: {
        kind: "agreements",
        rows: "signedDirect",
        caption: "Gestión directa de convenios interinstitucionales",
        columns: [INSTRUMENT, OBJECT, SIGNED_ON],
      },
    },
    "2B": {
      intro:
        "Durante el {period} se llevó a cabo la suscripción de {countWords} instrumentos jurídicos, de los cuales se da cuenta en la {table}, a saber:",
      whenEmpty: "Durante el periodo reportado no se suscribieron instrumentos jurídicos.",
      presentation: {
        kind: "agreements",
        rows: "signed",
        caption: "Instrumentos jurídicos suscritos",
        columns: [INSTRUMENT, OBJECT, SIGNED_ON],
      },
    },
    "2C": {
      intro:
        "Durante el {period}, las diversas áreas del instituto reportaron avances en {count} convenios ({table}), cuyas actividades fueron informadas pormenorizadamente en las sesiones ordinarias.",
      whenEmpty: "Durante el periodo reportado no se informaron avances de convenios.",
      presentation: {
        kind: "agreements",
        rows: "reported",
        caption: "Avance al cumplimiento de los compromisos adoptados en los convenios",
        columns: [
          { header: "Tipo de convenio", value: "type", width: 2 },
          { header: "Contraparte", value: "counterparts", width: 4 },
          { header: "Sesión ordinaria en la que se reportó", value: "sessionsReported", width: 3 },
        ],
      },
    },
    "2D": {
      intro:
        "Durante el periodo reportado, se da cuenta de las labores de acompañamiento en la negociación de los convenios y áreas que se relacionan en la {table}:",
      whenEmpty: "Durante el periodo reportado no se acompañó a otras áreas en la suscripción de convenios.",
      presentation: {
        kind: "agreements",
        rows: "signedAccompanied",
        caption: "Acompañamiento a áreas en la negociación y suscripción de convenios",
        columns: [
          { ...INSTRUMENT, width: 3 },
          { ...OBJECT, width: 4 },
          { header: "Área responsable operativa", value: "areas", width: 3 },
          SIGNED_ON,
        ],
      },
    },
    "2E": {
      whenEmpty: "Durante el periodo reportado no se celebraron actos protocolarios de firma de convenios.",
      presentation: { kind: "ceremonies" },
    },
    "2F": {
      intro:
        "Durante el periodo reportado se emitieron {countWordsFem} opiniones de pertinencia, que la {table} pormenoriza:",
      whenEmpty: "Durante el periodo reportado no se emitieron opiniones de pertinencia.",
      presentation: {
        kind: "opinions",
        caption: "Opiniones de pertinencia emitidas",
        columns: [
          { header: "Número de opinión de pertinencia", value: "number", width: 3 },
          { header: "Instrumento jurídico opinado", value: "subject", width: 5 },
          { header: "Área responsable operativa del instrumento", value: "areas", width: 3 },
          { header: "Sentido de la opinión", value: "outcome", width: 2 },
        ],
      },
    },
  },
});
