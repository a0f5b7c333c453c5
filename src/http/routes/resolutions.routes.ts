/**
 * Resolutions: adopting one assigns its number (POST), corrections never touch the number (PATCH), and only the
 * last number of a year can be withdrawn (DELETE), so numbering has no gaps.
 */
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { adoptResolution } from "../../domain/resolutions/adopt-resolution.ts";
import {
  getResolution,
  listResolutions,
  resolutionListQuery,
} from "../../domain/resolutions/resolutions.resources.ts";
import {
  ZAdoptResolution,
  ZResolution,
  ZResolutionUpdate,
} from "../../domain/resolutions/resolutions.schema.ts";
import { updateResolution } from "../../domain/resolutions/update-resolution.ts";
import { withdrawResolution } from "../../domain/resolutions/withdraw-resolution.ts";
import { zPage } from "../../domain/shared/primitives.ts";
import { ZProblem } from "../problem.ts";
import type { RouteDependencies } from "./index.ts";

const ZIdParams = z.object({ id: z.string().max(100) });
const errors = { 400: ZProblem, 404: ZProblem, 409: ZProblem, 422: ZProblem };
const tags = ["Acuerdos"];

export function registerResolutionRoutes(app: FastifyInstance, { context }: RouteDependencies): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    "/resolutions",
    {
      config: { permission: "sessions.read" },
      schema: {
        tags,
        summary: "Lista de acuerdos",
        description: "Filtre por `year` para verlos en el orden de su numeración (`sort=seq`).",
        querystring: resolutionListQuery,
        response: { 200: zPage(ZResolution), 400: ZProblem },
      },
    },
    async (request) => listResolutions(context(request), request.query),
  );
  api.get(
    "/resolutions/:id",
    {
      config: { permission: "sessions.read" },
      schema: {
        tags,
        summary: "Consulta un acuerdo",
        params: ZIdParams,
        response: { 200: ZResolution, ...errors },
      },
    },
    async (request) => getResolution(context(request), request.params.id),
  );
  api.post(
    "/resolutions",
    {
      config: { permission: "records.write" },
      schema: {
        tags,
        summary: "Adopta un acuerdo en una sesión",
        description:
          "Asigna el siguiente número de la comisión en el año de la sesión, con el patrón de la comisión " +
          "(p. ej. CVOE/001/21). El número nunca se envía.",
        body: ZAdoptResolution,
        response: { 201: ZResolution, ...errors },
      },
    },
    async (request, reply) => reply.status(201).send(await adoptResolution(context(request), request.body)),
  );
  api.patch(
    "/resolutions/:id",
    {
      config: { permission: "records.write" },
      schema: {
        tags,
        summary: "Corrige título, texto, punto del orden del día o votación",
        params: ZIdParams,
        body: ZResolutionUpdate,
        response: { 200: ZResolution, ...errors },
      },
    },
    async (request) => updateResolution(context(request), request.params.id, request.body),
  );
  api.delete(
    "/resolutions/:id",
    {
      config: { permission: "records.write" },
      schema: {
        tags,
        summary: "Retira el último acuerdo del año",
        description:
          "Solo el último número de su año (código resolution_not_last si no lo es): la numeración no deja huecos.",
        params: ZIdParams,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await withdrawResolution(context(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
}
