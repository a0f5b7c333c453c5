/** The agenda of a session, in order. */
import { authorize, type UseCaseContext } from "../shared/context.ts";
import { listAgenda, loadSession } from "./sessions.repository.ts";
import type { AgendaItem } from "./sessions.schema.ts";

export async function listAgendaItems(
  { actor, db }: UseCaseContext,
  sessionId: string,
): Promise<AgendaItem[]> {
  authorize(actor, "sessions.read");
  await loadSession(db, sessionId);
  return listAgenda(db, sessionId);
}
