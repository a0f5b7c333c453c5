/** Justifications of a work programme (the programme itself is a plain resource: /work-programmes). */
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  countProgrammeActivities,
  ZProgrammeActivityCounts,
} from "../../domain/programmes/count-programme-activities.ts";
import { ZRecordedJustification, ZRecordJustification } from "../../domain/programmes/programmes.schema.ts";
import { recordJustification } from "../../domain/programmes/record-justification.ts";
import { ZProblem } from "../problem.ts";
import type { RouteDependencies } from "./index.ts";

export function registerProgrammeRoutes(app: FastifyInstance, { context }: RouteDependencies): void {
  app.withTypeProvider<ZodTypeProvider>().put(
    "/work-programmes/:id/justifications",
    {
      config: { permission: "records.write" },
      schema: {
        tags: ["Programas de trabajo"],
        summary: "Registra o sustituye la justificación de una línea o acción en un trimestre",
        description:
          "Con `actionId`, la justificación es de la acción programada; solo con `lineId`, de la línea estratégica.",
        params: z.object({ id: z.string().max(100) }),
        body: ZRecordJustification,
        response: { 200: ZRecordedJustification, 400: ZProblem, 404: ZProblem, 409: ZProblem, 422: ZProblem },
      },
    },
    async (request) => recordJustification(context(request), request.params.id, request.body),
  );

  app.withTypeProvider<ZodTypeProvider>().get(
    "/work-programmes/:id/activity-counts",
    {
      config: { permission: "records.read" },
      schema: {
        tags: ["Programas de trabajo"],
        summary: "Actividades realizadas por acción y trimestre",
        description:
          "Por cada acción del programa y trimestre de su año, cuántas actividades realizadas (no canceladas ni " +
          "reprogramadas) tienen algún día en el trimestre; las acciones sin actividades no aparecen.",
        params: z.object({ id: z.string().max(100) }),
        response: { 200: ZProgrammeActivityCounts, 404: ZProblem },
      },
    },
    async (request) => countProgrammeActivities(context(request), request.params.id),
  );
}
