/**
 * Removes an agenda item; the items after it move up one place. Refused while a resolution or a presented report
 * refers to it.
 */
import { eq } from "drizzle-orm";
import { agendaItems, reports, resolutions } from "../../platform/db/schema.ts";
import { authorize, inTransaction, type UseCaseContext } from "../shared/context.ts";
import { AppError } from "../shared/errors.ts";
import { loadAgendaItem, loadSession, shiftAgenda } from "./sessions.repository.ts";

export async function removeAgendaItem(
  { actor, db }: UseCaseContext,
  sessionId: string,
  itemId: string,
): Promise<void> {
  authorize(actor, "records.write");
  await inTransaction({ actor, db }, async (tx) => {
    await loadSession(tx, sessionId, { lock: true });
    const item = await loadAgendaItem(tx, sessionId, itemId);
    const [adopted] = await tx
      .select({ number: resolutions.number })
      .from(resolutions)
      .where(eq(resolutions.agendaItemId, itemId))
      .limit(1);
    if (adopted)
      throw new AppError(
        "in_use",
        `No se puede quitar el punto ${item.position}: en él se adoptó el acuerdo ${adopted.number}.`,
      );
    const [presented] = await tx
      .select({ period: reports.period })
      .from(reports)
      .where(eq(reports.presentedAgendaItemId, itemId))
      .limit(1);
    if (presented)
      throw new AppError(
        "in_use",
        `No se puede quitar el punto ${item.position}: en él se presentó el informe de ${presented.period}.`,
      );
    await tx.delete(agendaItems).where(eq(agendaItems.id, itemId));
    await shiftAgenda(tx, sessionId, item.position + 1, -1);
  });
}
