/**
 * What the public (no account) may ask for and what it gets: sessions, adopted resolutions, approved reports,
 * agreements in force and the transparency format. Outputs name only what is public: no video-call links, no
 * draft texts, no ids of internal attachments.
 */
import { z } from "zod";
import {
  ZAgreementManagement,
  ZAgreementStage,
  ZSessionKind,
  ZSessionModality,
  ZSessionStatus,
} from "../dataset/dataset.schema.ts";
import { parsePeriod } from "../shared/calendar.ts";
import { ZCalendarDate, ZPagination, ZYear } from "../shared/primitives.ts";

export const ZCommissionRef = z
  .string()
  .trim()
  .min(1, { message: "indique la comisión" })
  .max(120, { message: "no puede pasar de 120 caracteres" })
  .describe("Clave de la comisión (p. ej. cvoe) o su identificador")
  .meta({ example: "cvoe" });

const ZQueryYear = z.coerce.number({ message: "el año debe ser un número" }).pipe(ZYear);

/** `from` ≤ `to` when both are given. */
function checkRange(query: { from?: string; to?: string }, ctx: z.RefinementCtx): void {
  if (query.from && query.to && query.to < query.from)
    ctx.addIssue({ code: "custom", path: ["to"], message: "no puede ser anterior a from", input: query.to });
}

export const ZPublicSessionsQuery = z
  .object({
    commission: ZCommissionRef.optional(),
    from: ZCalendarDate.optional().describe("Sesiones desde esta fecha (inclusive)"),
    to: ZCalendarDate.optional().describe("Sesiones hasta esta fecha (inclusive)"),
  })
  .superRefine(checkRange);
export type PublicSessionsQuery = z.infer<typeof ZPublicSessionsQuery>;

const ZCommissionSummary = z.object({ key: z.string(), acronym: z.string(), name: z.string() });

export const ZPublicSession = z.object({
  id: z.string(),
  commission: ZCommissionSummary,
  name: z.string().describe("Nombre calculado, p. ej. «Tercera sesión ordinaria»"),
  kind: ZSessionKind,
  number: z.number().int(),
  date: z.string(),
  dateText: z.string().describe("La fecha con su día de la semana: «jueves 21 de enero de 2021»"),
  startTime: z.string().nullable().describe("HH:MM, hora de la Ciudad de México; sin hora, el día completo"),
  modality: ZSessionModality,
  place: z.string().nullable(),
  status: ZSessionStatus,
});
export type PublicSession = z.infer<typeof ZPublicSession>;

export const ZPublicResolutionsQuery = ZPagination.extend({
  commission: ZCommissionRef.optional(),
  year: ZQueryYear.optional().describe("Año del acuerdo (el de su número)"),
});

export const ZPublicResolution = z.object({
  id: z.string(),
  commission: ZCommissionSummary.pick({ key: true, acronym: true }),
  number: z.string().describe("Número oficial, p. ej. CVOE/001/21"),
  date: z.string().describe("Fecha de la sesión en que se adoptó"),
  title: z.string(),
  session: z.object({ id: z.string(), name: z.string(), date: z.string() }),
});
export type PublicResolution = z.infer<typeof ZPublicResolution>;

export const ZApprovedReportsQuery = z.object({
  commission: ZCommissionRef.optional(),
  year: ZQueryYear.optional().describe("Año del periodo informado"),
});

export const ZApprovedReport = z.object({
  id: z.string(),
  commission: ZCommissionSummary,
  period: z.string().describe("2021-Q1 (trimestre) o 2021 (año)"),
  periodName: z.string().describe("«primer trimestre de 2021», «año 2021»"),
  approvedAt: z.string().nullable(),
  approvedBy: z
    .object({
      number: z.string(),
      date: z.string(),
      sessionName: z.string(),
    })
    .nullable()
    .describe("Acuerdo que lo aprobó y sesión en que se adoptó"),
  files: z.array(
    z.object({
      format: z.string(),
      mediaType: z.string(),
      sha256: z.string(),
      size: z.number().int(),
    }),
  ),
});
export type ApprovedReport = z.infer<typeof ZApprovedReport>;

export const ZAgreementsInForceQuery = z.object({
  commission: ZCommissionRef.optional(),
  date: ZCalendarDate.optional().describe("Fecha de corte; por omisión, hoy en la Ciudad de México"),
});

export const ZPublicAgreement = z.object({
  id: z.string(),
  commission: ZCommissionSummary.pick({ key: true, acronym: true }),
  key: z.string(),
  title: z.string(),
  type: z.string().nullable().describe("Tipo de instrumento del catálogo de la institución"),
  object: z.string().nullable(),
  counterparts: z.array(z.string()).describe("Organismos contraparte, en el orden en que se citan"),
  areas: z.array(z.string()).describe("Áreas responsables"),
  management: ZAgreementManagement,
  stage: ZAgreementStage,
  signedOn: z.string().nullable(),
  validFrom: z.string().nullable(),
  validTo: z.string().nullable(),
  isIndefinite: z.boolean(),
});
export type PublicAgreement = z.infer<typeof ZPublicAgreement>;

export const ZAgreementsInForce = z.object({ date: z.string(), items: z.array(ZPublicAgreement) });

export const TRANSPARENCY_EXPORT_FORMATS = ["xlsx", "csv"] as const;
export type TransparencyExportFormat = (typeof TRANSPARENCY_EXPORT_FORMATS)[number];

/** The period of the export: `period` (2021 or 2021-Q1) or `from` and `to`, within one fiscal year (ejercicio). */
export const ZTransparencyExportQuery = z
  .object({
    commission: ZCommissionRef,
    period: z
      .string()
      .max(10)
      .refine((value) => parsePeriod(value) !== undefined, {
        message: "periodo inválido: use AAAA-Qn para un trimestre (p. ej. 2021-Q1) o AAAA para un año",
      })
      .optional()
      .describe("Año (2021) o trimestre (2021-Q1)"),
    from: ZCalendarDate.optional().describe("Inicio del periodo que se informa"),
    to: ZCalendarDate.optional().describe("Término del periodo que se informa"),
    format: z
      .enum(TRANSPARENCY_EXPORT_FORMATS, { message: "formato desconocido: use xlsx o csv" })
      .default("xlsx")
      .describe("xlsx (libro con el formato y su fundamento) o csv (UTF-8 con BOM)"),
  })
  .superRefine((query, ctx) => {
    const hasRange = query.from !== undefined || query.to !== undefined;
    if (query.period !== undefined && hasRange)
      ctx.addIssue({ code: "custom", path: ["period"], message: "indique period o from y to, no ambos" });
    else if (query.period === undefined && !hasRange)
      ctx.addIssue({
        code: "custom",
        path: ["period"],
        message: "indique period (2021, 2021-Q1) o from y to",
      });
    else if (hasRange && (query.from === undefined || query.to === undefined))
      ctx.addIssue({
        code: "custom",
        path: [query.from ? "to" : "from"],
        message: "el periodo necesita from y to",
      });
    checkRange(query, ctx);
    if (query.from && query.to && query.from.slice(0, 4) !== query.to.slice(0, 4))
      ctx.addIssue({
        code: "custom",
        path: ["to"],
        message: "el periodo que se informa queda dentro de un ejercicio (un año)",
        input: query.to,
      });
  });
export type TransparencyExportQuery = z.infer<typeof ZTransparencyExportQuery>;
