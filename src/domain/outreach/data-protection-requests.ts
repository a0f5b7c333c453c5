/**
 * Requests of access, rectification, cancellation and opposition (ARCO): recorded with the deadline the law
 * gives (20 business days from the day after receipt, business-days.ts), resolved with their outcome.
 */
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../../platform/db/open.ts";
import { contacts, dataProtectionRequests, outreachLists } from "../../platform/db/schema.ts";
import { authorize, commissionsWhere, inTransaction, type UseCaseContext } from "../shared/context.ts";
import { AppError, notFound } from "../shared/errors.ts";
import { ZUuid } from "../shared/primitives.ts";
import { parseInput } from "../shared/resource.ts";
import { ARCO_RESPONSE_BUSINESS_DAYS, addBusinessDays } from "./business-days.ts";
import { normalizeEmail } from "./contact-fields.ts";
import { ZDataProtectionRequestCreate, ZDataProtectionRequestResolve } from "./outreach.schema.ts";

export type DataProtectionRequest = typeof dataProtectionRequests.$inferSelect;

/** Records a request; it names the contact when the address is on one of the commission's lists. */
export async function createDataProtectionRequest(
  ctx: UseCaseContext,
  raw: unknown,
): Promise<DataProtectionRequest> {
  authorize(ctx.actor, "contacts.write");
  const input = parseInput(ZDataProtectionRequestCreate, raw);
  authorize(ctx.actor, "contacts.write", { commissionId: input.commissionId });
  const normalizedEmail = normalizeEmail(input.requesterEmail);
  return inTransaction(ctx, async (tx) => {
    const [contact] = await tx
      .select({ id: contacts.id })
      .from(contacts)
      .innerJoin(outreachLists, eq(outreachLists.id, contacts.listId))
      .where(
        and(
          eq(contacts.normalizedEmail, normalizedEmail),
          eq(outreachLists.commissionId, input.commissionId),
        ),
      )
      .orderBy(asc(contacts.createdAt))
      .limit(1);
    const [row] = await tx
      .insert(dataProtectionRequests)
      .values({
        commissionId: input.commissionId,
        kind: input.kind,
        contactId: contact?.id ?? null,
        requesterEmail: input.requesterEmail,
        normalizedEmail,
        requesterName: input.requesterName ?? null,
        details: input.details ?? null,
        receivedOn: input.receivedOn,
        deadlineOn: addBusinessDays(input.receivedOn, ARCO_RESPONSE_BUSINESS_DAYS),
      })
      .returning();
    return row as DataProtectionRequest;
  });
}

/** Closes a request: granted, denied or withdrawn, with what was answered and when. */
export async function resolveDataProtectionRequest(
  ctx: UseCaseContext,
  requestId: string,
  raw: unknown,
): Promise<DataProtectionRequest> {
  authorize(ctx.actor, "contacts.write");
  const input = parseInput(ZDataProtectionRequestResolve, raw);
  if (!ZUuid.safeParse(requestId).success) throw notFound("la solicitud", requestId);
  return inTransaction(ctx, async (tx) => {
    const [request] = await tx
      .select()
      .from(dataProtectionRequests)
      .where(eq(dataProtectionRequests.id, requestId))
      .for("update");
    if (!request) throw notFound("la solicitud", requestId);
    authorize(ctx.actor, "contacts.write", { commissionId: request.commissionId });
    if (request.status !== "received") throw new AppError("conflict", "La solicitud ya fue resuelta.");
    if (input.resolvedOn < request.receivedOn)
      throw new AppError("validation_failed", "La fecha de respuesta es anterior a la de recepción.", [
        { path: "resolvedOn", message: "anterior a la fecha de recepción", value: input.resolvedOn },
      ]);
    const [row] = await tx
      .update(dataProtectionRequests)
      .set({ ...input, updatedAt: new Date() })
      .where(eq(dataProtectionRequests.id, requestId))
      .returning();
    if (input.status === "granted") await carryOut(tx, request);
    return row as DataProtectionRequest;
  });
}

/**
 * What a granted request does to the person's contacts in the commission's lists: a cancellation deletes them
 * (with their consents and deliveries; the sends' counts stay), an opposition unsubscribes them. Access and
 * rectification are answered with the export of the person's data and the rectification of the contact.
 */
async function carryOut(tx: Db, request: DataProtectionRequest): Promise<void> {
  const ofPerson = sql`${contacts.normalizedEmail} = ${request.normalizedEmail}
    and ${contacts.listId} in (select id from outreach_lists where commission_id = ${request.commissionId})`;
  if (request.kind === "cancellation") await tx.delete(contacts).where(ofPerson);
  if (request.kind === "opposition")
    await tx
      .update(contacts)
      .set({ status: "unsubscribed", statusChangedAt: new Date(), updatedAt: new Date() })
      .where(and(ofPerson, eq(contacts.status, "subscribed")));
}

/** The requests of the commissions the actor may read, pending first by deadline. */
export async function listDataProtectionRequests(
  ctx: UseCaseContext,
  filters: { commissionId?: string; isPending?: boolean } = {},
): Promise<DataProtectionRequest[]> {
  authorize(ctx.actor, "contacts.read");
  const allowed = commissionsWhere(ctx.actor, "contacts.read");
  if (filters.commissionId && !ZUuid.safeParse(filters.commissionId).success) return [];
  const rows = await ctx.db
    .select()
    .from(dataProtectionRequests)
    .where(
      and(
        allowed ? inArray(dataProtectionRequests.commissionId, allowed.length ? allowed : [ZERO]) : undefined,
        filters.commissionId ? eq(dataProtectionRequests.commissionId, filters.commissionId) : undefined,
        filters.isPending ? eq(dataProtectionRequests.status, "received") : undefined,
      ),
    )
    .orderBy(asc(dataProtectionRequests.deadlineOn));
  return rows.sort((a, b) => Number(a.status !== "received") - Number(b.status !== "received"));
}

const ZERO = "00000000-0000-0000-0000-000000000000";
