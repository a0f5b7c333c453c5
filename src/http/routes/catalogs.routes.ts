/** Catalogue use cases beyond CRUD: merging a duplicate organisation or person into the record kept. */
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { ZOrganisation, ZPerson } from "../../domain/catalogs/catalogs.schema.ts";
import {
  mergeOrganisation,
  mergePerson,
  ZMergeInput,
  ZMergeReference,
} from "../../domain/catalogs/merge-records.ts";
import { ZProblem } from "../problem.ts";
import type { RouteDependencies } from "./index.ts";

const ZIdParams = z.object({ id: z.string().max(100) });
const errors = { 400: ZProblem, 404: ZProblem, 409: ZProblem, 422: ZProblem };
const description =
  "Mueve al registro que se conserva (`into`) todas las referencias al duplicado (`:id`), agrega el nombre y los " +
  "alias del duplicado a los alias del que se conserva y elimina el duplicado, en una sola transacción que queda " +
  "en la bitácora. Si mover una referencia repetiría un valor único (la misma persona dos veces en la asistencia " +
  "de una sesión), responde 409 y no cambia nada. Con `dryRun: true` solo cuenta las referencias que se moverían.";

export function registerCatalogRoutes(app: FastifyInstance, { context }: RouteDependencies): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const result = <T extends z.ZodType>(kept: T) =>
    z.object({ kept, dryRun: z.boolean(), references: z.array(ZMergeReference) });
  api.post(
    "/organisations/:id/merge",
    {
      config: { permission: "records.write" },
      schema: {
        tags: ["Organismos externos"],
        summary: "Fusiona un organismo duplicado con el que se conserva",
        description,
        params: ZIdParams,
        body: ZMergeInput,
        response: { 200: result(ZOrganisation), ...errors },
      },
    },
    async (request) => mergeOrganisation(context(request), request.params.id, request.body),
  );
  api.post(
    "/people/:id/merge",
    {
      config: { permission: "records.write" },
      schema: {
        tags: ["Personas"],
        summary: "Fusiona una persona duplicada con la que se conserva",
        description,
        params: ZIdParams,
        body: ZMergeInput,
        response: { 200: result(ZPerson), ...errors },
      },
    },
    async (request) => mergePerson(context(request), request.params.id, request.body),
  );
}
