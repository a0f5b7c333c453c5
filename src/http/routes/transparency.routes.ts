/** The transparency portal under /public: read-only, no account («public.read»). */
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { REPORT_FORMATS } from "../../domain/reports/generate-report.ts";
import { zPage } from "../../domain/shared/primitives.ts";
import { downloadApprovedReport, listApprovedReports } from "../../domain/transparency/approved-reports.ts";
import { exportAgreementsTransparency } from "../../domain/transparency/export-agreements-transparency.ts";
import { exportSessionCalendar } from "../../domain/transparency/export-session-calendar.ts";
import { listAdoptedResolutions } from "../../domain/transparency/list-adopted-resolutions.ts";
import { listAgreementsInForce } from "../../domain/transparency/list-agreements-in-force.ts";
import { listPublicSessions } from "../../domain/transparency/list-public-sessions.ts";
import {
  ZAgreementsInForce,
  ZAgreementsInForceQuery,
  ZApprovedReport,
  ZApprovedReportsQuery,
  ZPublicResolution,
  ZPublicResolutionsQuery,
  ZPublicSession,
  ZPublicSessionsQuery,
  ZTransparencyExportQuery,
} from "../../domain/transparency/transparency.schema.ts";
import { ZProblem } from "../problem.ts";
import { LIMITS } from "../security.ts";
import type { RouteDependencies } from "./index.ts";

const tags = ["Transparencia"];
const config = { permission: "public.read" } as const;
const errors = { 400: ZProblem, 404: ZProblem };
const ZBinary = z.unknown().meta({ type: "string", format: "binary" });

export function registerTransparencyRoutes(
  app: FastifyInstance,
  { context, files }: RouteDependencies,
): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    "/public/sessions",
    {
      config,
      schema: {
        tags,
        summary: "Calendario de sesiones (sin cuenta)",
        description:
          "Sesiones de una comisión (o de todas) entre `from` y `to`, con su nombre calculado («Tercera sesión ordinaria»).",
        querystring: ZPublicSessionsQuery,
        response: { 200: z.object({ items: z.array(ZPublicSession) }), ...errors },
      },
    },
    async (request) => ({ items: await listPublicSessions(context(request), request.query) }),
  );
  api.get(
    "/public/sessions.ics",
    {
      config,
      schema: {
        tags,
        summary: "Calendario de sesiones en iCalendar (sin cuenta)",
        description:
          "Las mismas sesiones como text/calendar (RFC 5545), para suscribirse desde una aplicación de calendario. " +
          "Una sesión sin hora es un evento de día completo; con hora, se da en UTC desde la hora de la Ciudad de México.",
        querystring: ZPublicSessionsQuery,
        response: { 200: ZBinary, ...errors },
      },
    },
    async (request, reply) => {
      const text = await exportSessionCalendar(context(request), request.query);
      const name = request.query.commission ? `sesiones-${request.query.commission}` : "sesiones";
      return reply
        .type("text/calendar; charset=utf-8")
        .header("content-disposition", `inline; filename="${safeFileName(name)}.ics"`)
        .send(Buffer.from(text, "utf8"));
    },
  );
  api.get(
    "/public/resolutions",
    {
      config,
      schema: {
        tags,
        summary: "Acuerdos adoptados (sin cuenta)",
        description: "Número, fecha, sesión y título de los acuerdos adoptados, por comisión y año.",
        querystring: ZPublicResolutionsQuery,
        response: { 200: zPage(ZPublicResolution), ...errors },
      },
    },
    async (request) => listAdoptedResolutions(context(request), request.query),
  );
  api.get(
    "/public/reports",
    {
      config,
      schema: {
        tags,
        summary: "Informes aprobados (sin cuenta)",
        description:
          "Solo informes aprobados, nunca borradores: periodo, acuerdo que los aprobó y sus archivos congelados con sha256.",
        querystring: ZApprovedReportsQuery,
        response: { 200: z.object({ items: z.array(ZApprovedReport) }), ...errors },
      },
    },
    async (request) => ({ items: await listApprovedReports(context(request), request.query) }),
  );
  api.get(
    "/public/reports/:id/files/:format",
    {
      config,
      schema: {
        tags,
        summary: "Descarga un archivo congelado de un informe aprobado (sin cuenta)",
        description:
          "Los bytes guardados al aprobarse; un borrador o un informe presentado no existen aquí (404).",
        params: z.object({ id: z.string().max(100), format: z.enum(REPORT_FORMATS) }),
        response: { 200: ZBinary, ...errors },
      },
    },
    async (request, reply) => {
      const { id, format } = request.params;
      const file = await downloadApprovedReport(context(request), files, id, format);
      return reply
        .type(file.mediaType)
        .header("etag", `"${file.sha256}"`)
        .header(
          "content-disposition",
          `attachment; filename="informe-${safeFileName(file.period)}.${format}"`,
        )
        .send(Buffer.from(file.bytes));
    },
  );
  api.get(
    "/public/agreements/in-force",
    {
      config,
      schema: {
        tags,
        summary: "Convenios vigentes en una fecha (sin cuenta)",
        description:
          "Vigentes en `date` (por omisión, hoy en la Ciudad de México) con el mismo criterio que `/agreements?inForceOn=` " +
          "(docs/decisions/005).",
        querystring: ZAgreementsInForceQuery,
        response: { 200: ZAgreementsInForce, ...errors },
      },
    },
    async (request) => listAgreementsInForce(context(request), request.query),
  );
  api.get(
    "/public/agreements/transparency-format",
    {
      config,
      handlerTimeout: LIMITS.reportHandlerTimeoutMs,
      schema: {
        tags,
        summary: "Convenios en el formato de transparencia, art. 70 fr. XXXIII (sin cuenta)",
        description:
          "Los convenios firmados en el periodo (`period`=2021 o 2021-Q1, o `from` y `to` dentro de un año), con las " +
          "columnas del formato, como XLSX o CSV (UTF-8 con BOM). Criterios: docs/decisions/013-transparency-export.md.",
        querystring: ZTransparencyExportQuery,
        response: { 200: ZBinary, ...errors },
      },
    },
    async (request, reply) => {
      const file = await exportAgreementsTransparency(context(request), request.query);
      return reply
        .type(file.mediaType)
        .header("content-disposition", `attachment; filename="${safeFileName(file.fileName)}"`)
        .send(Buffer.from(file.bytes));
    },
  );
}

/** A file name safe inside a quoted content-disposition value. */
function safeFileName(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]/g, "_");
}
