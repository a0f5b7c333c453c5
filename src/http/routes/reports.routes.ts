import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  checkReportPeriod,
  ZPeriodCheckQuery,
  ZPeriodFinding,
} from "../../domain/reports/check-report-period.ts";
import { generateReport, REPORT_FORMATS } from "../../domain/reports/generate-report.ts";
import { ZProblem } from "../problem.ts";
import type { RouteDependencies } from "./index.ts";

export function registerReportRoutes(app: FastifyInstance, { context }: RouteDependencies): void {
  app.withTypeProvider<ZodTypeProvider>().get(
    "/reports/checks",
    {
      schema: {
        tags: ["Informes"],
        summary:
          "Revisiones de los registros del informe de un periodo; las de severidad «error» bloquean su aprobación",
        querystring: ZPeriodCheckQuery,
        response: { 200: z.object({ items: z.array(ZPeriodFinding) }), 400: ZProblem, 404: ZProblem },
      },
    },
    async (request) => ({ items: await checkReportPeriod(context(), request.query) }),
  );
  app.withTypeProvider<ZodTypeProvider>().get(
    "/reports/preview",
    {
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
      const { files } = await generateReport(context(), { commissionId, period, formats: [format] });
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
}
