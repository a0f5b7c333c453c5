import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { getInstitution, setInstitution, ZInstitution } from "../../domain/catalogs/institution.ts";
import { ZDatasetInstitution } from "../../domain/dataset/dataset.schema.ts";
import { ZProblem } from "../problem.ts";
import type { RouteDependencies } from "./index.ts";

export function registerSystemRoutes(app: FastifyInstance, { context }: RouteDependencies): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get(
    "/institution",
    {
      config: { permission: "catalogs.read" },
      schema: {
        tags: ["Sistema"],
        summary: "La institución de esta instalación",
        response: { 200: ZInstitution, 404: ZProblem },
      },
    },
    async (request) => getInstitution(context(request)),
  );
  api.put(
    "/institution",
    {
      config: { permission: "accounts.manage" },
      schema: {
        tags: ["Sistema"],
        summary: "Define la institución (o cambia su nombre)",
        body: ZDatasetInstitution,
        response: { 200: ZInstitution, 400: ZProblem },
      },
    },
    async (request) => setInstitution(context(request), request.body),
  );
  api.get(
    "/health",
    {
      config: { permission: "public.read" },
      schema: {
        tags: ["Sistema"],
        summary: "Estado del servicio",
        response: { 200: z.object({ status: z.literal("ok") }) },
      },
    },
    async () => ({ status: "ok" as const }),
  );
}
