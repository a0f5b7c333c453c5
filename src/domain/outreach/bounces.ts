/**
 * Bounces that arrive later (docs/outreach.md): a remote server accepted a campaign message, then failed to deliver
 * it and mailed back a delivery status notification (RFC 3464) or some older bounce. Whoever reads the mailbox of
 * `VINCULA_MAIL_FROM` gives the bounce to Vincula (`POST /outreach/bounces`, `vincula campaign bounce FILE`); the
 * campaign's Message-IDs it quotes (stable and unique per contact and send: render-message.ts) name the deliveries.
 * A permanent failure marks each delivery `bounced` and its contact `bounced`; a delay changes nothing.
 */
import { and, eq, inArray } from "drizzle-orm";
import { campaignDeliveries, campaigns, contacts } from "../../platform/db/schema.ts";
import { authorize, inTransaction, type UseCaseContext } from "../shared/context.ts";
import { AppError } from "../shared/errors.ts";
import { listInScope } from "./lists.ts";

const MESSAGE_ID =
  /<campaign-[0-9a-f-]{36}(?:\.send-\d{1,6})?\.contact-[0-9a-f-]{36}@[A-Za-z0-9.-]{1,253}>/gi;
const MAX_BYTES = 5_000_000;

export type BounceResult = {
  /** `permanent`: recorded; `temporary`: a delay, nothing changes; `not_ours`: it quotes no campaign message. */
  kind: "permanent" | "temporary" | "not_ours";
  /** Deliveries marked bounced now (0 when they already were). */
  bounced: number;
};

/** Reads a bounce message (the whole message as text) and records what it says. */
export async function recordBounce(ctx: UseCaseContext, raw: string): Promise<BounceResult> {
  authorize(ctx.actor, "contacts.write");
  if (raw.trim() === "")
    throw new AppError("validation_failed", "El aviso de rebote está vacío: envíe el mensaje completo.");
  if (raw.length > MAX_BYTES)
    throw new AppError("validation_failed", "El aviso de rebote es demasiado grande.");
  const quoted = [...new Set([...raw.matchAll(MESSAGE_ID)].map((match) => match[0].toLowerCase()))];
  if (quoted.length === 0) return { kind: "not_ours", bounced: 0 };
  const statuses = [...raw.matchAll(/^Status:\s*([245])\.\d{1,3}\.\d{1,3}/gim)].map((match) => match[1]);
  const actions = [...raw.matchAll(/^Action:\s*(\w+)/gim)].map((match) => match[1]?.toLowerCase());
  const permanent =
    statuses.includes("5") ||
    actions.includes("failed") ||
    // An old-style bounce without a DSN part: no Status, no Action, but it came back.
    (statuses.length === 0 && actions.length === 0);
  if (!permanent) return { kind: "temporary", bounced: 0 };
  const diagnostic =
    /^Diagnostic-Code:\s*(.+)$/im.exec(raw)?.[1]?.trim() ?? /^Status:\s*(\S+)/im.exec(raw)?.[1] ?? "rebote";

  return inTransaction(ctx, async (tx) => {
    const rows = await tx
      .select({
        id: campaignDeliveries.id,
        contactId: campaignDeliveries.contactId,
        listId: campaigns.listId,
      })
      .from(campaignDeliveries)
      .innerJoin(campaigns, eq(campaigns.id, campaignDeliveries.campaignId))
      .where(inArray(campaignDeliveries.messageId, quoted));
    for (const listId of new Set(rows.map((row) => row.listId)))
      await listInScope(ctx, listId, "contacts.write", tx);
    if (rows.length === 0) return { kind: "permanent" as const, bounced: 0 };
    const changed = await tx
      .update(campaignDeliveries)
      .set({ status: "bounced", lastError: `Rebote: ${diagnostic}`.slice(0, 500), updatedAt: new Date() })
      .where(
        and(
          inArray(
            campaignDeliveries.id,
            rows.map((row) => row.id),
          ),
          eq(campaignDeliveries.status, "sent"),
        ),
      )
      .returning({ id: campaignDeliveries.id });
    await tx
      .update(contacts)
      .set({ status: "bounced", statusChangedAt: new Date(), updatedAt: new Date() })
      .where(
        and(
          inArray(
            contacts.id,
            rows.map((row) => row.contactId),
          ),
          eq(contacts.status, "subscribed"),
        ),
      );
    return { kind: "permanent" as const, bounced: changed.length };
  });
}
