/**
 * Bulk import of activities from XLSX: the body is the file's bytes (application/octet-stream, like an
 * attachment), `commit=false` answers the per-row check, `commit=true` saves every row in one transaction or
 * nothing (422 with each row's errors). The template is written from the same column list.
 */

import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  activityImportTemplate,
  importActivities,
  ZActivityImportResult,
} from "../../domain/activities/import-activities.ts";
import { ZProblem } from "../problem.ts";
import { LIMITS } from "../security.ts";
import { acceptRawUploads, uploadedBytes } from "../uploads.ts";
import { contentDisposition } from "./attachments.routes.ts";
import type { RouteDependencies } from "./index.ts";

const tags = ["Actividades de vinculación"];
const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

export async function registerActivityImportRoutes(
  app: FastifyInstance,
  { context, maxUploadBytes }: RouteDependencies,
): Promise<void> {
  await app.register(async (scope) => {
    const uploadErrors = acceptRawUploads(scope, {
      types: ["application/octet-stream"],
      maxBytes: maxUploadBytes,
      expected: "el libro XLSX tal cual, con Content-Type: application/octet-stream",
    });
    const api = scope.withTypeProvider<ZodTypeProvider>();

    api.post(
      "/activities/import",
      {
        config: { permission: "data.import" },
        bodyLimit: maxUploadBytes,
        handlerTimeout: LIMITS.importHandlerTimeoutMs,
        errorHandler: uploadErrors,
        schema: {
          tags,
          summary: "Importa actividades desde un libro XLSX",
          description:
            "El cuerpo es el libro (application/octet-stream) con las columnas de la plantilla " +
            "(GET /activities/import-template). `commit=false` revisa cada fila y no guarda nada; `commit=true` " +
            "guarda todas las filas en una sola transacción solo si ninguna tiene errores, y si alguna los tiene " +
            "responde 422 `dataset_invalid` con los errores de cada fila (`filas[N].Columna`) sin guardar nada.",
          consumes: ["application/octet-stream"],
          querystring: z.object({
            commissionId: z.string().max(100).describe("Comisión de las actividades"),
            commit: z.enum(["true", "false"]).default("false").describe("true: guardar; false: solo revisar"),
          }),
          body: z.unknown().meta({ type: "string", format: "binary" }),
          response: {
            200: ZActivityImportResult,
            201: ZActivityImportResult,
            400: ZProblem,
            404: ZProblem,
            413: ZProblem,
            415: ZProblem,
            422: ZProblem,
          },
        },
      },
      async (request, reply) => {
        const result = await importActivities(context(request), {
          commissionId: request.query.commissionId,
          bytes: uploadedBytes(request.body),
          commit: request.query.commit === "true",
        });
        return reply.status(result.committed ? 201 : 200).send(result);
      },
    );
  });

  app.withTypeProvider<ZodTypeProvider>().get(
    "/activities/import-template",
    {
      config: { permission: "data.import" },
      schema: {
        tags,
        summary: "Plantilla XLSX para importar actividades",
        description: "Una hoja con los encabezados de las columnas y otra con lo que admite cada una.",
        produces: [XLSX_TYPE],
        response: { 200: z.unknown().meta({ type: "string", format: "binary" }) },
      },
    },
    async (request, reply) =>
      reply
        .type(XLSX_TYPE)
        .header("content-disposition", contentDisposition("plantilla-actividades.xlsx"))
        .send(Buffer.from(await activityImportTemplate(context(request)))),
  );
}
