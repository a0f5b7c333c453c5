/**
 * The durable sender (docs/decisions/024): works through a campaign's delivery rows until none is left to try.
 *
 * Each round claims a few due rows with `FOR UPDATE SKIP LOCKED` (pending, temporarily failed and due, or left in
 * `sending` by a sender that died more than a lease ago), marks them `sending` and commits; only then does it talk
 * to SMTP, one message at a time at the campaign's rate, and records each outcome in its own short transaction.
 * A row is `sent` only after the SMTP server accepted the message. Works on PGlite (one connection: no transaction
 * is open while SMTP talks) and on PostgreSQL, where several senders may share a campaign.
 */
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../../platform/db/open.ts";
import {
  campaignDeliveries,
  campaigns,
  contacts,
  institutions,
  outreachLists,
} from "../../platform/db/schema.ts";
import {
  type BackoffPolicy,
  DEFAULT_BACKOFF,
  type MailTransport,
  type OutgoingMessage,
  RateLimiter,
  retryDelayMs,
  type SendResult,
} from "../../platform/mail.ts";
import { inTransactionAs } from "../shared/context.ts";
import { AppError } from "../shared/errors.ts";
import { finishCurrentSend } from "./campaigns.ts";
import { renderCampaignMessage } from "./render-message.ts";
import { unsubscribeUrl } from "./unsubscribe-token.ts";

/** Who the audit trail says made the sender's changes. */
export const SENDER_ACTOR = "system:campaign-sender";

export type SenderSettings = {
  /** «Comisión … <avisos@ejemplo.mx>». */
  from: string;
  /** Vincula's public address: unsubscribe links start with it. */
  publicUrl: string;
  privacyNoticeUrl: string;
  unsubscribeMailto?: string;
  /** The highest rate the operator allows (VINCULA_MAIL_RATE_PER_MINUTE); the campaign's own rate, if lower, wins. */
  maxRatePerMinute: number;
};

export type SenderOptions = {
  /** Messages in flight at once (default 1); the transport should have as many connections. */
  concurrency?: number;
  /** Rows claimed per round (default 20): few, so a crash leaves few rows waiting for their lease. */
  batchSize?: number;
  /** A row in `sending` claimed longer ago than this is taken as a dead sender's (default 10 minutes). */
  leaseMs?: number;
  /**
   * A row claimed before this instant is a dead sender's whatever the lease: on PGlite, where one process owns the
   * database, every claim older than the process is (the server and the command pass their start time).
   */
  staleBefore?: Date;
  backoff?: BackoffPolicy;
  /** How long to wait after a failure of the sender or the connection before trying again (default 60 s). */
  pauseMs?: number;
  /** Longest sleep while waiting for retries that are not due yet (default 60 s). */
  maxIdleMs?: number;
  onProgress?: (progress: SenderProgress) => void;
  signal?: AbortSignal;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
};

export type SenderProgress = {
  sent: number;
  failedPermanent: number;
  failedTemporary: number;
  paused: number;
  /** Rows of the campaign still pending, sending or waiting for a retry. */
  remaining: number;
};

export type SenderResult = SenderProgress & { done: boolean };

type Claimed = {
  id: string;
  sendNumber: number;
  contactId: string;
  attempts: number;
  name: string | null;
  email: string;
  token: string;
  contactStatus: string;
};

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Sends the campaign until no delivery is left pending, sending or waiting for a retry, then marks it `sent`.
 * Returns early (done: false) when the signal aborts or the campaign is no longer `sending` (cancelled).
 */
export async function runCampaignSender(
  db: Db,
  campaignId: string,
  transport: MailTransport,
  settings: SenderSettings,
  options: SenderOptions = {},
): Promise<SenderResult> {
  const batchSize = options.batchSize ?? 20;
  const leaseMs = options.leaseMs ?? 10 * 60_000;
  const staleBefore = options.staleBefore?.getTime() ?? 0;
  const backoff = options.backoff ?? DEFAULT_BACKOFF;
  const pauseMs = options.pauseMs ?? 60_000;
  const maxIdleMs = options.maxIdleMs ?? 60_000;
  const sleep = options.sleep ?? defaultSleep;
  const random = options.random ?? Math.random;
  const concurrency = Math.max(1, options.concurrency ?? 1);

  const campaign = await loadCampaign(db, campaignId);
  const perMinute = Math.min(campaign.ratePerMinute, settings.maxRatePerMinute);
  const limiter = new RateLimiter({
    perMinute,
    burst: Math.max(1, Math.min(100, Math.floor(perMinute / 60))),
  });
  const totals: SenderProgress = { sent: 0, failedPermanent: 0, failedTemporary: 0, paused: 0, remaining: 0 };

  for (;;) {
    if (options.signal?.aborted)
      return { ...totals, remaining: await remaining(db, campaignId), done: false };
    const claimed = await claim(db, campaignId, batchSize, leaseMs, staleBefore);
    if (claimed === "stopped") return { ...totals, remaining: await remaining(db, campaignId), done: false };
    if (claimed.length === 0) {
      const left = await finishIfDone(db, campaignId, leaseMs, staleBefore);
      totals.remaining = left.remaining;
      if (left.remaining === 0) {
        options.onProgress?.({ ...totals });
        return { ...totals, done: true };
      }
      await sleep(Math.max(50, Math.min(maxIdleMs, left.nextDueMs ?? maxIdleMs)));
      continue;
    }
    let pause = false;
    let next = 0;
    const handle = async (delivery: Claimed): Promise<void> => {
      if (delivery.contactStatus !== "subscribed") {
        await record(db, delivery, {
          status: "failed_permanent",
          lastError: "El contacto ya no está suscrito; no se le envió.",
        });
        totals.failedPermanent++;
        return;
      }
      const message = renderFor(campaign, delivery, settings);
      await limiter.acquire();
      const result: SendResult = await transport.sendMessage(message);
      if (result.ok) {
        await record(db, delivery, {
          status: "sent",
          attempts: delivery.attempts + 1,
          sentAt: new Date(),
          messageId: message.messageId,
          lastError: null,
        });
        totals.sent++;
        return;
      }
      const { failure } = result;
      if (failure.scope === "sender" || failure.scope === "connection") {
        // Not the contact's fault: the row goes back as it was, the campaign pauses.
        await release(db, [delivery], pauseMs, failure.reason);
        totals.paused++;
        pause = true;
        return;
      }
      const attempts = delivery.attempts + 1;
      if (failure.kind === "permanent") {
        await record(db, delivery, { status: "failed_permanent", attempts, lastError: failure.reason });
        if (failure.scope === "recipient") await markBounced(db, delivery.contactId);
        totals.failedPermanent++;
        return;
      }
      const delay = retryDelayMs(attempts, backoff, random);
      if (delay === null) {
        await record(db, delivery, {
          status: "failed_permanent",
          attempts,
          lastError: `Reintentos agotados: ${failure.reason}`,
        });
        totals.failedPermanent++;
      } else {
        await record(db, delivery, {
          status: "failed_temporary",
          attempts,
          lastError: failure.reason,
          nextAttemptAt: new Date(Date.now() + delay),
        });
        totals.failedTemporary++;
      }
    };
    const worker = async () => {
      while (next < claimed.length && !pause && !options.signal?.aborted) {
        const delivery = claimed[next++] as Claimed;
        await handle(delivery);
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, claimed.length) }, worker));
    // Rows not started (a pause or a stop): given back untouched, no attempt counted.
    await release(db, claimed.slice(next), pause ? pauseMs : 0);
    totals.remaining = await remaining(db, campaignId);
    options.onProgress?.({ ...totals });
    if (pause) await sleep(pauseMs);
  }
}

export type CampaignForSending = {
  id: string;
  subject: string;
  bodyMarkdown: string;
  ratePerMinute: number;
  listId: string;
  listName: string;
  institutionName: string;
};

/** What every message of the campaign shares: words, list, institution (whatever the campaign's state). */
export async function campaignMessageParts(
  db: Db,
  campaignId: string,
): Promise<CampaignForSending & { status: string }> {
  const [row] = await db
    .select({
      id: campaigns.id,
      subject: campaigns.subject,
      bodyMarkdown: campaigns.bodyMarkdown,
      ratePerMinute: campaigns.ratePerMinute,
      status: campaigns.status,
      listId: outreachLists.id,
      listName: outreachLists.name,
    })
    .from(campaigns)
    .innerJoin(outreachLists, eq(outreachLists.id, campaigns.listId))
    .where(eq(campaigns.id, campaignId));
  if (!row) throw new AppError("not_found", `No existe la campaña «${campaignId}».`);
  const [institution] = await db.select({ name: institutions.name }).from(institutions).limit(1);
  return { ...row, institutionName: institution?.name ?? "Instituto Electoral de la Ciudad de México" };
}

async function loadCampaign(db: Db, campaignId: string): Promise<CampaignForSending> {
  const campaign = await campaignMessageParts(db, campaignId);
  if (campaign.status !== "sending" && campaign.status !== "sent")
    throw new AppError(
      "conflict",
      "La campaña no se ha iniciado (está en borrador, programada o cancelada).",
    );
  return campaign;
}

function renderFor(
  campaign: CampaignForSending,
  delivery: Claimed,
  settings: SenderSettings,
): OutgoingMessage {
  return renderCampaignMessage({
    institutionName: campaign.institutionName,
    list: { id: campaign.listId, name: campaign.listName },
    campaign: {
      id: campaign.id,
      subject: campaign.subject,
      body: campaign.bodyMarkdown,
      send: delivery.sendNumber,
    },
    contact: { id: delivery.contactId, name: delivery.name ?? "", email: delivery.email },
    from: settings.from,
    unsubscribeUrl: unsubscribeUrl(settings.publicUrl, delivery.token),
    unsubscribeMailto: settings.unsubscribeMailto,
    privacyNoticeUrl: settings.privacyNoticeUrl,
  });
}

/** Claims up to `limit` due rows and commits the claim; "stopped" when the campaign is no longer sending. */
async function claim(
  db: Db,
  campaignId: string,
  limit: number,
  leaseMs: number,
  staleBefore: number,
): Promise<Claimed[] | "stopped"> {
  return inTransactionAs(db, SENDER_ACTOR, async (tx) => {
    const [campaign] = await tx
      .select({ status: campaigns.status })
      .from(campaigns)
      .where(eq(campaigns.id, campaignId));
    if (campaign?.status !== "sending") return "stopped";
    const now = new Date();
    const leaseCutoff = new Date(Math.max(now.getTime() - leaseMs, staleBefore));
    const result = await tx.execute(sql`
      with due as (
        select id from campaign_deliveries
        where campaign_id = ${campaignId}::uuid
          and ((status in ('pending', 'failed_temporary') and next_attempt_at <= ${now.toISOString()}::timestamptz)
            or (status = 'sending' and claimed_at < ${leaseCutoff.toISOString()}::timestamptz))
        order by next_attempt_at, id
        limit ${limit}
        for update skip locked)
      update campaign_deliveries d
        set status = 'sending', claimed_at = ${now.toISOString()}::timestamptz, updated_at = ${now.toISOString()}::timestamptz
      from due, contacts c
      where d.id = due.id and c.id = d.contact_id
      returning d.id, d.contact_id, d.attempts, c.name, c.email, c.unsubscribe_token, c.status as contact_status,
        (select s.number from campaign_sends s where s.id = d.send_id) as send_number`);
    const rows = (result as unknown as { rows: Record<string, unknown>[] }).rows;
    return rows.map((row) => ({
      id: String(row.id),
      sendNumber: Number(row.send_number),
      contactId: String(row.contact_id),
      attempts: Number(row.attempts),
      name: row.name === null ? null : String(row.name),
      email: String(row.email),
      token: String(row.unsubscribe_token),
      contactStatus: String(row.contact_status),
    }));
  });
}

type Outcome = {
  status: "sent" | "failed_temporary" | "failed_permanent";
  attempts?: number;
  lastError?: string | null;
  sentAt?: Date;
  messageId?: string;
  nextAttemptAt?: Date;
};

async function record(db: Db, delivery: Claimed, outcome: Outcome): Promise<void> {
  const values = outcome;
  await inTransactionAs(db, SENDER_ACTOR, async (tx) => {
    await tx
      .update(campaignDeliveries)
      .set({
        ...values,
        // The server's words for a sent message are not kept: the stable Message-ID identifies it.
        lastError: outcome.status === "sent" ? null : values.lastError,
        claimedAt: null,
        updatedAt: new Date(),
      })
      .where(and(eq(campaignDeliveries.id, delivery.id), eq(campaignDeliveries.status, "sending")));
  });
}

/** Gives claimed rows back without counting an attempt, due again after `delayMs`. */
async function release(db: Db, rows: Claimed[], delayMs: number, reason?: string): Promise<void> {
  if (rows.length === 0) return;
  const due = new Date(Date.now() + delayMs).toISOString();
  await inTransactionAs(db, SENDER_ACTOR, async (tx) => {
    for (const row of rows)
      await tx
        .update(campaignDeliveries)
        .set({
          status: row.attempts === 0 ? "pending" : "failed_temporary",
          nextAttemptAt: new Date(due),
          claimedAt: null,
          updatedAt: new Date(),
          ...(reason ? { lastError: reason } : {}),
        })
        .where(and(eq(campaignDeliveries.id, row.id), eq(campaignDeliveries.status, "sending")));
  });
}

async function markBounced(db: Db, contactId: string): Promise<void> {
  await inTransactionAs(db, SENDER_ACTOR, async (tx) => {
    await tx
      .update(contacts)
      .set({ status: "bounced", statusChangedAt: new Date(), updatedAt: new Date() })
      .where(and(eq(contacts.id, contactId), eq(contacts.status, "subscribed")));
  });
}

async function remaining(db: Db, campaignId: string): Promise<number> {
  const [row] = await db
    .select({ value: sql<number>`count(*)`.mapWith(Number) })
    .from(campaignDeliveries)
    .where(
      and(
        eq(campaignDeliveries.campaignId, campaignId),
        sql`${campaignDeliveries.status} in ('pending', 'sending', 'failed_temporary')`,
      ),
    );
  return row?.value ?? 0;
}

/**
 * Ends the send (campaigns.ts `finishCurrentSend`: counts, campaign `sent`, its activity) when no row is left to
 * try; otherwise says how many are left and in how many milliseconds the next one is due.
 */
async function finishIfDone(
  db: Db,
  campaignId: string,
  leaseMs: number,
  staleBefore: number,
): Promise<{ remaining: number; nextDueMs?: number }> {
  return inTransactionAs(db, SENDER_ACTOR, async (tx) => {
    const [row] = await tx
      .select({
        remaining:
          sql<number>`count(*) filter (where ${campaignDeliveries.status} in ('pending', 'sending', 'failed_temporary'))`.mapWith(
            Number,
          ),
        nextDue: sql<
          string | null
        >`min(${campaignDeliveries.nextAttemptAt}) filter (where ${campaignDeliveries.status} in ('pending', 'failed_temporary'))`,
        oldestClaim: sql<
          string | null
        >`min(${campaignDeliveries.claimedAt}) filter (where ${campaignDeliveries.status} = 'sending')`,
      })
      .from(campaignDeliveries)
      .where(eq(campaignDeliveries.campaignId, campaignId));
    const left = row?.remaining ?? 0;
    if (left > 0) {
      const times = [
        row?.nextDue ? new Date(row.nextDue).getTime() : undefined,
        row?.oldestClaim
          ? new Date(row.oldestClaim).getTime() < staleBefore
            ? Date.now()
            : new Date(row.oldestClaim).getTime() + leaseMs
          : undefined,
      ].filter((time): time is number => time !== undefined);
      return { remaining: left, nextDueMs: times.length > 0 ? Math.min(...times) - Date.now() : undefined };
    }
    const [campaign] = await tx
      .select({ status: campaigns.status })
      .from(campaigns)
      .where(eq(campaigns.id, campaignId))
      .for("update");
    if (campaign?.status === "sending") await finishCurrentSend(tx, campaignId);
    return { remaining: 0 };
  });
}
