/** Puts a session's agenda in a new order, given as the full list of its item ids. */
import { authorize, inTransaction, type UseCaseContext } from "../shared/context.ts";
import { AppError, type ErrorDetail } from "../shared/errors.ts";
import { parseInput } from "../shared/resource.ts";
import { listAgenda, loadSession, writeAgendaOrder } from "./sessions.repository.ts";
import { type AgendaItem, ZAgendaOrder } from "./sessions.schema.ts";

export async function reorderAgenda(
  { actor, db }: UseCaseContext,
  sessionId: string,
  rawInput: unknown,
): Promise<AgendaItem[]> {
  authorize(actor, "records.write");
  const { itemIds } = parseInput(ZAgendaOrder, rawInput);
  return inTransaction({ actor, db }, async (tx) => {
    await loadSession(tx, sessionId, { lock: true });
    const current = await listAgenda(tx, sessionId);
    const known = new Set(current.map((item) => item.id));
    const sent = new Set(itemIds);
    const details: ErrorDetail[] = [];
    itemIds.forEach((id, index) => {
      if (!known.has(id))
        details.push({ path: `itemIds[${index}]`, message: "no es un punto de esta sesión", value: id });
    });
    for (const item of current)
      if (!sent.has(item.id))
        details.push({
          path: "itemIds",
          message: `falta el punto ${item.position} («${item.title}»)`,
          value: item.id,
        });
    if (details.length > 0)
      throw new AppError(
        "validation_failed",
        "El orden nuevo debe incluir cada punto del orden del día exactamente una vez.",
        details,
      );
    await writeAgendaOrder(tx, sessionId, itemIds);
    return listAgenda(tx, sessionId);
  });
}
