import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { ZAuditEntry, ZAuditQuery, ZAuditVerification } from "../../domain/audit/audit.schema.ts";
import { listAuditEntries } from "../../domain/audit/list-audit-entries.ts";
import { verifyAuditTrail } from "../../domain/audit/verify-audit-trail.ts";
import { zPage } from "../../domain/shared/primitives.ts";
import { ZProblem } from "../problem.ts";
import type { RouteDependencies } from "./index.ts";

export function registerAuditRoutes(app: FastifyInstance, { context }: RouteDependencies): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get(
    "/audit",
    {
      config: { permission: "audit.read" },
      schema: {
        tags: ["Bitácora"],
        summary: "Bitácora de cambios: quién cambió qué registro, cuándo, antes y después",
        description:
          "Cada alta, cambio y baja de cualquier registro, en el orden en que ocurrieron. Con `table` y " +
          "`recordId`, la historia de un registro; `actor` acepta «account:ana» o solo «ana»; `from` y `to`, " +
          "un instante ISO 8601 o un día (hora de la Ciudad de México).",
        querystring: ZAuditQuery,
        response: { 200: zPage(ZAuditEntry), 400: ZProblem },
      },
    },
    async (request) => listAuditEntries(context(request), request.query),
  );
  api.get(
    "/audit/verify",
    {
      config: { permission: "audit.read" },
      schema: {
        tags: ["Bitácora"],
        summary: "Comprueba que la bitácora esté íntegra",
        description:
          "Recalcula el sello de cada entrada y su encadenamiento con la anterior. `ok: false` nombra la primera " +
          "entrada alterada, quitada o fuera de orden.",
        response: { 200: ZAuditVerification },
      },
    },
    async (request) => verifyAuditTrail(context(request)),
  );
}
