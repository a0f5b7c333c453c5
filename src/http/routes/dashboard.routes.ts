/** The «Inicio» page's data: one read-only route over getDashboard. */
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { EXPIRY_HORIZON_DAYS, ZDashboard, ZDashboardQuery } from "../../domain/dashboard/dashboard.schema.ts";
import { getDashboard } from "../../domain/dashboard/get-dashboard.ts";
import { ZProblem } from "../problem.ts";
import type { RouteDependencies } from "./index.ts";

export function registerDashboardRoutes(app: FastifyInstance, { context }: RouteDependencies): void {
  app.withTypeProvider<ZodTypeProvider>().get(
    "/dashboard",
    {
      config: { permission: "records.read" },
      schema: {
        tags: ["Inicio"],
        summary:
          "Lo que requiere atención en una comisión: sesiones, convenios, programa, asistencia, revisiones",
        description:
          "Próximas sesiones (hasta 5, sin las canceladas); convenios vigentes cuya vigencia termina en los próximos " +
          `${EXPIRY_HORIZON_DAYS} días; por línea estratégica y trimestre, acciones programadas, realizadas (con una ` +
          "actividad celebrada en el trimestre), justificadas y pendientes; actividades celebradas por línea y mes de " +
          "inicio; asistencia del año de cada integrante y de cada representación partidista (asistencias entre " +
          "sesiones celebradas en cuya lista figura); y las revisiones del informe del trimestre en curso (solo con " +
          "«reports.read»).",
        querystring: ZDashboardQuery,
        response: { 200: ZDashboard, 400: ZProblem, 403: ZProblem, 404: ZProblem },
      },
    },
    async (request) => getDashboard(context(request), request.query),
  );
}
