/**
 * The one-click unsubscribe of a campaign message (RFC 8058): the contact's stored random token (decision 022)
 * names one contact of one list; following it sets that contact, and only it, to `unsubscribed`. Public: whoever
 * holds the link may use it, so it reveals nothing but the list's name.
 */
import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../../platform/db/open.ts";
import { contacts, outreachLists } from "../../platform/db/schema.ts";
import { inTransactionAs } from "../shared/context.ts";
import { AppError } from "../shared/errors.ts";

/** A token as unsubscribeUrl() writes it: base64url (and dots), bounded. */
export const ZUnsubscribeToken = z
  .string()
  .min(16)
  .max(100)
  .regex(/^[A-Za-z0-9_.-]+$/);

const unknownLink = () =>
  new AppError(
    "not_found",
    "Este enlace de baja no es válido o ya no existe. Si lo copió, revise que esté completo.",
  );

async function contactByToken(db: Db, token: string) {
  if (!ZUnsubscribeToken.safeParse(token).success) throw unknownLink();
  const [row] = await db
    .select({ id: contacts.id, status: contacts.status, listName: outreachLists.name })
    .from(contacts)
    .innerJoin(outreachLists, eq(outreachLists.id, contacts.listId))
    .where(eq(contacts.unsubscribeToken, token));
  if (!row) throw unknownLink();
  return row;
}

/** What the confirmation page shows: the list's name and whether the contact is still subscribed. */
export async function unsubscribeTarget(
  db: Db,
  token: string,
): Promise<{ listName: string; subscribed: boolean }> {
  const row = await contactByToken(db, token);
  return { listName: row.listName, subscribed: row.status === "subscribed" };
}

/**
 * Sets the token's contact to `unsubscribed`; idempotent. A contact bounced or blocked keeps that status (it is
 * not sent to either way, and blocking is the retention's record).
 */
export async function unsubscribeByToken(
  db: Db,
  token: string,
): Promise<{ listName: string; changed: boolean }> {
  const row = await contactByToken(db, token);
  if (row.status !== "subscribed") return { listName: row.listName, changed: false };
  await inTransactionAs(db, "public:unsubscribe", async (tx) => {
    await tx
      .update(contacts)
      .set({ status: "unsubscribed", statusChangedAt: new Date(), updatedAt: new Date() })
      .where(eq(contacts.id, row.id));
  });
  return { listName: row.listName, changed: true };
}
