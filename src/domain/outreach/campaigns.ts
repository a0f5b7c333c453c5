/**
 * Campaigns of a list: create and change a draft, schedule it, then start a send — the campaign becomes `sending`
 * and the send gets one delivery row per subscribed contact, in one transaction (docs/decisions/024). The sender
 * (campaign-sender.ts) works through those rows. A sent campaign may be sent again (a reminder): a new send, with
 * its own deliveries; the campaign's activity then has both dates (docs/decisions/025).
 */
import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../../platform/db/open.ts";
import { campaignDeliveries, campaignSends, campaigns, catalogEntries } from "../../platform/db/schema.ts";
import { assertActionOfCommission } from "../activities/activities.repository.ts";
import { todayInMexicoCity } from "../shared/calendar.ts";
import { authorize, inTransaction, inTransactionAs, type UseCaseContext } from "../shared/context.ts";
import { AppError, notFound } from "../shared/errors.ts";
import { ZUuid } from "../shared/primitives.ts";
import { parseInput } from "../shared/resource.ts";
import { recordCampaignActivity } from "./campaign-activity.ts";
import { listInScope } from "./lists.ts";
import { ZCampaignBody, ZCampaignSubject } from "./render-message.ts";

export type Campaign = typeof campaigns.$inferSelect;
export type CampaignSend = typeof campaignSends.$inferSelect;

export const ZCampaignCreate = z.strictObject({
  listId: z.string().max(100),
  subject: ZCampaignSubject,
  bodyMarkdown: ZCampaignBody,
  /** Messages per minute handed to the SMTP server. */
  ratePerMinute: z.number().int().min(1).max(100_000).optional(),
  /** How the quarterly report words the send; without it, «Envío del correo "<asunto>".». */
  reportTitle: z
    .string()
    .trim()
    .min(1, "La redacción para el informe no puede quedar vacía.")
    .max(1000, "La redacción para el informe admite hasta 1000 caracteres.")
    .nullable()
    .optional(),
  /** The programmed action the report lists it under. */
  actionId: ZUuid.nullable().optional(),
  /** The activity kind (catalogue «activity_kind»); by default «Correo electrónico a lista de difusión». */
  activityKindId: ZUuid.nullable().optional(),
});
export const ZCampaignUpdate = ZCampaignCreate.omit({ listId: true }).partial();
export const ZCampaignSchedule = z.strictObject({
  /** ISO 8601 instant with its offset: «2026-12-08T09:00:00-06:00». */
  at: z.iso.datetime({ offset: true, message: "Debe ser una fecha y hora ISO 8601 con su zona horaria." }),
});

/** The action is of the list's commission and the kind is an activity kind. */
async function assertReportReferences(
  tx: Db,
  commissionId: string,
  input: { actionId?: string | null; activityKindId?: string | null },
): Promise<void> {
  if (input.actionId) await assertActionOfCommission(tx, input.actionId, commissionId);
  if (input.activityKindId) {
    const [kind] = await tx
      .select({ id: catalogEntries.id })
      .from(catalogEntries)
      .where(and(eq(catalogEntries.id, input.activityKindId), eq(catalogEntries.catalog, "activity_kind")));
    if (!kind)
      throw new AppError("reference_not_found", "El tipo de actividad indicado no existe.", [
        {
          path: "activityKindId",
          message: "no existe un tipo de actividad con ese identificador",
          value: input.activityKindId,
        },
      ]);
  }
}

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
    const list = await listInScope(ctx, input.listId, "contacts.write", tx);
    await assertReportReferences(tx, list.commissionId, input);
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
    const list = await listInScope(ctx, campaign.listId, "contacts.write", tx);
    await assertReportReferences(tx, list.commissionId, input);
    const [row] = await tx
      .update(campaigns)
      .set({ ...input, updatedAt: new Date() })
      .where(eq(campaigns.id, campaignId))
      .returning();
    return row as Campaign;
  });
}

export type CampaignDetail = Campaign & { sends: CampaignSend[] };

/** The campaign with its sends, first to last. */
export async function getCampaign(ctx: UseCaseContext, campaignId: string): Promise<CampaignDetail> {
  const campaign = await campaignInScope(ctx, campaignId, "contacts.read");
  const sends = await ctx.db
    .select()
    .from(campaignSends)
    .where(eq(campaignSends.campaignId, campaignId))
    .orderBy(asc(campaignSends.number));
  return { ...campaign, sends };
}

export const ZCampaignQuery = z.strictObject({
  status: z.enum(["draft", "scheduled", "sending", "sent", "cancelled"]).optional(),
});

/** A list's campaigns, newest first (no personal data: subjects, states and counts). */
export async function listCampaigns(ctx: UseCaseContext, listId: string, raw: unknown = {}) {
  const query = parseInput(ZCampaignQuery, raw);
  await listInScope(ctx, listId, "contacts.read");
  return (
    ctx.db
      .select()
      .from(campaigns)
      .where(and(eq(campaigns.listId, listId), query.status ? eq(campaigns.status, query.status) : undefined))
      // Campaigns written together (a dataset's) by their last send.
      .orderBy(desc(campaigns.createdAt), sql`${campaigns.sentAt} desc nulls first`)
  );
}

/** How many deliveries of the campaign's latest send are in each status (counts only, no personal data). */
export async function campaignProgress(ctx: UseCaseContext, campaignId: string) {
  const campaign = await campaignInScope(ctx, campaignId, "contacts.read");
  const [send] = await ctx.db
    .select()
    .from(campaignSends)
    .where(eq(campaignSends.campaignId, campaignId))
    .orderBy(desc(campaignSends.number))
    .limit(1);
  const rows = send
    ? await ctx.db
        .select({ status: campaignDeliveries.status, count: sql<number>`count(*)`.mapWith(Number) })
        .from(campaignDeliveries)
        .where(eq(campaignDeliveries.sendId, send.id))
        .groupBy(campaignDeliveries.status)
    : [];
  const counts: Record<string, number> = {
    pending: 0,
    sending: 0,
    sent: 0,
    failed_temporary: 0,
    failed_permanent: 0,
    bounced: 0,
  };
  for (const row of rows) counts[row.status] = row.count;
  return {
    campaignId,
    status: campaign.status,
    scheduledAt: campaign.scheduledAt,
    sentAt: campaign.sentAt,
    recipientCount: campaign.recipientCount,
    send: send
      ? { number: send.number, sentOn: send.sentOn, startedAt: send.startedAt, finishedAt: send.finishedAt }
      : null,
    total: Object.values(counts).reduce((sum, count) => sum + count, 0),
    deliveries: counts,
  };
}

/**
 * Starts the campaign's next send: marks a draft, scheduled or already sent campaign `sending`, numbers the send,
 * and adds one pending delivery per contact subscribed to the list now, all in one transaction; a contact added
 * later is not included. Refused while a send is under way or after a cancellation.
 */
export async function startCampaign(ctx: UseCaseContext, campaignId: string) {
  return inTransaction(ctx, async (tx) => {
    await campaignInScope(ctx, campaignId, "contacts.write", tx);
    return startSend(tx, campaignId);
  });
}

async function startSend(tx: Db, campaignId: string) {
  const [campaign] = await tx.select().from(campaigns).where(eq(campaigns.id, campaignId)).for("update");
  if (!campaign) throw notFound("la campaña", campaignId);
  if (campaign.status === "sending" || campaign.status === "cancelled")
    throw new AppError(
      "conflict",
      `La campaña ya está ${statusLabel(campaign.status)}; no se puede iniciar otro envío.`,
    );
  const now = new Date();
  const [started] = await tx
    .update(campaigns)
    .set({ status: "sending", startedAt: campaign.startedAt ?? now, scheduledAt: null, updatedAt: now })
    .where(eq(campaigns.id, campaignId))
    .returning();
  const [last] = await tx
    .select({ number: sql<number>`coalesce(max(${campaignSends.number}), 0)`.mapWith(Number) })
    .from(campaignSends)
    .where(eq(campaignSends.campaignId, campaignId));
  const [send] = await tx
    .insert(campaignSends)
    .values({ campaignId, number: (last?.number ?? 0) + 1, sentOn: todayInMexicoCity(now), startedAt: now })
    .returning();
  const sendId = (send as CampaignSend).id;
  await tx.execute(sql`
    insert into campaign_deliveries (campaign_id, send_id, contact_id)
    select ${campaignId}::uuid, ${sendId}::uuid, c.id from contacts c
    where c.list_id = ${campaign.listId}::uuid and c.status = 'subscribed'
    on conflict (send_id, contact_id) do nothing`);
  const [counted] = await tx
    .select({ value: sql<number>`count(*)`.mapWith(Number) })
    .from(campaignDeliveries)
    .where(eq(campaignDeliveries.sendId, sendId));
  const deliveries = counted?.value ?? 0;
  // A list with nobody subscribed: the send ends at once, having reached nobody.
  if (deliveries === 0) await finishCurrentSend(tx, campaignId);
  return { campaign: started as Campaign, send: send as CampaignSend, deliveries };
}

/** Programs a draft to start at a given instant (the server's dispatcher starts it then). */
export async function scheduleCampaign(ctx: UseCaseContext, campaignId: string, raw: unknown) {
  const input = parseInput(ZCampaignSchedule, raw);
  const at = new Date(input.at);
  if (at.getTime() <= Date.now())
    throw new AppError(
      "validation_failed",
      "La fecha programada ya pasó; indique una futura o envíe ahora.",
      [{ path: "at", message: "debe ser posterior a este momento", value: input.at }],
    );
  return inTransaction(ctx, async (tx) => {
    const campaign = await campaignInScope(ctx, campaignId, "contacts.write", tx);
    if (campaign.status !== "draft" && campaign.status !== "scheduled")
      throw new AppError(
        "conflict",
        `La campaña ya está ${statusLabel(campaign.status)}; no se puede programar.`,
      );
    const [row] = await tx
      .update(campaigns)
      .set({ status: "scheduled", scheduledAt: at, updatedAt: new Date() })
      .where(eq(campaigns.id, campaignId))
      .returning();
    return row as Campaign;
  });
}

/** Takes a scheduled campaign back to draft. */
export async function unscheduleCampaign(ctx: UseCaseContext, campaignId: string) {
  return inTransaction(ctx, async (tx) => {
    const campaign = await campaignInScope(ctx, campaignId, "contacts.write", tx);
    if (campaign.status !== "scheduled") throw new AppError("conflict", "La campaña no está programada.");
    const [row] = await tx
      .update(campaigns)
      .set({ status: "draft", scheduledAt: null, updatedAt: new Date() })
      .where(eq(campaigns.id, campaignId))
      .returning();
    return row as Campaign;
  });
}

/**
 * Stops a campaign for good: a draft or scheduled one is never sent; one being sent stops after the messages in
 * flight — the rest of its deliveries are marked failed («cancelada») and the send ends with what it delivered,
 * which the activity records.
 */
export async function cancelCampaign(ctx: UseCaseContext, campaignId: string) {
  return inTransaction(ctx, async (tx) => {
    const campaign = await campaignInScope(ctx, campaignId, "contacts.write", tx);
    if (campaign.status === "sent" || campaign.status === "cancelled")
      throw new AppError(
        "conflict",
        `La campaña ya está ${statusLabel(campaign.status)}; no se puede cancelar.`,
      );
    if (campaign.status === "sending") {
      await tx
        .update(campaignDeliveries)
        .set({
          status: "failed_permanent",
          lastError: "Campaña cancelada.",
          claimedAt: null,
          updatedAt: new Date(),
        })
        .where(
          and(
            eq(campaignDeliveries.campaignId, campaignId),
            inArray(campaignDeliveries.status, ["pending", "failed_temporary"]),
          ),
        );
      await finishCurrentSend(tx, campaignId, "cancelled");
    }
    const [row] = await tx
      .update(campaigns)
      .set({ status: "cancelled", scheduledAt: null, updatedAt: new Date() })
      .where(eq(campaigns.id, campaignId))
      .returning();
    return row as Campaign;
  });
}

/**
 * Ends the campaign's open send inside the caller's transaction: counts what it delivered and failed, adds the
 * people it reached for the first time to the campaign's count, marks the campaign `sent` (or leaves `status`
 * to the caller) and rewrites its activity. Messages still in flight (`sending`) are not counted; the sender
 * calls this only when none is left.
 */
export async function finishCurrentSend(
  tx: Db,
  campaignId: string,
  status: "sent" | "cancelled" = "sent",
): Promise<void> {
  const [send] = await tx
    .select()
    .from(campaignSends)
    .where(and(eq(campaignSends.campaignId, campaignId), sql`${campaignSends.finishedAt} is null`))
    .orderBy(desc(campaignSends.number))
    .limit(1);
  if (!send) return;
  const result = await tx.execute(sql`
    select
      count(*) filter (where d.status = 'sent') as delivered,
      count(*) filter (where d.status in ('failed_permanent', 'bounced')) as failed,
      count(*) filter (where d.status = 'sent' and not exists (
        select 1 from campaign_deliveries e
        join campaign_sends s on s.id = e.send_id
        where e.contact_id = d.contact_id and e.campaign_id = d.campaign_id and e.status = 'sent'
          and s.number < ${send.number})) as reached,
      max(d.sent_at) as last_sent
    from campaign_deliveries d where d.send_id = ${send.id}::uuid`);
  const counts = (result as unknown as { rows: Record<string, unknown>[] }).rows[0] ?? {};
  const now = new Date();
  await tx
    .update(campaignSends)
    .set({ finishedAt: now, delivered: Number(counts.delivered ?? 0), failed: Number(counts.failed ?? 0) })
    .where(eq(campaignSends.id, send.id));
  await tx
    .update(campaigns)
    .set({
      ...(status === "sent" ? { status: "sent" as const } : {}),
      sentAt: counts.last_sent ? new Date(String(counts.last_sent)) : now,
      recipientCount: sql`${campaigns.recipientCount} + ${Number(counts.reached ?? 0)}`,
      updatedAt: now,
    })
    .where(eq(campaigns.id, campaignId));
  await recordCampaignActivity(tx, campaignId);
}

/** Starts every scheduled campaign whose time has come; returns their ids. Run by the server's dispatcher. */
export async function startDueCampaigns(db: Db, actorLabel: string, now = new Date()): Promise<string[]> {
  const due = await db
    .select({ id: campaigns.id })
    .from(campaigns)
    .where(
      and(
        eq(campaigns.status, "scheduled"),
        sql`${campaigns.scheduledAt} <= ${now.toISOString()}::timestamptz`,
      ),
    );
  const started: string[] = [];
  for (const { id } of due) {
    const ok = await inTransactionAs(db, actorLabel, async (tx) => {
      const [still] = await tx
        .select({ status: campaigns.status })
        .from(campaigns)
        .where(eq(campaigns.id, id))
        .for("update");
      if (still?.status !== "scheduled") return false;
      await startSend(tx, id);
      return true;
    });
    if (ok) started.push(id);
  }
  return started;
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
