/** The history of changes: every entry, or those of one table, record, actor or span of time. */
import { zonedTimeToUtc } from "../../documents/icalendar.ts";
import { authorize, type UseCaseContext } from "../shared/context.ts";
import { fromZodIssues } from "../shared/errors.ts";
import type { Page } from "../shared/primitives.ts";
import { type AuditFilter, listEntries } from "./audit.repository.ts";
import { type AuditEntry, ZAuditQuery } from "./audit.schema.ts";

/** Calendar days in filters are days in the commission's city. */
const AUDIT_TIME_ZONE = "America/Mexico_City";
const isDay = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value);

function nextDay(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

export async function listAuditEntries(ctx: UseCaseContext, rawQuery: unknown): Promise<Page<AuditEntry>> {
  authorize(ctx.actor, "audit.read");
  const parsed = ZAuditQuery.safeParse(rawQuery ?? {});
  if (!parsed.success)
    throw fromZodIssues(parsed.error.issues, rawQuery, "validation_failed", "Filtros inválidos.");
  const query = parsed.data;
  const filter: AuditFilter = { table: query.table, recordId: query.recordId, actor: query.actor };
  if (query.from)
    filter.from = {
      at: isDay(query.from) ? zonedTimeToUtc(query.from, "00:00", AUDIT_TIME_ZONE) : new Date(query.from),
      inclusive: true,
    };
  if (query.to)
    filter.to = isDay(query.to)
      ? { at: zonedTimeToUtc(nextDay(query.to), "00:00", AUDIT_TIME_ZONE), inclusive: false }
      : { at: new Date(query.to), inclusive: true };
  const { items, total } = await listEntries(ctx.db, filter, query);
  return { items, total, limit: query.limit, offset: query.offset };
}
