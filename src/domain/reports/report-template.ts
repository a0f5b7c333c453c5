/**
 * A commission's report template: the wording, titles and table definitions of its reports, stored per commission
 * as data (report-templates.ts) with the reference report's wording as the default. It holds
 *  - the titles and the headings of the fixed sections;
 *  - the introduction's paragraphs, with placeholders filled from the records ({members}, {programmeApproval}…);
 *  - per programmed action («2A»), how its part presents its records: which rows (activities of the action,
 *    agreements signed or reported in the period, pertinence opinions), as what (a numbered table with its caption
 *    and columns, a list of ceremonies), and the sentence before it. Sentences are wording with placeholders, so
 *    every number and every table reference in them is derived from the same rows the table shows:
 *      {count}   the number of rows, in figures        {countWords} in words («veintiún»: {countWordsFem})
 *      {period}  «primer trimestre de 2021»             {table}      «tabla 2.2», resolved from the table
 * Parts without an entry show their activities in a generic table; activities no entry shows are listed after.
 */
import { z } from "zod";

/**
 * The placeholders each kind of wording may use; anything else in braces is refused when a template is stored,
 * so a typo cannot reach an official document. Values are derived from the records when the report is composed.
 */
export const PLACEHOLDERS = {
  part: ["count", "countWords", "countWordsFem", "period", "table"],
  title: ["ordinal", "year"],
  heading: ["commission", "acronym"],
  introduction: [
    "commission",
    "acronym",
    "institution",
    "period",
    "periodRange",
    "year",
    "reportKind",
    "members",
    "chair",
    "membersFrom",
    "membersDesignatedBy",
    "secretary",
    "secretaryFrom",
    "secretaryDesignatedBy",
    "programme",
    "programmeYear",
    "programmeApproval",
  ],
} as const;

/** What a placeholder stands for, in the marker a composed report shows when the records lack it. */
export const PLACEHOLDER_LABELS: Record<(typeof PLACEHOLDERS.introduction)[number], string> = {
  commission: "nombre de la comisión",
  acronym: "siglas de la comisión",
  institution: "nombre de la institución",
  period: "periodo",
  periodRange: "meses del periodo",
  year: "año",
  reportKind: "tipo de informe",
  members: "consejeras y consejeros integrantes",
  chair: "presidencia de la comisión",
  membersFrom: "fecha de integración de la comisión",
  membersDesignatedBy: "acuerdo de integración de la comisión",
  secretary: "secretaría técnica",
  secretaryFrom: "fecha de designación de la secretaría técnica",
  secretaryDesignatedBy: "acuerdo de designación de la secretaría técnica",
  programme: "programa anual de trabajo",
  programmeYear: "año del programa",
  programmeApproval: "acuerdos de aprobación del programa",
};

const placeholdersIn = (wording: string) => [...wording.matchAll(/\{([^{}]*)\}/g)].map((m) => m[1] as string);

/** A wording that may only use the placeholders of its kind. */
const ZWording = (kind: keyof typeof PLACEHOLDERS, max = 2000) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .superRefine((wording, ctx) => {
      const allowed: readonly string[] = PLACEHOLDERS[kind];
      for (const name of placeholdersIn(wording)) {
        if (!allowed.includes(name)) {
          ctx.addIssue({
            code: "custom",
            message: `marcador desconocido {${name}}: aquí puede usar ${allowed.map((a) => `{${a}}`).join(", ")}`,
            input: wording,
          });
        }
      }
    });

/**
 * Replaces the placeholders of a wording with their values; a value the records lack shows as a visible marker
 * («[falta: presidencia de la comisión]») so the draft cannot hide it, and is reported in `missing`.
 */
export function fillWording(
  wording: string,
  values: Record<string, string | undefined>,
  labels: Record<string, string> = PLACEHOLDER_LABELS,
): { text: string; missing: string[] } {
  const missing: string[] = [];
  const text = wording.replace(/\{([a-zA-Z]+)\}/g, (_, name: string) => {
    const value = values[name];
    if (value !== undefined) return value;
    missing.push(name);
    return `[falta: ${labels[name] ?? name}]`;
  });
  return { text, missing };
}

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
export const ZActivityColumn = z.enum([
  "date",
  "title",
  "description",
  "followedBody",
  "counterparts",
  "audience",
]);

const ZColumn = <T extends z.ZodType>(value: T) =>
  z.object({
    header: z.string().min(1).max(200),
    value,
    width: z.number().positive().max(20).optional(),
    /** Prints a value repeated on consecutive rows once, merged over them (as the reference does for SIVOPLE). */
    mergeRepeated: z.boolean().optional(),
  });

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
  z.object({
    kind: z.literal("activities"),
    /** Activity kinds (catalogue keys) and followed bodies (organisation keys, in the order of the groups). */
    kinds: z.array(z.string().min(1)).min(1),
    followedBodies: z.array(z.string().min(1)).optional(),
    /** A caption makes the table numbered («Tabla 3.1»). */
    caption: z.string().min(1).max(300).optional(),
    hasRowNumbers: z.boolean().default(true),
    /** Merges the cells of the followed body over its consecutive rows. */
    groupByFollowedBody: z.boolean().default(false),
    columns: z.array(ZColumn(ZActivityColumn)).min(1),
  }),
]);
export type PartPresentation = z.infer<typeof ZPartPresentation>;

export const ZPartTemplate = z.object({
  /** Sentence before the rows; `whenEmpty` replaces it (and the rows) when there are none. */
  intro: ZWording("part").optional(),
  whenEmpty: ZWording("part").optional(),
  presentation: ZPartPresentation,
});
export type PartTemplate = z.infer<typeof ZPartTemplate>;

export const ZReportTemplate = z.object({
  /** The report's title: «{ordinal} informe trimestral de actividades» and the annual one. */
  titles: z.object({ quarterly: ZWording("title", 300), annual: ZWording("title", 300) }),
  /** Headings of the fixed sections. */
  headings: z.object({
    toc: ZWording("heading", 200),
    introduction: ZWording("heading", 200),
    sessions: ZWording("heading", 300),
    resolutions: ZWording("heading", 300),
    results: ZWording("heading", 300),
  }),
  /**
   * The introduction's paragraphs, used when the draft has no introduction of its own. A paragraph that starts
   * with «- » is an item of a bullet list (consecutive items form one list).
   */
  introduction: z.array(ZWording("introduction")).min(1).max(40),
  /**
   * Keyed by strategic line number and action letter («2A»): what the part shows, in order. The activities of the
   * action that no entry shows are listed after them, so nothing recorded is left out.
   */
  parts: z.record(
    z.string().regex(/^\d{1,2}[A-Z]$/, { message: "clave de parte inválida: use línea y letra, p. ej. 2A" }),
    z.array(ZPartTemplate).min(1).max(20),
  ),
});
export type ReportTemplate = z.infer<typeof ZReportTemplate>;

const INSTRUMENT = { header: "Instrumento e Institución", value: "title", width: 3 } as const;
const OBJECT = { header: "Objeto", value: "object", width: 5 } as const;
const SIGNED_ON = { header: "Fecha de suscripción", value: "signedOn", width: 2 } as const;

/** The wording and tables of the reference report (CVOE, first quarterly report of 2021). */
const DATE = { header: "Fecha", value: "date", width: 2 } as const;
const BODY = { header: "Instancia Electoral", value: "followedBody", width: 4 } as const;
const followedSessions = (followedBodies: string[]) => ({
  kind: "activities",
  kinds: ["session_followed"],
  followedBodies,
  groupByFollowedBody: true,
  columns: [DATE, BODY],
});

export const DEFAULT_REPORT_TEMPLATE: ReportTemplate = ZReportTemplate.parse({
  titles: {
    quarterly: "{ordinal} informe trimestral de actividades {year}",
    annual: "Informe anual de actividades {year}",
  },
  headings: {
    toc: "ÍNDICE",
    introduction: "Introducción",
    sessions: "Sesiones de la {commission} y asistencia",
    resolutions: "Acuerdos y puntos presentados a la Comisión",
    results: "Principales resultados",
  },
  introduction: [
    "Este informe se presenta de conformidad con los artículos 37, fracción I; 50, fracción XIII; 52, 53, 56, 57, párrafo segundo; 58, primer párrafo; 59, fracción VII; y 65 del Código de Instituciones y Procedimientos Electorales de la Ciudad de México, así como con el artículo 33 del Reglamento Interior del {institution}.",
    "El Consejo General, el {membersFrom}, aprobó la actual integración de la {commission} (Comisión) mediante el acuerdo {membersDesignatedBy}, quedando conformada por {chair}, en la presidencia, y por {members}.",
    "Asimismo, el {secretaryFrom}, la Comisión aprobó, mediante el acuerdo {secretaryDesignatedBy}, la designación de {secretary} como titular de la secretaría técnica de dicho órgano colegiado.",
    "Por otra parte, el {programme} (PAT) establece las directrices, los objetivos específicos y líneas estratégicas, así como las acciones programadas de la Comisión durante el {programmeYear}.",
    "En este sentido, el PAT correspondiente al {programmeYear} fue {programmeApproval}.",
    "Bajo dicho marco de planeación, el presente documento da cuenta del informe {reportKind} de actividades correspondiente al periodo comprendido entre {periodRange}, en relación con la programación establecida en el PAT.",
    "Por consiguiente, a efecto de dar cumplimiento a los objetivos estratégicos que la Comisión trazó para el {programmeYear}, el informe se estructura en tres apartados:",
    "- I. Sesiones celebradas que acreditan las actividades que se propuso la Comisión para el {period}.",
    "- II. Acuerdos tomados por la y los consejeros integrantes de la Comisión, a efecto de cumplir con las atribuciones que legalmente tienen conferidas.",
    "- III. Principales resultados obtenidos por la Comisión en el periodo que se informa.",
  ],
  parts: {
    "1B": [
      {
        intro:
          "Se dio seguimiento a las sesiones del Consejo General del INE, realizándose {countWordsFem} notas ejecutivas que fueron enviadas a las personas consejeras electorales del IECM en las siguientes fechas:",
        presentation: {
          kind: "activities",
          kinds: ["executive_note"],
          followedBodies: ["ine-cg"],
          groupByFollowedBody: true,
          columns: [DATE, BODY],
        },
      },
      {
        intro:
          "Asimismo, se dio atención al desarrollo de las sesiones de las siguientes Comisiones del Consejo General del INE, en los siguientes términos:",
        presentation: followedSessions(["ine-ccoe", "ine-cvopl", "ine-cvmre"]),
      },
      {
        intro:
          "En el anterior sentido, se dio seguimiento a las sesiones del Consejo Local del INE en la Ciudad de México de la manera siguiente:",
        presentation: followedSessions(["ine-cl-cdmx"]),
      },
    ],
    "1C": [
      {
        intro:
          "Respecto a la atención y recepción de solicitudes de información por parte de la autoridad nacional electoral, se realizaron {count} reportes, los cuales se remitieron a las personas consejeras electorales del IECM en las siguientes fechas:",
        presentation: {
          kind: "activities",
          kinds: ["sivople_report"],
          columns: [DATE, { header: "Actualización", value: "title", width: 4, mergeRepeated: true }],
        },
      },
    ],
    "3A": [
      {
        intro:
          "Con el objetivo de generar una dinámica permanente de acercamiento institucional con las universidades públicas y privadas, se asistió virtualmente a las universidades que se enlistan en la {table}:",
        presentation: {
          kind: "activities",
          kinds: ["university_talk"],
          caption: "Pláticas en universidades",
          hasRowNumbers: false,
          columns: [DATE, { header: "Universidad", value: "counterparts", width: 4 }],
        },
      },
    ],
    "3B": [
      {
        intro:
          "Con la finalidad de mantener informadas a las personas integrantes de la Red de Observación IECM, así como propiciar la observación permanente de los trabajos, se enviaron {count} correos electrónicos con información relevante ({table}).",
        presentation: {
          kind: "activities",
          kinds: ["email_to_list"],
          caption: "Información difundida a la Red de Observación",
          columns: [DATE, { header: "Información que se compartió", value: "title", width: 5 }],
        },
      },
    ],
    "5A": [
      {
        intro:
          "Con el fin de informar sobre el ejercicio de sus derechos político-electorales y fortalecer la vinculación con la ciudadanía de la Ciudad de México residente en el extranjero, se distribuyeron entre la base de datos de Voto Chilango {count} correos electrónicos con la siguiente información:",
        presentation: {
          kind: "activities",
          kinds: ["email_to_list"],
          columns: [
            { header: "Fecha de envío", value: "date", width: 2 },
            { header: "Información", value: "title", width: 5 },
          ],
        },
      },
    ],
    "5B": [
      {
        intro:
          "Se realizaron las siguientes actividades en coordinación con el Instituto Nacional Electoral:",
        presentation: {
          kind: "activities",
          kinds: ["workshop"],
          columns: [
            { header: "Fecha de realización", value: "date", width: 2 },
            { header: "Actividad", value: "title", width: 5 },
          ],
        },
      },
      {
        intro:
          "Asimismo, se realizaron {countWords} ediciones de la iniciativa «Invita a una o un consejero a tu casa»:",
        presentation: {
          kind: "activities",
          kinds: ["event"],
          columns: [
            { header: "Fecha de realización", value: "date", width: 2 },
            { header: "Evento", value: "title", width: 5 },
          ],
        },
      },
    ],
    "6B": [
      {
        intro:
          "Se distribuyó entre las y los integrantes del Consejo General del IECM la siguiente información:",
        presentation: {
          kind: "activities",
          kinds: ["international_note"],
          columns: [
            DATE,
            { header: "Información", value: "title", width: 4 },
            { header: "Objetivo", value: "description", width: 4, mergeRepeated: true },
          ],
        },
      },
    ],
    "2A": [
      {
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
    ],
    "2B": [
      {
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
    ],
    "2C": [
      {
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
    ],
    "2D": [
      {
        intro:
          "Durante el periodo reportado, se da cuenta de las labores de acompañamiento en la negociación de los convenios y áreas que se relacionan en la {table}:",
        whenEmpty:
          "Durante el periodo reportado no se acompañó a otras áreas en la suscripción de convenios.",
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
    ],
    "2E": [
      {
        whenEmpty: "Durante el periodo reportado no se celebraron actos protocolarios de firma de convenios.",
        presentation: { kind: "ceremonies" },
      },
    ],
    "2F": [
      {
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
    ],
  },
});
