import { eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachEngine } from "../../../tests/support/databases.ts";
import { buildCommission, uniqueKey, writeDirectly } from "../../../tests/support/factories.ts";
import {
  startSmtpServer,
  TEST_SENDER_SETTINGS,
  type TestSmtpServer,
  testTransport,
} from "../../../tests/support/smtp-server.ts";
import { campaignDeliveries, campaigns, contacts } from "../../platform/db/schema.ts";
import type { MailTransport, SendResult } from "../../platform/mail.ts";
import { runCampaignSender } from "./campaign-sender.ts";
import { campaignProgress, createCampaign, startCampaign, updateCampaign } from "./campaigns.ts";
import { changeContactStatus, createContact } from "./contacts.ts";
import { createOutreachList } from "./lists.ts";

const settings = TEST_SENDER_SETTINGS;
const fast = { backoff: { baseMs: 10, maxMs: 20, maxAttempts: 2 }, pauseMs: 10, maxIdleMs: 20 };

describeEachEngine("campaigns and the durable sender", (t) => {
  let smtp: TestSmtpServer;
  let transport: MailTransport;

  async function listWith(emails: string[]) {
    const commissionId = (await buildCommission(t.context)).id;
    const list = await createOutreachList(t.context, {
      commissionId,
      key: uniqueKey("voto"),
      name: "Voto Chilango",
      purpose: "Informar del voto desde el extranjero",
      retentionMonths: 24,
      privacyNoticeVersion: "2021-01",
    });
    const ids: string[] = [];
    for (const email of emails)
      ids.push(
        (
          await createContact(t.context, list.id, {
            email,
            name: email.split("@")[0],
            consent: { givenOn: "2021-01-10", source: "formulario web" },
          })
        ).id,
      );
    return { list, ids };
  }

  beforeAll(async () => {
    smtp = await startSmtpServer();
    transport = testTransport(smtp);
  });
  afterAll(async () => {
    transport.close();
    await smtp.close();
  });

  it("refuses a bad campaign, starts once with one delivery per subscribed contact, and then freezes the draft", async () => {
    const { list, ids } = await listWith(["a@ejemplo.mx", "b@ejemplo.mx", "c@ejemplo.mx"]);
    await changeContactStatus(t.context, ids[2] as string, { status: "unsubscribed" });
    await expect(
      createCampaign(t.context, { listId: list.id, subject: "Hola\nBcc: x@y.z", bodyMarkdown: "Hola" }),
    ).rejects.toMatchObject({ code: "validation_failed" });
    await expect(
      createCampaign(t.context, {
        listId: "00000000-0000-4000-8000-000000000000",
        subject: "A",
        bodyMarkdown: "B",
      }),
    ).rejects.toMatchObject({ code: "not_found" });
    const campaign = await createCampaign(t.context, {
      listId: list.id,
      subject: "Aviso",
      bodyMarkdown: "Hola",
    });
    expect(campaign.status).toBe("draft");
    expect((await updateCampaign(t.context, campaign.id, { subject: "Aviso {nombre}" })).subject).toBe(
      "Aviso {nombre}",
    );
    const started = await startCampaign(t.context, campaign.id);
    expect(started.deliveries).toBe(2);
    expect(started.campaign.status).toBe("sending");
    await expect(startCampaign(t.context, campaign.id)).rejects.toMatchObject({ code: "conflict" });
    await expect(updateCampaign(t.context, campaign.id, { subject: "Otro" })).rejects.toMatchObject({
      code: "conflict",
    });
    expect((await campaignProgress(t.context, campaign.id)).deliveries.pending).toBe(2);
  });

  it("sends each subscribed contact once, bounces a 550, retries a 451 until its tries are spent, and finishes", async () => {
    const emails = [
      "ok1@ejemplo.mx",
      "ok2@ejemplo.mx",
      "nadie@ejemplo.mx",
      "lleno@ejemplo.mx",
      "baja@ejemplo.mx",
    ];
    const { list, ids } = await listWith(emails);
    smtp.failRecipient("nadie@ejemplo.mx", 550);
    smtp.failRecipient("lleno@ejemplo.mx", 451);
    const campaign = await createCampaign(t.context, {
      listId: list.id,
      subject: "Hola {nombre}",
      bodyMarkdown: "Hola {nombre}",
      ratePerMinute: 100_000,
    });
    await startCampaign(t.context, campaign.id);
    // Unsubscribed after the start: the row exists but the message is not sent.
    await changeContactStatus(t.context, ids[4] as string, { status: "unsubscribed" });
    const before = smtp.messages.length;
    const result = await runCampaignSender(t.context.db, campaign.id, transport, settings, fast);
    expect(result.done).toBe(true);
    const received = smtp.messages.slice(before).map((message) => message.envelope.to.join(","));
    expect(received.sort()).toEqual(["ok1@ejemplo.mx", "ok2@ejemplo.mx"]);

    const rows = await t.context.db
      .select()
      .from(campaignDeliveries)
      .where(eq(campaignDeliveries.campaignId, campaign.id));
    const byContact = new Map(rows.map((row) => [row.contactId, row]));
    expect(byContact.get(ids[0] as string)).toMatchObject({ status: "sent", attempts: 1, claimedAt: null });
    expect(byContact.get(ids[0] as string)?.messageId).toContain(`campaign-${campaign.id}`);
    expect(byContact.get(ids[2] as string)).toMatchObject({ status: "failed_permanent", attempts: 1 });
    expect(byContact.get(ids[3] as string)).toMatchObject({ status: "failed_permanent", attempts: 2 });
    expect(byContact.get(ids[3] as string)?.lastError).toMatch(/Reintentos agotados/);
    expect(byContact.get(ids[4] as string)).toMatchObject({ status: "failed_permanent", attempts: 0 });
    const statuses = await t.context.db.select({ id: contacts.id, status: contacts.status }).from(contacts);
    const status = new Map(statuses.map((row) => [row.id, row.status]));
    expect(status.get(ids[2] as string)).toBe("bounced");
    expect(status.get(ids[3] as string)).toBe("subscribed");
    const [done] = await t.context.db.select().from(campaigns).where(eq(campaigns.id, campaign.id));
    expect(done?.status).toBe("sent");
    expect(done?.sentAt).toBeInstanceOf(Date);
  });

  it("pauses on a failure of the sender without spending the contact's tries", async () => {
    const { list } = await listWith(["pausa@ejemplo.mx"]);
    const campaign = await createCampaign(t.context, { listId: list.id, subject: "A", bodyMarkdown: "B" });
    await startCampaign(t.context, campaign.id);
    let calls = 0;
    const flaky: MailTransport = {
      async sendMessage(message): Promise<SendResult> {
        calls++;
        if (calls === 1)
          return { ok: false, failure: { kind: "temporary", scope: "sender", reason: "535 auth failed" } };
        return transport.sendMessage(message);
      },
      close() {},
    };
    const result = await runCampaignSender(t.context.db, campaign.id, flaky, settings, fast);
    expect(result).toMatchObject({ done: true, sent: 1, paused: 1 });
    const [row] = await t.context.db
      .select()
      .from(campaignDeliveries)
      .where(eq(campaignDeliveries.campaignId, campaign.id));
    expect(row).toMatchObject({ status: "sent", attempts: 1 });
  });

  it("takes over a row left in sending by a dead sender only after the lease", async () => {
    const { list } = await listWith(["muerto@ejemplo.mx"]);
    const campaign = await createCampaign(t.context, { listId: list.id, subject: "A", bodyMarkdown: "B" });
    await startCampaign(t.context, campaign.id);
    // A claim a minute old, as a killed sender leaves it.
    await writeDirectly(t.context, (tx) =>
      tx
        .update(campaignDeliveries)
        .set({ status: "sending", claimedAt: new Date(Date.now() - 60_000) })
        .where(eq(campaignDeliveries.campaignId, campaign.id)),
    );
    const before = smtp.messages.length;
    const controller = new AbortController();
    const waiting = runCampaignSender(t.context.db, campaign.id, transport, settings, {
      ...fast,
      leaseMs: 10 * 60_000,
      maxIdleMs: 10,
      sleep: async (ms) => {
        controller.abort();
        await new Promise((resolve) => setTimeout(resolve, ms));
      },
      signal: controller.signal,
    });
    expect((await waiting).done).toBe(false);
    expect(smtp.messages.length).toBe(before);
    const resumed = await runCampaignSender(t.context.db, campaign.id, transport, settings, {
      ...fast,
      leaseMs: 30_000,
    });
    expect(resumed).toMatchObject({ done: true, sent: 1 });
    expect(smtp.messages.length).toBe(before + 1);
  });
});
