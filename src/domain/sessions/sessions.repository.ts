/** SQL of sessions and their agenda and attendance. Every function takes the transaction explicitly. */
import { and, asc, eq, gte, lt, sql } from "drizzle-orm";
import type { Db } from "../../platform/db/open.ts";
import { agendaItems, attendance, sessions } from "../../platform/db/schema.ts";
import { notFound } from "../shared/errors.ts";
import { ZUuid } from "../shared/primitives.ts";
import type { AgendaItem, Attendance } from "./sessions.schema.ts";

export type SessionRow = typeof sessions.$inferSelect;

/**
 * Loads a session; with `lock`, holds its row until the transaction ends, so that concurrent edits of its agenda
 * or attendance run one after the other (`no key update` does not block resolutions that reference the session).
 */
export async function loadSession(tx: Db, id: string, options: { lock?: boolean } = {}): Promise<SessionRow> {
  if (!ZUuid.safeParse(id).success) throw notFound("la sesión", id);
  const query = tx.select().from(sessions).where(eq(sessions.id, id));
  const [row] = options.lock ? await query.for("no key update") : await query;
  if (!row) throw notFound("la sesión", id);
  return row;
}

export async function listAgenda(tx: Db, sessionId: string): Promise<AgendaItem[]> {
  const rows = await tx
    .select({
      id: agendaItems.id,
      sessionId: agendaItems.sessionId,
      position: agendaItems.position,
      kind: agendaItems.kind,
      title: agendaItems.title,
      series: agendaItems.series,
      agreementId: agendaItems.agreementId,
    })
    .from(agendaItems)
    .where(eq(agendaItems.sessionId, sessionId))
    .orderBy(asc(agendaItems.position));
  return rows;
}

export async function loadAgendaItem(tx: Db, sessionId: string, itemId: string): Promise<AgendaItem> {
  if (!ZUuid.safeParse(itemId).success) throw notFound("el punto del orden del día", itemId);
  const [item] = (await listAgenda(tx, sessionId)).filter((candidate) => candidate.id === itemId);
  if (!item) throw notFound("el punto del orden del día", itemId);
  return item;
}

/**
 * Moves the items at `fromPosition` and after by `delta`. The unique (session, position) constraint is checked
 * row by row, so the rows pass through negative positions first.
 */
export async function shiftAgenda(
  tx: Db,
  sessionId: string,
  fromPosition: number,
  delta: number,
): Promise<void> {
  await tx
    .update(agendaItems)
    .set({ position: sql`-(${agendaItems.position} + ${delta})` })
    .where(and(eq(agendaItems.sessionId, sessionId), gte(agendaItems.position, fromPosition)));
  await normalisePositions(tx, sessionId);
}

/** Makes negative (parked) positions positive again. */
async function normalisePositions(tx: Db, sessionId: string): Promise<void> {
  await tx
    .update(agendaItems)
    .set({ position: sql`-${agendaItems.position}` })
    .where(and(eq(agendaItems.sessionId, sessionId), lt(agendaItems.position, 0)));
}

/** Gives each item the position of its index (from 1) in `orderedIds`, which must list every item. */
export async function writeAgendaOrder(tx: Db, sessionId: string, orderedIds: string[]): Promise<void> {
  if (orderedIds.length === 0) return;
  const values = sql.join(
    orderedIds.map((id, index) => sql`(${id}::uuid, ${-(index + 1)}::integer)`),
    sql`, `,
  );
  await tx.execute(
    sql`update agenda_items as item set position = wanted.position
        from (values ${values}) as wanted(id, position)
        where item.id = wanted.id and item.session_id = ${sessionId}`,
  );
  await normalisePositions(tx, sessionId);
}

export async function listAttendance(tx: Db, sessionId: string): Promise<Attendance[]> {
  return tx
    .select({
      id: attendance.id,
      position: attendance.position,
      category: attendance.category,
      personId: attendance.personId,
      partyId: attendance.partyId,
      areaId: attendance.areaId,
      capacity: attendance.capacity,
      isPresent: attendance.isPresent,
      substitutePersonId: attendance.substitutePersonId,
    })
    .from(attendance)
    .where(eq(attendance.sessionId, sessionId))
    .orderBy(asc(attendance.position));
}
