/** SQL of contacts shared by the use cases and the import: batch inserts with consents, and the read log. */
import { randomBytes } from "node:crypto";
import type { Db } from "../../platform/db/open.ts";
import { contactConsents, contactListReads, contacts } from "../../platform/db/schema.ts";
import { actorLabel, type UseCaseContext } from "../shared/context.ts";

export type ContactRow = typeof contacts.$inferSelect;

export type NewContact = {
  name: string | null;
  email: string;
  normalizedEmail: string;
  country: string | null;
  city: string | null;
  language: string | null;
  tags: string[];
  consent: { givenOn: string; source: string; privacyNoticeVersion: string; purposes: string[] };
};

/** A random unsubscribe token: 32 bytes, base64url (43 characters), unguessable and never reused. */
export const newUnsubscribeToken = () => randomBytes(32).toString("base64url");

/** Rows per INSERT: 1,000 contacts × 10 columns stays far below PostgreSQL's 65,535 parameters. */
const BATCH = 1_000;

/** Inserts contacts with their first consent, in batches; returns their ids in order. */
export async function insertContacts(tx: Db, listId: string, rows: NewContact[]): Promise<string[]> {
  const ids: string[] = [];
  for (let start = 0; start < rows.length; start += BATCH) {
    const batch = rows.slice(start, start + BATCH);
    const inserted = await tx
      .insert(contacts)
      .values(
        batch.map((row) => ({
          listId,
          name: row.name,
          email: row.email,
          normalizedEmail: row.normalizedEmail,
          country: row.country,
          city: row.city,
          language: row.language,
          tags: row.tags,
          unsubscribeToken: newUnsubscribeToken(),
        })),
      )
      .returning({ id: contacts.id });
    await tx
      .insert(contactConsents)
      .values(
        batch.map((row, index) => ({ contactId: (inserted[index] as { id: string }).id, ...row.consent })),
      );
    ids.push(...inserted.map((row) => row.id));
  }
  return ids;
}

/**
 * Records that a person read a list's contacts (docs/decisions/022): the audit trail logs writes only, so reads
 * of personal data get their own log, written in the transaction of the read. Vincula's own reads (`system`:
 * the sender, the demo) are not a person's and are not logged.
 */
export async function logListRead(
  tx: Db,
  ctx: UseCaseContext,
  entry: { listId: string; purpose: string; filters?: Record<string, unknown>; rowCount: number },
): Promise<void> {
  if (ctx.actor.kind === "system") return;
  await tx.insert(contactListReads).values({
    listId: entry.listId,
    actor: actorLabel(ctx.actor),
    accountId: ctx.actor.kind === "account" ? ctx.actor.id : null,
    purpose: entry.purpose,
    filters: entry.filters ?? {},
    rowCount: entry.rowCount,
  });
}
