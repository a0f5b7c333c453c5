/** The audit trail as use cases and routes see it: entries, the filters of their list, a verification's result. */
import { z } from "zod";
import { ZCalendarDate, ZPagination } from "../shared/primitives.ts";

export const AUDIT_OPERATIONS = ["insert", "update", "delete"] as const;

export const ZAuditEntry = z.object({
  id: z.number().int().meta({ description: "Número de la entrada: consecutivo, en el orden de la cadena" }),
  at: z.string().meta({ description: "Instante del cambio (el de su transacción), ISO 8601 en UTC" }),
  actor: z.string().meta({ description: "Quién: account:usuario, cli:nombre, system:…, sign-in:usuario" }),
  table: z.string(),
  operation: z.enum(AUDIT_OPERATIONS),
  recordId: z
    .string()
    .meta({ description: "id del registro (o su clave compuesta, partes separadas por «/»)" }),
  before: z.unknown().nullable().meta({ description: "La fila antes del cambio (sin secretos)" }),
  after: z.unknown().nullable().meta({ description: "La fila después del cambio (sin secretos)" }),
  prevHash: z.string(),
  hash: z.string(),
});
export type AuditEntry = z.infer<typeof ZAuditEntry>;

/** An instant (ISO 8601 with offset) or a calendar day, read in Mexico City's time. */
const ZInstantOrDay = z.union([z.iso.datetime({ offset: true }), ZCalendarDate]);

export const ZAuditQuery = ZPagination.extend({
  table: z.string().trim().min(1).max(100).optional(),
  recordId: z.string().trim().min(1).max(200).optional(),
  actor: z.string().trim().min(1).max(200).optional(),
  from: ZInstantOrDay.optional().meta({ description: "Desde este instante o el inicio de este día" }),
  to: ZInstantOrDay.optional().meta({ description: "Hasta este instante o el final de este día" }),
  order: z.enum(["asc", "desc"]).default("asc"),
});
export type AuditQuery = z.infer<typeof ZAuditQuery>;

/** The first entry that breaks the chain, and why (in Spanish). */
export const ZAuditProblem = z.object({
  id: z.number().int(),
  at: z.string().nullable(),
  actor: z.string().nullable(),
  table: z.string().nullable(),
  recordId: z.string().nullable(),
  message: z.string(),
});
export type AuditProblem = z.infer<typeof ZAuditProblem>;

export const ZAuditVerification = z.object({
  ok: z.boolean(),
  /** Entries found intact before the first problem (all of them when `ok`). */
  entries: z.number().int(),
  /** When intact, the seal of the last entry (64 zeros when the log is empty): note it to detect a rewrite. */
  headHash: z.string().nullable(),
  problem: ZAuditProblem.nullable(),
});
export type AuditVerification = z.infer<typeof ZAuditVerification>;
