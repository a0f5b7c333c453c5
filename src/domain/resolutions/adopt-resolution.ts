/**
 * Adopts a resolution in a session, in one transaction: the session and its commission are read, the next number
 * of the commission's year is assigned from its pattern (CVOE/001/21), and the resolution and its votes are
 * stored. The numbering counter stays locked until the transaction ends, so concurrent adoptions get consecutive
 * numbers, and one that fails gives its number back.
 */
import { eq } from "drizzle-orm";
import type { Db } from "../../platform/db/open.ts";
import { commissions, resolutions } from "../../platform/db/schema.ts";
import { assignNumber, numberingScope } from "../numbering/numbering.ts";
import { loadSession, type SessionRow } from "../sessions/sessions.repository.ts";
import { yearOf } from "../shared/calendar.ts";
import { authorize, inTransaction, type UseCaseContext } from "../shared/context.ts";
import { AppError, notFound } from "../shared/errors.ts";
import { parseInput, translateDbError } from "../shared/resource.ts";
import { checkAgendaItem, checkVoters, writeVotes } from "./resolutions.repository.ts";
import { getResolution } from "./resolutions.resources.ts";
import { type Resolution, ZAdoptResolution } from "./resolutions.schema.ts";

export async function adoptResolution(ctx: UseCaseContext, rawInput: unknown): Promise<Resolution> {
  authorize(ctx.actor, "records.write");
  const input = parseInput(ZAdoptResolution, rawInput);
  return inTransaction(ctx, async (tx) => {
    const session = await loadOpenSession(tx, input.sessionId);
    const [commission] = await tx.select().from(commissions).where(eq(commissions.id, session.commissionId));
    if (!commission) throw notFound("la comisión", session.commissionId);
    if (input.agendaItemId !== undefined) await checkAgendaItem(tx, session.id, input.agendaItemId);
    await checkVoters(tx, commission.id, session.date, input.votes);

    const year = yearOf(session.date);
    const { number, seq } = await assignNumber(tx, {
      scope: numberingScope.resolutions(commission.id),
      year,
      pattern: commission.resolutionNumberPattern,
      values: { acronym: commission.acronym },
    });
    let inserted: { id: string } | undefined;
    try {
      [inserted] = await tx
        .insert(resolutions)
        .values({
          commissionId: commission.id,
          sessionId: session.id,
          agendaItemId: input.agendaItemId ?? null,
          number,
          year,
          seq,
          title: input.title,
          text: input.text ?? null,
          outcome: "adopted",
        })
        .returning({ id: resolutions.id });
    } catch (error) {
      const translated = translateDbError(error, "el acuerdo");
      // A historical number (imported) can already hold the one the counter gives.
      if (translated?.code === "conflict")
        throw new AppError(
          "number_taken",
          `El número ${number} ya está registrado en la comisión; revise el contador de acuerdos de ${year}.`,
        );
      throw translated ?? error;
    }
    const id = (inserted as { id: string }).id;
    await writeVotes(tx, id, input.votes);
    return getResolution({ actor: ctx.actor, db: tx }, id);
  });
}

/** The session where the resolution is adopted; a cancelled or postponed session adopts nothing. */
async function loadOpenSession(tx: Db, sessionId: string): Promise<SessionRow> {
  const session = await loadSession(tx, sessionId);
  if (session.status === "cancelled" || session.status === "postponed")
    throw new AppError(
      "inconsistent_reference",
      `La sesión del ${session.date} está ${session.status === "cancelled" ? "cancelada" : "pospuesta"}; en ella no se adoptan acuerdos.`,
      [{ path: "sessionId", message: "la sesión no se celebró", value: sessionId }],
    );
  return session;
}
