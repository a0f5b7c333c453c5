/**
 * Agreements beyond CRUD: moving the stage, the derived counts, and pertinence opinions (issued with their
 * number; listed, read and corrected, but never renumbered or deleted). /agreements and /agreement-progress are
 * plain resources.
 */
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { countAgreements } from "../../domain/agreements/agreement-counts.ts";
import { pertinenceOpinionResource } from "../../domain/agreements/agreements.resources.ts";
import {
  ZAgreement,
  ZAgreementCounts,
  ZAgreementCountsQuery,
  ZAgreementStageChange,
  ZPertinenceOpinion,
  ZPertinenceOpinionIssue,
  ZPertinenceOpinionUpdate,
} from "../../domain/agreements/agreements.schema.ts";
import { changeAgreementStage } from "../../domain/agreements/change-agreement-stage.ts";
import { issuePertinenceOpinion } from "../../domain/agreements/issue-pertinence-opinion.ts";
import { zPage } from "../../domain/shared/primitives.ts";
import { ZProblem } from "../problem.ts";
import type { RouteDependencies } from "./index.ts";

const ZIdParams = z.object({ id: z.string().max(100) });
const errors = { 400: ZProblem, 404: ZProblem, 409: ZProblem, 422: ZProblem };

export function registerAgreementRoutes(app: FastifyInstance, { context }: RouteDependencies): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.post(
    "/agreements/:id/stage",
    {
      config: { permission: "records.write" },
      schema: {
        tags: ["Convenios"],
        summary: "Avanza la etapa del convenio",
        description:
          "Registra la etapa alcanzada y su fecha (la de firma, si es `signed`). Las etapas solo avanzan: " +
          "negociación → opinión de pertinencia → firma → vigencia → conclusión, terminación o cancelación. " +
          "Retroceder responde 409 `agreement_stage_not_forward`; marcar vigente, concluido o terminado un convenio " +
          "sin firma, 409 `agreement_not_signed`.",
        params: ZIdParams,
        body: ZAgreementStageChange,
        response: { 200: ZAgreement, ...errors },
      },
    },
    async (request) => changeAgreementStage(context(request), request.params.id, request.body),
  );

  api.get(
    "/agreement-counts",
    {
      config: { permission: "records.read" },
      schema: {
        tags: ["Convenios"],
        summary: "Cifras de convenios de una comisión",
        description:
          "Firmados hasta la fecha de corte (desde `since` o desde el primero), vigentes en esa fecha, firmados por " +
          "año y por tipo; con `from` y `to`, además los firmados en el periodo por tipo de gestión (directa o " +
          "acompañada) y los convenios con avances informados en sesiones del periodo.",
        querystring: ZAgreementCountsQuery,
        response: { 200: ZAgreementCounts, 400: ZProblem, 404: ZProblem },
      },
    },
    async (request) => countAgreements(context(request), request.query),
  );

  const opinionTags = [pertinenceOpinionResource.definition.tag];
  api.get(
    "/pertinence-opinions",
    {
      config: { permission: "records.read" },
      schema: {
        tags: opinionTags,
        summary: "Lista opiniones de pertinencia",
        querystring: pertinenceOpinionResource.listQuery,
        response: { 200: zPage(ZPertinenceOpinion), 400: ZProblem },
      },
    },
    async (request) => pertinenceOpinionResource.list(context(request), request.query),
  );
  api.get(
    "/pertinence-opinions/:id",
    {
      config: { permission: "records.read" },
      schema: {
        tags: opinionTags,
        summary: "Consulta una opinión de pertinencia",
        params: ZIdParams,
        response: { 200: ZPertinenceOpinion, ...errors },
      },
    },
    async (request) => pertinenceOpinionResource.get(context(request), request.params.id),
  );
  api.post(
    "/pertinence-opinions",
    {
      config: { permission: "records.write" },
      schema: {
        tags: opinionTags,
        summary: "Emite una opinión de pertinencia",
        description:
          "Asigna el número oficial con el patrón de la comisión (p. ej. IECM/UTVOE/OP/01/2021), consecutivo por " +
          "comisión y año de emisión. Sin patrón configurado responde 409 `numbering_not_configured`.",
        body: ZPertinenceOpinionIssue,
        response: { 201: ZPertinenceOpinion, ...errors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await issuePertinenceOpinion(context(request), request.body)),
  );
  api.patch(
    "/pertinence-opinions/:id",
    {
      config: { permission: "records.write" },
      schema: {
        tags: opinionTags,
        summary: "Corrige una opinión de pertinencia",
        description:
          "El número no cambia; por eso la fecha de emisión solo puede cambiar dentro del mismo año.",
        params: ZIdParams,
        body: ZPertinenceOpinionUpdate,
        response: { 200: ZPertinenceOpinion, ...errors },
      },
    },
    async (request) => pertinenceOpinionResource.update(context(request), request.params.id, request.body),
  );
}
