/**
 * Links a session's minutes to the resolution that approved them. Minutes are approved afterwards: by an adopted
 * resolution of the same commission, taken in another session held later (or later the same day).
 */
import { eq } from "drizzle-orm";
import { resolutions, sessions } from "../../platform/db/schema.ts";
import { authorize, inTransaction, type UseCaseContext } from "../shared/context.ts";
import { AppError, notFound } from "../shared/errors.ts";
import { parseInput } from "../shared/resource.ts";
import { loadSession, type SessionRow } from "./sessions.repository.ts";
import { sessionResource } from "./sessions.resources.ts";
import { type Session, ZMinutesApproval } from "./sessions.schema.ts";

export async function approveMinutes(
  ctx: UseCaseContext,
  sessionId: string,
  rawInput: unknown,
): Promise<Session> {
  authorize(ctx.actor, "records.write");
  const { resolutionId } = parseInput(ZMinutesApproval, rawInput);
  return inTransaction(ctx, async (tx) => {
    const session = await loadSession(tx, sessionId, { lock: true });
    const [resolution] = await tx.select().from(resolutions).where(eq(resolutions.id, resolutionId));
    if (!resolution) throw notFound("el acuerdo", resolutionId);
    const refuse = (message: string) =>
      new AppError("inconsistent_reference", message, [
        { path: "resolutionId", message: "no puede aprobar esta minuta", value: resolutionId },
      ]);
    if (resolution.commissionId !== session.commissionId)
      throw refuse(`El acuerdo ${resolution.number} es de otra comisión.`);
    if (resolution.outcome !== "adopted")
      throw refuse(`El acuerdo ${resolution.number} no fue aprobado (${resolution.outcome}).`);
    if (resolution.sessionId === session.id) throw refuse("Una sesión no puede aprobar su propia minuta.");
    const approving = await loadSession(tx, resolution.sessionId);
    if (!isLater(approving, session))
      throw refuse(
        `El acuerdo ${resolution.number} se adoptó el ${approving.date}, antes de la sesión del ${session.date}.`,
      );
    await tx
      .update(sessions)
      .set({ minutesApprovedByResolutionId: resolution.id, updatedAt: new Date() })
      .where(eq(sessions.id, session.id));
    return sessionResource.get({ actor: ctx.actor, db: tx }, session.id);
  });
}

/** Removes the link between a session's minutes and the resolution that approved them. */
export async function withdrawMinutesApproval(ctx: UseCaseContext, sessionId: string): Promise<Session> {
  authorize(ctx.actor, "records.write");
  return inTransaction(ctx, async (tx) => {
    await loadSession(tx, sessionId, { lock: true });
    await tx
      .update(sessions)
      .set({ minutesApprovedByResolutionId: null, updatedAt: new Date() })
      .where(eq(sessions.id, sessionId));
    return sessionResource.get({ actor: ctx.actor, db: tx }, sessionId);
  });
}

/** True when `approving` was held after `approved`: a later date, or the same date and not an earlier time. */
function isLater(approving: SessionRow, approved: SessionRow): boolean {
  if (approving.date !== approved.date) return approving.date > approved.date;
  if (approving.startTime && approved.startTime) return approving.startTime > approved.startTime;
  return true;
}
