/** Turns a resource definition (src/domain/shared/resource.ts) into its five REST routes. */
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { zPage } from "../../domain/shared/primitives.ts";
import type { Resource } from "../../domain/shared/resource.ts";
import { ZProblem } from "../problem.ts";
import type { RouteDependencies } from "./index.ts";

const ZIdParams = z.object({ id: z.string().max(100) });
const errors = { 400: ZProblem, 404: ZProblem, 409: ZProblem, 422: ZProblem };

export function registerResourceRoutes(
  app: FastifyInstance,
  resource: Resource<z.ZodObject, z.ZodObject>,
  { context }: RouteDependencies,
): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { definition } = resource;
  const base = `/${definition.plural}`;
  const tags = [definition.tag];
  const read = { permission: resource.routePermissions.read };
  const write = { permission: resource.routePermissions.write };

  api.get(
    base,
    {
      config: read,
      schema: {
        tags,
        summary: `Lista (${definition.tag.toLowerCase()})`,
        querystring: resource.listQuery,
        response: { 200: zPage(definition.output), 400: ZProblem },
      },
    },
    async (request) => resource.list(context(request), request.query),
  );
  api.get(
    `${base}/:id`,
    {
      config: read,
      schema: {
        tags,
        summary: "Consulta uno",
        params: ZIdParams,
        response: { 200: definition.output, ...errors },
      },
    },
    async (request) => resource.get(context(request), request.params.id),
  );
  api.post(
    base,
    {
      config: write,
      schema: {
        tags,
        summary: "Crea",
        body: definition.create,
        response: { 201: definition.output, ...errors },
      },
    },
    async (request, reply) => reply.status(201).send(await resource.create(context(request), request.body)),
  );
  api.patch(
    `${base}/:id`,
    {
      config: write,
      schema: {
        tags,
        summary: "Modifica",
        params: ZIdParams,
        body: resource.updateSchema,
        response: { 200: definition.output, ...errors },
      },
    },
    async (request) => resource.update(context(request), request.params.id, request.body),
  );
  api.delete(
    `${base}/:id`,
    {
      config: write,
      schema: { tags, summary: "Elimina", params: ZIdParams, response: { 204: z.null(), ...errors } },
    },
    async (request, reply) => {
      await resource.remove(context(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
}
