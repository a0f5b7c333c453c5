/** The sessions calendar of the public portal: a commission's sessions with their computed Spanish names. */
import { sessionName } from "../reports/compose-report.ts";
import { formatSpanishLongDate } from "../shared/calendar.ts";
import { authorize, type UseCaseContext } from "../shared/context.ts";
import { parseInput } from "../shared/resource.ts";
import { type CommissionRow, findCommission, selectSessions } from "./transparency.repository.ts";
import { type PublicSession, ZPublicSessionsQuery } from "./transparency.schema.ts";

type SessionRow = Awaited<ReturnType<typeof selectSessions>>[number];

/** The sessions between `from` and `to` (of one commission when `commission` is given), by date. */
export async function loadPublicSessions(
  ctx: UseCaseContext,
  rawQuery: unknown,
): Promise<{ commission?: CommissionRow; rows: SessionRow[] }> {
  authorize(ctx.actor, "public.read");
  const query = parseInput(ZPublicSessionsQuery, rawQuery ?? {});
  const commission = query.commission ? await findCommission(ctx.db, query.commission) : undefined;
  const rows = await selectSessions(ctx.db, { commissionId: commission?.id, from: query.from, to: query.to });
  return { commission, rows };
}

export function presentPublicSession(row: SessionRow): PublicSession {
  return {
    id: row.id,
    commission: row.commission,
    name: sessionName(row),
    kind: row.kind,
    number: row.number,
    date: row.date,
    dateText: formatSpanishLongDate(row.date),
    // `time` columns read back as HH:MM:SS; the API speaks HH:MM.
    startTime: row.startTime ? row.startTime.slice(0, 5) : null,
    modality: row.modality,
    place: row.place,
    status: row.status,
  };
}

export async function listPublicSessions(ctx: UseCaseContext, rawQuery: unknown): Promise<PublicSession[]> {
  return (await loadPublicSessions(ctx, rawQuery)).rows.map(presentPublicSession);
}
