/**
 * A campaign's sends, recorded as the activity the quarterly report shows (docs/decisions/025): one activity per
 * campaign, of the campaign's kind (by default «Correo electrónico a lista de difusión», the kind the report's
 * e-mail tables list) and programmed action, dated on the day of each send — «miércoles 06 y viernes 08 de enero
 * de 2021» for a campaign sent twice — with the number of people it reached. The campaign is the source: each
 * send that ends rewrites the activity from it.
 */
import { and, asc, eq, gt } from "drizzle-orm";
import type { Db } from "../../platform/db/open.ts";
import {
  activities,
  campaignSends,
  campaigns,
  catalogEntries,
  outreachLists,
} from "../../platform/db/schema.ts";
import { replaceDates } from "../activities/activities.repository.ts";

/** The activity kind of a campaign that names none; created when the catalogue lacks it. */
export const CAMPAIGN_ACTIVITY_KIND = {
  key: "email_to_list",
  name: "Correo electrónico a lista de difusión",
};

/** «Envío del correo "Asunto".» — how the report words a campaign that gives no wording of its own. */
export function defaultReportTitle(subject: string): string {
  const plain = subject.replaceAll("{nombre}", "").replace(/\s+/g, " ").trim();
  return `Envío del correo "${plain.replace(/[.\s]+$/, "")}".`;
}

async function campaignKindId(tx: Db): Promise<string> {
  const [found] = await tx
    .select({ id: catalogEntries.id })
    .from(catalogEntries)
    .where(
      and(eq(catalogEntries.catalog, "activity_kind"), eq(catalogEntries.key, CAMPAIGN_ACTIVITY_KIND.key)),
    );
  if (found) return found.id;
  const [created] = await tx
    .insert(catalogEntries)
    .values({ catalog: "activity_kind", ...CAMPAIGN_ACTIVITY_KIND, position: 100 })
    .returning({ id: catalogEntries.id });
  return (created as { id: string }).id;
}

/**
 * Creates or rewrites the campaign's activity from its ended sends that delivered something, inside the caller's
 * transaction. Does nothing while there is none. Returns the activity's id.
 */
export async function recordCampaignActivity(tx: Db, campaignId: string): Promise<string | undefined> {
  const [campaign] = await tx
    .select({
      id: campaigns.id,
      subject: campaigns.subject,
      reportTitle: campaigns.reportTitle,
      activityKindId: campaigns.activityKindId,
      actionId: campaigns.actionId,
      activityId: campaigns.activityId,
      recipientCount: campaigns.recipientCount,
      commissionId: outreachLists.commissionId,
      listName: outreachLists.name,
    })
    .from(campaigns)
    .innerJoin(outreachLists, eq(outreachLists.id, campaigns.listId))
    .where(eq(campaigns.id, campaignId));
  if (!campaign) return undefined;
  const sends = await tx
    .select({ sentOn: campaignSends.sentOn })
    .from(campaignSends)
    // A send that reached nobody (an empty list, a cancellation before the first message) is no date of it.
    .where(and(eq(campaignSends.campaignId, campaignId), gt(campaignSends.delivered, 0)))
    .orderBy(asc(campaignSends.sentOn));
  const dates = [...new Set(sends.map((send) => send.sentOn))].sort();
  if (dates.length === 0) return undefined;
  const values = {
    kindId: campaign.activityKindId ?? (await campaignKindId(tx)),
    actionId: campaign.actionId,
    title: campaign.reportTitle ?? defaultReportTitle(campaign.subject),
    audience: campaign.listName,
    startDate: dates[0] as string,
    endDate: dates.at(-1) as string,
    isContinuous: false,
    quantity: campaign.recipientCount,
    status: "held" as const,
    updatedAt: new Date(),
  };
  let activityId = campaign.activityId;
  if (activityId) {
    const [updated] = await tx
      .update(activities)
      .set(values)
      .where(eq(activities.id, activityId))
      .returning({ id: activities.id });
    activityId = updated?.id ?? null;
  }
  if (!activityId) {
    const [created] = await tx
      .insert(activities)
      .values({ ...values, commissionId: campaign.commissionId, key: `campana-${campaign.id}` })
      .onConflictDoUpdate({ target: [activities.commissionId, activities.key], set: values })
      .returning({ id: activities.id });
    activityId = (created as { id: string }).id;
    await tx.update(campaigns).set({ activityId }).where(eq(campaigns.id, campaignId));
  }
  await replaceDates(tx, activityId, dates);
  return activityId;
}
