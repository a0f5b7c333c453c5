import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { exportDataset, serialiseDataset } from "../../domain/dataset/export-dataset.ts";
import { importDataset } from "../../domain/dataset/import-dataset.ts";
import { ZProblem } from "../problem.ts";
import { LIMITS } from "../security.ts";
import type { RouteDependencies } from "./index.ts";

const ZImportSummary = z.object({
  commissionKey: z.string(),
  dryRun: z.boolean(),
  replaced: z.boolean(),
  counts: z.record(z.string(), z.number()),
});

export function registerDatasetRoutes(app: FastifyInstance, { context }: RouteDependencies): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.post(
    "/imports",
    {
      config: { permission: "data.import" },
      bodyLimit: LIMITS.importBodyBytes,
      handlerTimeout: LIMITS.importHandlerTimeoutMs,
      schema: {
        tags: ["Conjuntos de datos"],
        summary: "Importa una comisión completa (todo o nada)",
        description:
          "El cuerpo es un conjunto de datos en JSON (formato en docs/dataset.md y docs/dataset.schema.json). " +
          "Si hay problemas responde 422 con todos ellos en `errors` (ruta, valor y mensaje) y no escribe nada.",
        querystring: z.object({
          dryRun: z.coerce.boolean().default(false),
          replace: z.coerce.boolean().default(false),
        }),
        body: z.unknown(),
        response: { 200: ZImportSummary, 201: ZImportSummary, 400: ZProblem, 409: ZProblem, 422: ZProblem },
      },
    },
    async (request, reply) => {
      const summary = await importDataset(context(request), request.body, request.query);
      return reply.status(summary.dryRun ? 200 : 201).send(summary);
    },
  );
  api.get(
    "/commissions/by-key/:key/dataset",
    {
      config: { permission: "data.import" },
      handlerTimeout: LIMITS.reportHandlerTimeoutMs,
      schema: {
        tags: ["Conjuntos de datos"],
        summary: "Exporta los registros de una comisión en el formato de importación",
        params: z.object({ key: z.string().max(120) }),
        querystring: z.object({ format: z.enum(["json", "yaml"]).default("json") }),
        response: { 200: z.string(), 404: ZProblem },
      },
    },
    async (request, reply) => {
      const dataset = await exportDataset(context(request), request.params.key);
      const format = request.query.format;
      return reply
        .type(format === "yaml" ? "application/yaml; charset=utf-8" : "application/json; charset=utf-8")
        .header("content-disposition", `attachment; filename="${request.params.key}.${format}"`)
        .send(serialiseDataset(dataset, format));
    },
  );
}
