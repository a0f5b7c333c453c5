/** Changes what an agenda item says (kind, title, series, agreement); its place changes with reorder-agenda. */
import { eq } from "drizzle-orm";
import { agendaItems } from "../../platform/db/schema.ts";
import { authorize, inTransaction, type UseCaseContext } from "../shared/context.ts";
import { guardDb, parseInput } from "../shared/resource.ts";
import { loadAgendaItem, loadSession } from "./sessions.repository.ts";
import { type AgendaItem, ZAgendaItemUpdate } from "./sessions.schema.ts";

export async function updateAgendaItem(
  { actor, db }: UseCaseContext,
  sessionId: string,
  itemId: string,
  rawInput: unknown,
): Promise<AgendaItem> {
  authorize(actor, "records.write");
  const input = parseInput(ZAgendaItemUpdate, rawInput);
  return inTransaction({ actor, db }, async (tx) => {
    await loadSession(tx, sessionId, { lock: true });
    await loadAgendaItem(tx, sessionId, itemId);
    const columns = Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined));
    if (Object.keys(columns).length > 0)
      await guardDb({ label: "el punto del orden del día" }, () =>
        tx.update(agendaItems).set(columns).where(eq(agendaItems.id, itemId)),
      );
    return loadAgendaItem(tx, sessionId, itemId);
  });
}
