import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  checkReportPeriod,
  ZPeriodCheckQuery,
  ZPeriodFinding,
} from "../../domain/reports/check-report-period.ts";
import { generateReport, REPORT_FORMATS } from "../../domain/reports/generate-report.ts";
import { ZReportTemplate } from "../../domain/reports/report-template.ts";
import {
  getReportTemplate,
  resetReportTemplate,
  saveReportTemplate,
  ZStoredReportTemplate,
} from "../../domain/reports/report-templates.ts";
import {
  approveReport,
  createReportDraft,
  downloadReport,
  getReport,
  listReports,
  presentReport,
  updateReportDraft,
  ZApproveReport,
  ZCreateReportDraft,
  ZPresentReport,
  ZReport,
  ZReportListQuery,
  ZUpdateReportDraft,
} from "../../domain/reports/report-workflow.ts";
import { ZProblem } from "../problem.ts";
import { LIMITS } from "../security.ts";
import type { RouteDependencies } from "./index.ts";

export function registerReportRoutes(app: FastifyInstance, { context, files }: RouteDependencies): void {
  app.withTypeProvider<ZodTypeProvider>().get(
    "/reports/checks",
    {
      config: { permission: "reports.read" },
      schema: {
        tags: ["Informes"],
        summary:
          "Revisiones de los registros del informe de un periodo; las de severidad «error» bloquean su aprobación",
        querystring: ZPeriodCheckQuery,
        response: { 200: z.object({ items: z.array(ZPeriodFinding) }), 400: ZProblem, 404: ZProblem },
      },
    },
    async (request) => ({ items: await checkReportPeriod(context(request), request.query) }),
  );
  app.withTypeProvider<ZodTypeProvider>().get(
    "/reports/preview",
    {
      config: { permission: "reports.read" },
      handlerTimeout: LIMITS.reportHandlerTimeoutMs,
      schema: {
        tags: ["Informes"],
        summary: "Genera el informe de un periodo a partir de los registros (vista previa, sin guardar)",
        querystring: z.object({
          commissionId: z.uuid(),
          period: z.string().max(10).describe("Trimestre (2021-Q1) o año (2021)"),
          format: z.enum(REPORT_FORMATS).default("html"),
        }),
        response: {
          200: z.unknown().meta({ type: "string", format: "binary" }),
          400: ZProblem,
          404: ZProblem,
        },
      },
    },
    async (request, reply) => {
      const { commissionId, period, format } = request.query;
      const { files } = await generateReport(context(request), { commissionId, period, formats: [format] });
      const file = files[0] as (typeof files)[number];
      return reply
        .type(file.mediaType)
        .header("etag", `"${file.sha256}"`)
        .header(
          "content-disposition",
          `${format === "html" ? "inline" : "attachment"}; filename="informe-${period}.${format}"`,
        )
        .send(Buffer.from(file.bytes));
    },
  );

  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["Informes"];
  const ZId = z.object({ id: z.string().max(100) });
  const errors = { 400: ZProblem, 404: ZProblem, 409: ZProblem, 422: ZProblem };
  api.get(
    "/reports",
    {
      config: { permission: "reports.read" },
      schema: {
        tags,
        summary:
          "Lista los informes (borradores, presentados y aprobados) de las comisiones en que el usuario consulta borradores",
        querystring: ZReportListQuery,
        response: { 200: z.object({ items: z.array(ZReport) }), 400: ZProblem },
      },
    },
    async (request) => listReports(context(request), request.query),
  );
  api.post(
    "/reports",
    {
      config: { permission: "reports.write" },
      schema: {
        tags,
        summary: "Crea el borrador del informe de un periodo",
        body: ZCreateReportDraft,
        response: { 201: ZReport, ...errors },
      },
    },
    async (request, reply) => reply.status(201).send(await createReportDraft(context(request), request.body)),
  );
  api.get(
    "/reports/:id",
    {
      config: { permission: "reports.readApproved" },
      schema: {
        tags,
        summary: "Consulta un informe (estado y archivos aprobados con su sha256)",
        params: ZId,
        response: { 200: ZReport, ...errors },
      },
    },
    async (request) => getReport(context(request), request.params.id),
  );
  api.patch(
    "/reports/:id",
    {
      config: { permission: "reports.write" },
      schema: {
        tags,
        summary: "Modifica los párrafos editables del borrador",
        params: ZId,
        body: ZUpdateReportDraft,
        response: { 200: ZReport, ...errors },
      },
    },
    async (request) => updateReportDraft(context(request), request.params.id, request.body),
  );
  api.post(
    "/reports/:id/presentation",
    {
      config: { permission: "reports.approve" },
      schema: {
        tags,
        summary: "Registra la presentación del informe en un punto del orden del día",
        params: ZId,
        body: ZPresentReport,
        response: { 200: ZReport, ...errors },
      },
    },
    async (request) => presentReport(context(request), request.params.id, request.body),
  );
  api.post(
    "/reports/:id/approval",
    {
      config: { permission: "reports.approve" },
      handlerTimeout: LIMITS.reportHandlerTimeoutMs,
      schema: {
        tags,
        summary: "Aprueba el informe con un acuerdo de la sesión en que se presentó y lo congela",
        params: ZId,
        body: ZApproveReport,
        response: { 200: ZReport, ...errors },
      },
    },
    async (request) => approveReport(context(request), files, request.params.id, request.body),
  );
  const templateTags = ["Informes"];
  api.get(
    "/commissions/:id/report-template",
    {
      config: { permission: "reports.read" },
      schema: {
        tags: templateTags,
        summary:
          "Plantilla de los informes de la comisión (redacción, títulos y tablas); la predeterminada si no tiene una propia",
        params: ZId,
        response: { 200: ZStoredReportTemplate, ...errors },
      },
    },
    async (request) => getReportTemplate(context(request), request.params.id),
  );
  api.put(
    "/commissions/:id/report-template",
    {
      config: { permission: "reports.write" },
      schema: {
        tags: templateTags,
        summary:
          "Reemplaza la plantilla de los informes de la comisión (se valida completa antes de guardarse)",
        params: ZId,
        body: ZReportTemplate,
        response: { 200: ZStoredReportTemplate, ...errors },
      },
    },
    async (request) => saveReportTemplate(context(request), request.params.id, request.body),
  );
  api.delete(
    "/commissions/:id/report-template",
    {
      config: { permission: "reports.write" },
      schema: {
        tags: templateTags,
        summary: "Vuelve a la plantilla predeterminada (la redacción del informe de referencia)",
        params: ZId,
        response: { 200: ZStoredReportTemplate, ...errors },
      },
    },
    async (request) => resetReportTemplate(context(request), request.params.id),
  );
  api.get(
    "/reports/:id/files/:format",
    {
      config: { permission: "reports.readApproved" },
      handlerTimeout: LIMITS.reportHandlerTimeoutMs,
      schema: {
        tags,
        summary:
          "Descarga el informe: los archivos congelados si está aprobado; si no, generado de los registros (con los párrafos del borrador). El HTML se muestra en línea y puede enmarcarse en la interfaz de Vincula",
        params: ZId.extend({ format: z.enum(REPORT_FORMATS) }),
        response: { 200: z.unknown().meta({ type: "string", format: "binary" }), ...errors },
      },
    },
    async (request, reply) => {
      const { format } = request.params;
      const file = await downloadReport(context(request), files, request.params.id, format);
      // The HTML is shown where it is opened (the report page frames it, docs/decisions/019); the rest download.
      return reply
        .type(file.mediaType)
        .header("x-vincula-frozen", String(file.isFrozen))
        .header(
          "content-disposition",
          `${format === "html" ? "inline" : "attachment"}; filename="informe-${file.period}.${format}"`,
        )
        .send(Buffer.from(file.bytes));
    },
  );
}
