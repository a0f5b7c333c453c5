/**
 * Interinstitutional agreements (convenios), their pertinence opinions and the progress reported on them in
 * sessions. Shapes come from the dataset schemas; the API refers to other records by uuid (`…Id`).
 */
import { z } from "zod";
import {
  ZAgreementManagement,
  ZAgreementStage,
  ZDatasetAgreement,
  ZDatasetAgreementProgress,
  ZDatasetPertinenceOpinion,
  ZDatasetStageEvent,
  ZOpinionOutcome,
} from "../dataset/dataset.schema.ts";
import { duplicateIssues, patchOf, zDistinctList } from "../shared/patch.ts";
import { ZCalendarDate, ZLongText, ZUuid, ZYear } from "../shared/primitives.ts";

const ZStamps = { id: ZUuid, createdAt: z.string(), updatedAt: z.string() };

export type AgreementStage = z.infer<typeof ZAgreementStage>;
export type StageEvent = { stage: AgreementStage; date: string; note?: string | null };

const ZStageEvents = z
  .array(ZDatasetStageEvent)
  .describe("Historia de etapas: cada etapa alcanzada, con su fecha")
  .superRefine((list, ctx) => {
    const stages = list.map((event) => event.stage);
    for (const issue of duplicateIssues(
      stages,
      (i) => [i, "stage"],
      "etapa repetida: cada etapa se registra una vez",
    ))
      ctx.addIssue(issue);
  });

const ZCeremony = z.object({ date: ZCalendarDate, description: ZLongText.min(1) });

const ZAgreementDocument = z.object({
  attachmentId: ZUuid.describe("Archivo subido (POST /attachments)"),
  label: z
    .string()
    .trim()
    .min(1, { message: "la etiqueta no puede estar vacía" })
    .max(200, { message: "la etiqueta no puede pasar de 200 caracteres" })
    .describe("Qué documento es, p. ej. «Convenio firmado», «Anexo técnico»")
    .meta({ example: "Convenio firmado" }),
});

const ZAgreementDocuments = z
  .array(ZAgreementDocument)
  .describe("Documentos del convenio (archivos subidos), cada uno con su etiqueta")
  .superRefine((list, ctx) => {
    for (const issue of duplicateIssues(
      list.map((document) => document.attachmentId),
      (i) => [i, "attachmentId"],
      "archivo repetido: cada archivo se adjunta una vez",
    ))
      ctx.addIssue(issue);
  });

export const ZAgreementCreate = ZDatasetAgreement.omit({
  type: true,
  counterparts: true,
  areas: true,
  stages: true,
  indefinite: true,
  parent: true,
}).extend({
  commissionId: ZUuid.describe("Comisión que da seguimiento al convenio"),
  typeId: ZUuid.optional().describe("Tipo de instrumento (catálogo agreement_type)"),
  counterpartIds: zDistinctList(ZUuid, "contraparte repetida")
    .min(1, { message: "un convenio necesita al menos una contraparte" })
    .describe("Organismos contraparte, en el orden en que se citan"),
  areaIds: zDistinctList(ZUuid, "área repetida").default([]).describe("Áreas responsables, en orden"),
  stages: ZStageEvents.default([]),
  isIndefinite: z.boolean().default(false).describe("Vigencia indefinida (sin fecha de término)"),
  parentId: ZUuid.optional().describe("Convenio del que deriva (p. ej. el general de un específico)"),
  documents: ZAgreementDocuments.default([]),
});

/**
 * PATCH: the commission and the stage never change here (the stage moves with POST /agreements/:id/stage);
 * `null` clears an optional field; a list that is sent replaces the stored one.
 */
export const ZAgreementUpdate = patchOf(
  ZAgreementCreate.omit({ commissionId: true, stage: true }).extend({
    typeId: ZUuid.nullable(),
    object: ZLongText.nullable(),
    signedOn: ZCalendarDate.nullable(),
    validFrom: ZCalendarDate.nullable(),
    validTo: ZCalendarDate.nullable(),
    parentId: ZUuid.nullable(),
    resources: ZLongText.nullable(),
    ceremony: ZCeremony.nullable(),
  }),
);

const ZStageEventOut = z.object({ stage: ZAgreementStage, date: z.string(), note: z.string().nullable() });

export const ZAgreement = z.object({
  ...ZStamps,
  commissionId: ZUuid,
  key: z.string(),
  title: z.string(),
  typeId: z.string().nullable(),
  object: z.string().nullable(),
  counterpartIds: z.array(z.string()),
  areaIds: z.array(z.string()),
  management: ZAgreementManagement,
  stage: ZAgreementStage,
  stages: z.array(ZStageEventOut),
  signedOn: z.string().nullable(),
  validFrom: z.string().nullable(),
  validTo: z.string().nullable(),
  isIndefinite: z.boolean(),
  parentId: z.string().nullable(),
  resources: z.string().nullable(),
  ceremony: z.object({ date: z.string(), description: z.string() }).nullable(),
  documents: z
    .array(z.object({ attachmentId: z.string(), label: z.string() }))
    .describe("Documentos del convenio, por etiqueta"),
});
export type Agreement = z.infer<typeof ZAgreement>;

export const ZAgreementStageChange = z.object({
  stage: ZAgreementStage.describe("Etapa a la que avanza"),
  date: ZCalendarDate.describe("Fecha en que se alcanzó la etapa (la de firma, si es «signed»)"),
  note: ZLongText.optional(),
});

// ---------------------------------------------------------------------------------------------------------------
// Pertinence opinions

export const ZPertinenceOpinionIssue = ZDatasetPertinenceOpinion.omit({
  number: true,
  agreement: true,
  areas: true,
  issuedOn: true,
}).extend({
  commissionId: ZUuid,
  agreementId: ZUuid.optional().describe("Convenio sobre el que se opina"),
  issuedOn: ZCalendarDate.describe("Fecha de emisión; su año determina la numeración"),
  areaIds: zDistinctList(ZUuid, "área repetida").default([]).describe("Áreas que opinan, en orden"),
});

/** PATCH: the number (and so the year of issue) never changes. */
export const ZPertinenceOpinionUpdate = patchOf(
  ZPertinenceOpinionIssue.omit({ commissionId: true }).extend({ agreementId: ZUuid.nullable() }),
);

export const ZPertinenceOpinion = z.object({
  ...ZStamps,
  commissionId: ZUuid,
  number: z.string().describe("Número oficial, p. ej. IECM/UTVOE/OP/01/2021"),
  year: z.number().int(),
  seq: z.number().int(),
  agreementId: z.string().nullable(),
  subject: z.string(),
  outcome: ZOpinionOutcome,
  issuedOn: z.string().nullable(),
  areaIds: z.array(z.string()),
});
export type PertinenceOpinion = z.infer<typeof ZPertinenceOpinion>;

// ---------------------------------------------------------------------------------------------------------------
// Progress reported in sessions

export const ZAgreementProgressCreate = ZDatasetAgreementProgress.omit({
  agreement: true,
  session: true,
  area: true,
}).extend({
  agreementId: ZUuid,
  sessionId: ZUuid.describe("Sesión en la que se informó el avance"),
  areaId: ZUuid.optional().describe("Área que informa"),
});

/** PATCH: the agreement and the session identify the record and never change. */
export const ZAgreementProgressUpdate = patchOf(
  ZAgreementProgressCreate.omit({ agreementId: true, sessionId: true }).extend({
    areaId: ZUuid.nullable(),
    text: ZLongText.nullable(),
  }),
);

export const ZAgreementProgress = z.object({
  id: ZUuid,
  agreementId: ZUuid,
  sessionId: ZUuid,
  areaId: z.string().nullable(),
  text: z.string().nullable(),
});
export type AgreementProgress = z.infer<typeof ZAgreementProgress>;

// ---------------------------------------------------------------------------------------------------------------
// Derived counts

export const ZAgreementCountsQuery = z
  .object({
    commissionId: ZUuid,
    date: ZCalendarDate.optional().describe(
      "Fecha de corte (vigentes en esa fecha; firmados hasta esa fecha). Por omisión, `to` o la fecha de hoy",
    ),
    since: ZCalendarDate.optional().describe(
      "Cuenta los firmados desde esta fecha (por omisión, desde el primero)",
    ),
    from: ZCalendarDate.optional().describe("Inicio del periodo (p. ej. del trimestre)"),
    to: ZCalendarDate.optional().describe("Fin del periodo"),
  })
  .superRefine((query, ctx) => {
    if ((query.from === undefined) !== (query.to === undefined))
      ctx.addIssue({
        code: "custom",
        path: [query.from ? "to" : "from"],
        message: "el periodo necesita from y to",
      });
    if (query.from && query.to && query.to < query.from)
      ctx.addIssue({ code: "custom", path: ["to"], message: "no puede ser anterior a from" });
  });

const ZCount = z.number().int().min(0);

export const ZAgreementCounts = z.object({
  commissionId: ZUuid,
  date: z.string().describe("Fecha de corte"),
  signed: z.object({
    since: z
      .string()
      .nullable()
      .describe("Desde cuándo se cuentan (la fecha pedida o la del primer convenio firmado)"),
    count: ZCount,
  }),
  inForce: z.object({ on: z.string(), count: ZCount }),
  signedByYear: z.array(z.object({ year: ZYear, count: ZCount })),
  signedByType: z.array(
    z.object({
      typeId: z.string().nullable(),
      typeKey: z.string().nullable(),
      typeName: z.string().nullable(),
      count: ZCount,
    }),
  ),
  period: z
    .object({
      from: z.string(),
      to: z.string(),
      signed: z.object({ total: ZCount, direct: ZCount, accompanied: ZCount }),
      withProgress: ZCount.describe("Convenios distintos con avances informados en sesiones del periodo"),
    })
    .nullable(),
});
export type AgreementCounts = z.infer<typeof ZAgreementCounts>;
