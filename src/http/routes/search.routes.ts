import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { runChecks, ZCheckQuery, ZFinding } from "../../domain/checks/run-checks.ts";
import { searchRecords, ZSearchHit, ZSearchQuery } from "../../domain/search/search-records.ts";
import { ZProblem } from "../problem.ts";
import type { RouteDependencies } from "./index.ts";

export function registerSearchRoutes(app: FastifyInstance, { context }: RouteDependencies): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get(
    "/search",
    {
      config: { permission: "records.read" },
      schema: {
        tags: ["Búsqueda"],
        summary: "Búsqueda de texto completo en todos los registros",
        description:
          "Sin distinguir acentos ni mayúsculas, con raíces en español: «convenios» encuentra «convenio».",
        querystring: ZSearchQuery,
        response: { 200: z.object({ items: z.array(ZSearchHit) }), 400: ZProblem },
      },
    },
    async (request) => ({ items: await searchRecords(context(request), request.query) }),
  );
  api.get(
    "/checks",
    {
      config: { permission: "reports.read" },
      schema: {
        tags: ["Revisión"],
        summary: "Revisa los registros y devuelve los hallazgos",
        querystring: ZCheckQuery,
        response: { 200: z.object({ items: z.array(ZFinding) }), 400: ZProblem },
      },
    },
    async (request) => ({ items: await runChecks(context(request), request.query) }),
  );
}
