/** The agenda of a session, in order; one item by its id. */
import { eq } from "drizzle-orm";
import { agendaItems } from "../../platform/db/schema.ts";
import { authorize, type UseCaseContext } from "../shared/context.ts";
import { notFound } from "../shared/errors.ts";
import { ZUuid } from "../shared/primitives.ts";
import { listAgenda, loadAgendaItem, loadSession } from "./sessions.repository.ts";
import type { AgendaItem } from "./sessions.schema.ts";

export async function listAgendaItems(
  { actor, db }: UseCaseContext,
  sessionId: string,
): Promise<AgendaItem[]> {
  authorize(actor, "sessions.read");
  await loadSession(db, sessionId);
  return listAgenda(db, sessionId);
}

/** One agenda item by its id alone, with its session: where a search result or a finding about it leads. */
export async function getAgendaItem({ actor, db }: UseCaseContext, itemId: string): Promise<AgendaItem> {
  authorize(actor, "sessions.read");
  if (!ZUuid.safeParse(itemId).success) throw notFound("el punto del orden del día", itemId);
  const [found] = await db
    .select({ sessionId: agendaItems.sessionId })
    .from(agendaItems)
    .where(eq(agendaItems.id, itemId));
  if (!found) throw notFound("el punto del orden del día", itemId);
  return loadAgendaItem(db, found.sessionId, itemId);
}
