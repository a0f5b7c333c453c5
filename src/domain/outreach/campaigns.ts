/**
 * Campaigns of a list: create and change a draft, then start sending — the campaign becomes `sending` and gets one
 * delivery row per subscribed contact, in one transaction (docs/decisions/024). The sender (campaign-sender.ts)
 * works through those rows.
 */
import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { campaignDeliveries, campaigns } from "../../platform/db/schema.ts";
import { authorize, inTransaction, type UseCaseContext } from "../shared/context.ts";
import { AppError, notFound } from "../shared/errors.ts";
import { ZUuid } from "../shared/primitives.ts";
import { parseInput } from "../shared/resource.ts";
import { listInScope } from "./lists.ts";
import { ZCampaignBody, ZCampaignSubject } from "./render-message.ts";

export type Campaign = typeof campaigns.$inferSelect;

export const ZCampaignCreate = z.strictObject({
  listId: z.string().max(100),
  subject: ZCampaignSubject,
  bodyMarkdown: ZCampaignBody,
  /** Messages per minute handed to the SMTP server. */
  ratePerMinute: z.number().int().min(1).max(100_000).optional(),
});
export const ZCampaignUpdate = ZCampaignCreate.omit({ listId: true }).partial();

async function campaignInScope(
  ctx: UseCaseContext,
  campaignId: string,
  permission: "contacts.read" | "contacts.write",
  db = ctx.db,
): Promise<Campaign> {
  authorize(ctx.actor, permission);
  if (!ZUuid.safeParse(campaignId).success) throw notFound("la campaña", campaignId);
  const [campaign] = await db.select().from(campaigns).where(eq(campaigns.id, campaignId));
  if (!campaign) throw notFound("la campaña", campaignId);
  await listInScope(ctx, campaign.listId, permission, db);
  return campaign;
}

export async function createCampaign(ctx: UseCaseContext, raw: unknown): Promise<Campaign> {
  authorize(ctx.actor, "contacts.write");
  const input = parseInput(ZCampaignCreate, raw);
  return inTransaction(ctx, async (tx) => {
    await listInScope(ctx, input.listId, "contacts.write", tx);
    const [row] = await tx.insert(campaigns).values(input).returning();
    return row as Campaign;
  });
}

/** Changes a draft; a campaign that started sending keeps its words. */
export async function updateCampaign(
  ctx: UseCaseContext,
  campaignId: string,
  raw: unknown,
): Promise<Campaign> {
  const input = parseInput(ZCampaignUpdate, raw);
  return inTransaction(ctx, async (tx) => {
    const campaign = await campaignInScope(ctx, campaignId, "contacts.write", tx);
    if (campaign.status !== "draft")
      throw new AppError("conflict", "Solo se puede cambiar una campaña en borrador.");
    const [row] = await tx
      .update(campaigns)
      .set({ ...input, updatedAt: new Date() })
      .where(eq(campaigns.id, campaignId))
      .returning();
    return row as Campaign;
  });
}

export async function getCampaign(ctx: UseCaseContext, campaignId: string): Promise<Campaign> {
  return campaignInScope(ctx, campaignId, "contacts.read");
}

/** How many deliveries the campaign has in each status (counts only, no personal data). */
export async function campaignProgress(ctx: UseCaseContext, campaignId: string) {
  const campaign = await campaignInScope(ctx, campaignId, "contacts.read");
  const rows = await ctx.db
    .select({ status: campaignDeliveries.status, count: sql<number>`count(*)`.mapWith(Number) })
    .from(campaignDeliveries)
    .where(eq(campaignDeliveries.campaignId, campaignId))
    .groupBy(campaignDeliveries.status);
  const counts: Record<string, number> = {
    pending: 0,
    sending: 0,
    sent: 0,
    failed_temporary: 0,
    failed_permanent: 0,
    bounced: 0,
  };
  for (const row of rows) counts[row.status] = row.count;
  return { campaignId, status: campaign.status, sentAt: campaign.sentAt, deliveries: counts };
}

/**
 * Marks a draft (or scheduled) campaign `sending` and adds one pending delivery per contact subscribed to the list
 * now, all in one transaction; a contact added later is not included. Starting twice is refused.
 */
export async function startCampaign(ctx: UseCaseContext, campaignId: string) {
  return inTransaction(ctx, async (tx) => {
    const campaign = await campaignInScope(ctx, campaignId, "contacts.write", tx);
    const [started] = await tx
      .update(campaigns)
      .set({ status: "sending", startedAt: new Date(), updatedAt: new Date() })
      .where(and(eq(campaigns.id, campaignId), sql`${campaigns.status} in ('draft', 'scheduled')`))
      .returning();
    if (!started)
      throw new AppError(
        "conflict",
        `La campaña ya está ${statusLabel(campaign.status)}; no se puede iniciar.`,
      );
    await tx.execute(sql`
      insert into campaign_deliveries (campaign_id, contact_id)
      select ${campaignId}::uuid, c.id from contacts c
      where c.list_id = ${campaign.listId}::uuid and c.status = 'subscribed'
      on conflict (campaign_id, contact_id) do nothing`);
    const [counted] = await tx
      .select({ value: sql<number>`count(*)`.mapWith(Number) })
      .from(campaignDeliveries)
      .where(eq(campaignDeliveries.campaignId, campaignId));
    const deliveries = counted?.value ?? 0;
    return { campaign: started as Campaign, deliveries };
  });
}

function statusLabel(status: Campaign["status"]): string {
  return (
    {
      draft: "en borrador",
      scheduled: "programada",
      sending: "enviándose",
      sent: "enviada",
      cancelled: "cancelada",
    }[status] ?? status
  );
}
