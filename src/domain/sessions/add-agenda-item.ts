/** Adds an item to a session's agenda, at the end or at a position (the items after it move down one place). */
import { agendaItems } from "../../platform/db/schema.ts";
import { authorize, inTransaction, type UseCaseContext } from "../shared/context.ts";
import { AppError } from "../shared/errors.ts";
import { guardDb, parseInput } from "../shared/resource.ts";
import { listAgenda, loadAgendaItem, loadSession, shiftAgenda } from "./sessions.repository.ts";
import { type AgendaItem, ZAgendaItemCreate } from "./sessions.schema.ts";

export async function addAgendaItem(
  { actor, db }: UseCaseContext,
  sessionId: string,
  rawInput: unknown,
): Promise<AgendaItem> {
  authorize(actor, "records.write");
  const { position: requested, ...input } = parseInput(ZAgendaItemCreate, rawInput);
  return inTransaction({ actor, db }, async (tx) => {
    await loadSession(tx, sessionId, { lock: true });
    const count = (await listAgenda(tx, sessionId)).length;
    const position = requested ?? count + 1;
    if (position > count + 1)
      throw new AppError("validation_failed", "La posición queda fuera del orden del día.", [
        { path: "position", message: `debe estar entre 1 y ${count + 1}`, value: position },
      ]);
    if (position <= count) await shiftAgenda(tx, sessionId, position, 1);
    const [row] = await guardDb({ label: "el punto del orden del día" }, () =>
      tx
        .insert(agendaItems)
        .values({ ...input, sessionId, position })
        .returning({ id: agendaItems.id }),
    );
    return loadAgendaItem(tx, sessionId, (row as { id: string }).id);
  });
}
