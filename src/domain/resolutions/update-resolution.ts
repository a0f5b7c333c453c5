/** Corrects a resolution's title, text, agenda item or votes. Its number, session and year never change. */
import { eq } from "drizzle-orm";
import { resolutions, sessions } from "../../platform/db/schema.ts";
import { authorize, inTransaction, type UseCaseContext } from "../shared/context.ts";
import { notFound } from "../shared/errors.ts";
import { ZUuid } from "../shared/primitives.ts";
import { parseInput } from "../shared/resource.ts";
import { checkAgendaItem, checkVoters, writeVotes } from "./resolutions.repository.ts";
import { getResolution } from "./resolutions.resources.ts";
import { type Resolution, ZResolutionUpdate } from "./resolutions.schema.ts";

export async function updateResolution(
  ctx: UseCaseContext,
  id: string,
  rawInput: unknown,
): Promise<Resolution> {
  authorize(ctx.actor, "records.write");
  if (!ZUuid.safeParse(id).success) throw notFound("el acuerdo", id);
  const input = parseInput(ZResolutionUpdate, rawInput);
  return inTransaction(ctx, async (tx) => {
    const [found] = await tx
      .select({ resolution: resolutions, date: sessions.date })
      .from(resolutions)
      .innerJoin(sessions, eq(sessions.id, resolutions.sessionId))
      .where(eq(resolutions.id, id));
    if (!found) throw notFound("el acuerdo", id);
    const { resolution, date } = found;
    if (input.agendaItemId) await checkAgendaItem(tx, resolution.sessionId, input.agendaItemId);
    if (input.votes !== undefined) {
      await checkVoters(tx, resolution.commissionId, date, input.votes);
      await writeVotes(tx, id, input.votes);
    }
    const columns: Partial<typeof resolutions.$inferInsert> = { updatedAt: new Date() };
    if (input.title !== undefined) columns.title = input.title;
    if (input.text !== undefined) columns.text = input.text;
    if (input.agendaItemId !== undefined) columns.agendaItemId = input.agendaItemId;
    await tx.update(resolutions).set(columns).where(eq(resolutions.id, id));
    return getResolution({ actor: ctx.actor, db: tx }, id);
  });
}
