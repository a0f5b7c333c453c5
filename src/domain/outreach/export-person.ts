/**
 * Everything Vincula holds about one person, by e-mail address (the answer to an access request): every contact
 * row with that normalised address on the lists the actor may read, with its consents and deliveries, and the
 * data-protection requests made with that address. Each list touched logs a read.
 */
import { asc, eq, inArray } from "drizzle-orm";
import {
  campaignDeliveries,
  campaigns,
  contactConsents,
  contacts,
  dataProtectionRequests,
  outreachLists,
} from "../../platform/db/schema.ts";
import { authorize, commissionsWhere, inTransaction, type UseCaseContext } from "../shared/context.ts";
import { parseInput } from "../shared/resource.ts";
import { normalizeEmail } from "./contact-fields.ts";
import { logListRead } from "./contacts.repository.ts";
import { ZEmail } from "./outreach.schema.ts";

export async function exportPersonData(ctx: UseCaseContext, rawEmail: unknown) {
  authorize(ctx.actor, "contacts.read");
  const email = normalizeEmail(parseInput(ZEmail, rawEmail));
  const allowed = commissionsWhere(ctx.actor, "contacts.read");
  const visible = (commissionId: string) => !allowed || allowed.includes(commissionId);
  return inTransaction(ctx, async (tx) => {
    const rows = (
      await tx
        .select({ contact: contacts, list: outreachLists })
        .from(contacts)
        .innerJoin(outreachLists, eq(outreachLists.id, contacts.listId))
        .where(eq(contacts.normalizedEmail, email))
        .orderBy(asc(outreachLists.name))
    ).filter((row) => visible(row.list.commissionId));
    const ids = rows.map((row) => row.contact.id);
    const [consents, deliveries] = ids.length
      ? [
          await tx
            .select()
            .from(contactConsents)
            .where(inArray(contactConsents.contactId, ids))
            .orderBy(asc(contactConsents.givenOn)),
          await tx
            .select({ delivery: campaignDeliveries, subject: campaigns.subject })
            .from(campaignDeliveries)
            .innerJoin(campaigns, eq(campaigns.id, campaignDeliveries.campaignId))
            .where(inArray(campaignDeliveries.contactId, ids))
            .orderBy(asc(campaignDeliveries.createdAt)),
        ]
      : [[], []];
    const requests = (
      await tx
        .select()
        .from(dataProtectionRequests)
        .where(eq(dataProtectionRequests.normalizedEmail, email))
        .orderBy(asc(dataProtectionRequests.receivedOn))
    ).filter((request) => visible(request.commissionId));
    for (const row of rows)
      await logListRead(tx, ctx, {
        listId: row.list.id,
        purpose: "person-export",
        filters: { email },
        rowCount: 1,
      });
    return {
      email,
      exportedAt: new Date().toISOString(),
      contacts: rows.map(({ contact: { unsubscribeToken: _token, ...contact }, list }) => ({
        ...contact,
        list: { id: list.id, key: list.key, name: list.name, purpose: list.purpose },
        consents: consents.filter((consent) => consent.contactId === contact.id),
        deliveries: deliveries
          .filter((entry) => entry.delivery.contactId === contact.id)
          .map((entry) => ({ ...entry.delivery, campaignSubject: entry.subject })),
      })),
      requests,
    };
  });
}
