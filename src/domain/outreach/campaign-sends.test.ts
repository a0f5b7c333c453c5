/**
 * A campaign's sends and what they become: sent twice through a real SMTP server, it is one activity of the
 * report with both dates and the people it reached; the server previews, test-sends, schedules and sends it by
 * itself; the audit trail keeps no contact's personal data.
 */
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { openTestApp } from "../../../tests/support/app.ts";
import { describeEachEngine } from "../../../tests/support/databases.ts";
import { buildCommission, uniqueKey, writeDirectly } from "../../../tests/support/factories.ts";
import {
  startSmtpServer,
  TEST_SENDER_SETTINGS,
  type TestSmtpServer,
  testTransport,
} from "../../../tests/support/smtp-server.ts";
import { activities, activityDates, campaignSends, catalogEntries } from "../../platform/db/schema.ts";
import type { MailTransport } from "../../platform/mail.ts";
import { workProgrammeResource } from "../programmes/programmes.resources.ts";
import { todayInMexicoCity } from "../shared/calendar.ts";
import type { UseCaseContext } from "../shared/context.ts";
import { runCampaignSender } from "./campaign-sender.ts";
import { cancelCampaign, createCampaign, getCampaign, startCampaign } from "./campaigns.ts";
import { changeContactStatus, createContact } from "./contacts.ts";
import { createDataProtectionRequest, resolveDataProtectionRequest } from "./data-protection-requests.ts";
import { createOutreachList } from "./lists.ts";

const settings = TEST_SENDER_SETTINGS;

describeEachEngine("campaign sends", (t) => {
  let smtp: TestSmtpServer;
  let transport: MailTransport;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    transport = testTransport(smtp);
  });
  afterAll(async () => {
    transport.close();
    await smtp.close();
  });

  async function listWith(ctx: UseCaseContext, emails: string[]) {
    const commissionId = (await buildCommission(ctx)).id;
    const list = await createOutreachList(ctx, {
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
          await createContact(ctx, list.id, {
            email,
            name: email.split("@")[0],
            // Recent: the server's dispatcher applies retention when it starts.
            consent: { givenOn: todayInMexicoCity(), source: "formulario web" },
          })
        ).id,
      );
    return { commissionId, list, ids };
  }

  it("records a campaign sent twice as one activity with both dates and the people it reached", async () => {
    const domain = `${uniqueKey("d")}.example.org`;
    const { commissionId, list, ids } = await listWith(t.context, [
      `ana@${domain}`,
      `luis@${domain}`,
      `eva@${domain}`,
    ]);
    const programme = await workProgrammeResource.create(t.context, {
      commissionId,
      year: 2026,
      title: "Programa 2026",
      lines: [
        {
          number: 5,
          title: "Voto en el extranjero",
          actions: [{ letter: "A", title: "Difusión", quarters: [4] }],
        },
      ],
    });
    const actionId = programme.lines[0]?.actions[0]?.id as string;
    const campaign = await createCampaign(t.context, {
      listId: list.id,
      subject: "Regístrate para votar desde el extranjero",
      bodyMarkdown: "Hola {nombre}: **el registro cierra pronto**.",
      ratePerMinute: 6000,
      actionId,
    });

    await startCampaign(t.context, campaign.id);
    expect((await runCampaignSender(t.database.db, campaign.id, transport, settings)).done).toBe(true);
    // The first send happened two days ago, as far as the records say.
    const today = todayInMexicoCity();
    const earlier = new Date(Date.parse(`${today}T12:00:00Z`) - 2 * 86_400_000).toISOString().slice(0, 10);
    await writeDirectly(t.context, (tx) =>
      tx.update(campaignSends).set({ sentOn: earlier }).where(eq(campaignSends.campaignId, campaign.id)),
    );
    const afterFirst = await getCampaign(t.context, campaign.id);
    expect(afterFirst).toMatchObject({ status: "sent", recipientCount: 3 });
    expect(afterFirst.sends).toEqual([expect.objectContaining({ number: 1, delivered: 3, failed: 0 })]);

    // A reminder: one contact left, one joined.
    await changeContactStatus(t.context, ids[0] as string, { status: "unsubscribed" });
    await createContact(t.context, list.id, {
      email: `rosa@${domain}`,
      consent: { givenOn: "2021-02-01", source: "registro en evento" },
    });
    const second = await startCampaign(t.context, campaign.id);
    expect(second).toMatchObject({ deliveries: 3, send: { number: 2, sentOn: today } });
    expect((await runCampaignSender(t.database.db, campaign.id, transport, settings)).done).toBe(true);

    const received = smtp.messages.filter((m) => m.envelope.to[0]?.endsWith(`@${domain}`));
    expect(received).toHaveLength(6);
    const messageIds = received.map((m) => m.headers.get("message-id"));
    expect(new Set(messageIds).size).toBe(6);
    expect(messageIds.filter((id) => id?.includes(".send-2."))).toHaveLength(3);

    const detail = await getCampaign(t.context, campaign.id);
    expect(detail).toMatchObject({ status: "sent", recipientCount: 4 });
    const [activity] = await t.database.db
      .select()
      .from(activities)
      .where(eq(activities.id, detail.activityId as string));
    const [kind] = await t.database.db
      .select()
      .from(catalogEntries)
      .where(eq(catalogEntries.id, activity?.kindId as string));
    expect(kind?.key).toBe("email_to_list");
    expect(activity).toMatchObject({
      commissionId,
      actionId,
      title: 'Envío del correo "Regístrate para votar desde el extranjero".',
      audience: "Voto Chilango",
      quantity: 4,
      startDate: earlier,
      endDate: today,
      status: "held",
    });
    const dates = await t.database.db
      .select({ date: activityDates.date })
      .from(activityDates)
      .where(eq(activityDates.activityId, activity?.id as string));
    expect(dates.map((d: { date: string }) => d.date).sort()).toEqual([earlier, today]);
  });

  it("cancels a send half-way: the rest is not sent, what was delivered is recorded", async () => {
    const domain = `${uniqueKey("d")}.example.org`;
    const { list } = await listWith(t.context, [`a@${domain}`, `b@${domain}`, `c@${domain}`]);
    const campaign = await createCampaign(t.context, {
      listId: list.id,
      subject: "Aviso",
      bodyMarkdown: "Texto.",
    });
    await startCampaign(t.context, campaign.id);
    await runCampaignSender(t.database.db, campaign.id, transport, settings, {
      batchSize: 1,
      signal: AbortSignal.abort(),
    });
    // One delivered by hand through the sender's own rules: a batch of one, then the campaign is cancelled.
    const controller = new AbortController();
    await runCampaignSender(t.database.db, campaign.id, transport, settings, {
      batchSize: 1,
      onProgress: () => controller.abort(),
      signal: controller.signal,
    });
    const cancelled = await cancelCampaign(t.context, campaign.id);
    expect(cancelled.status).toBe("cancelled");
    const detail = await getCampaign(t.context, campaign.id);
    expect(detail.sends[0]).toMatchObject({ delivered: 1, failed: 2 });
    expect(detail.recipientCount).toBe(1);
    expect(detail.activityId).not.toBeNull();
    await expect(startCampaign(t.context, campaign.id)).rejects.toMatchObject({ code: "conflict" });
    expect(smtp.messages.filter((m) => m.envelope.to[0]?.endsWith(`@${domain}`))).toHaveLength(1);
  });

  it("deletes a person granted cancellation and keeps none of their data in the audit trail", async () => {
    const email = `${uniqueKey("privada")}@example.org`;
    const { commissionId, ids } = await listWith(t.context, [email]);
    const request = await createDataProtectionRequest(t.context, {
      commissionId,
      kind: "cancellation",
      requesterEmail: email.toUpperCase(),
      receivedOn: "2026-11-02",
    });
    await resolveDataProtectionRequest(t.context, request.id, {
      status: "granted",
      outcome: "Se suprimieron sus datos.",
      resolvedOn: "2026-11-10",
    });
    const left = await t.database.db.execute(
      sql`select count(*)::int as n from contacts where id = ${ids[0]}`,
    );
    expect((left as unknown as { rows: { n: number }[] }).rows[0]?.n).toBe(0);
    const leaks = await t.database.db.execute(
      sql`select count(*)::int as n from audit_log where coalesce(before::text, '') || coalesce(after::text, '') like ${`%${email.split("@")[0]}%`}`,
    );
    expect((leaks as unknown as { rows: { n: number }[] }).rows[0]?.n).toBe(0);
    const entries = await t.database.db.execute(
      sql`select after->>'email' as email from audit_log
          where table_name = 'contacts' and record_id = ${ids[0]} and operation = 'insert'`,
    );
    expect((entries as unknown as { rows: { email: string }[] }).rows[0]?.email).toBe("[dato personal]");
  });

  it("previews, test-sends, and sends a scheduled campaign by itself when the server has mail", async () => {
    const domain = `${uniqueKey("d")}.example.org`;
    const { list } = await listWith(t.context, [`uno@${domain}`, `dos@${domain}`]);
    const mail = {
      smtpUrl: smtp.url,
      from: settings.from,
      rejectUnauthorized: true,
      requireTls: false,
      ratePerMinute: 100_000,
    };
    const withMail = await openTestApp(t.database, {
      outreach: {
        mail,
        publicUrl: settings.publicUrl,
        privacyNoticeUrl: settings.privacyNoticeUrl,
        dispatchIntervalMs: 100,
      },
    });
    const app = withMail.app;
    try {
      const created = await app.inject({
        method: "POST",
        url: "/api/v1/campaigns",
        payload: {
          listId: list.id,
          subject: "Hola {nombre}",
          bodyMarkdown: "Un *aviso*.",
          ratePerMinute: 6000,
        },
      });
      expect(created.statusCode).toBe(201);
      const id = created.json().id as string;
      const preview = await app.inject({ url: `/api/v1/campaigns/${id}/preview` });
      expect(preview.json()).toMatchObject({ subject: "Hola María Ejemplo" });
      expect(preview.json().html).toContain("<em>aviso</em>");

      const test = await app.inject({
        method: "POST",
        url: `/api/v1/campaigns/${id}/test`,
        payload: { to: [`revisora@${domain}`] },
      });
      expect(test.json()).toEqual({ sent: 1, failures: [] });
      const noAddress = await app.inject({
        method: "POST",
        url: `/api/v1/campaigns/${id}/test`,
        payload: { to: [] },
      });
      expect(noAddress.statusCode).toBe(400);

      const past = await app.inject({
        method: "POST",
        url: `/api/v1/campaigns/${id}/schedule`,
        payload: { at: "2021-01-06T09:00:00-06:00" },
      });
      expect(past.statusCode).toBe(400);
      const at = new Date(Date.now() + 600).toISOString();
      const scheduled = await app.inject({
        method: "POST",
        url: `/api/v1/campaigns/${id}/schedule`,
        payload: { at },
      });
      expect(scheduled.json()).toMatchObject({ status: "scheduled" });
      let progress = (await app.inject({ url: `/api/v1/campaigns/${id}/progress` })).json();
      for (let i = 0; i < 150 && progress.status !== "sent"; i++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        progress = (await app.inject({ url: `/api/v1/campaigns/${id}/progress` })).json();
      }
      expect(progress).toMatchObject({
        status: "sent",
        total: 2,
        deliveries: { sent: 2 },
        recipientCount: 2,
      });
      const mine = smtp.messages.filter((m) => m.envelope.to[0]?.endsWith(`@${domain}`));
      expect(mine.map((m) => m.headers.get("subject")).sort()).toEqual([
        "Hola dos",
        "Hola uno",
        "[Prueba] Hola",
      ]);
      expect((await app.inject({ url: "/api/v1/outreach/mail" })).json()).toEqual({ configured: true });
    } finally {
      await withMail.close();
    }

    const withoutMail = await openTestApp(t.database);
    try {
      const campaign = await createCampaign(t.context, {
        listId: list.id,
        subject: "Otra",
        bodyMarkdown: "Texto.",
      });
      const answer = await withoutMail.app.inject({
        method: "POST",
        url: `/api/v1/campaigns/${campaign.id}/test`,
        payload: { to: [`x@${domain}`] },
      });
      expect(answer.statusCode).toBe(503);
      expect(answer.json()).toMatchObject({ code: "mail_not_configured" });
      expect((await withoutMail.app.inject({ url: "/api/v1/outreach/mail" })).json()).toEqual({
        configured: false,
      });
    } finally {
      await withoutMail.close();
    }
  });

  it("records a bounce that arrives later from the Message-ID it quotes; a delay changes nothing", async () => {
    const domain = `${uniqueKey("d")}.example.org`;
    const { list, ids } = await listWith(t.context, [`lejos@${domain}`, `cerca@${domain}`]);
    const campaign = await createCampaign(t.context, {
      listId: list.id,
      subject: "Aviso",
      bodyMarkdown: "Texto.",
      ratePerMinute: 6000,
    });
    await startCampaign(t.context, campaign.id);
    await runCampaignSender(t.database.db, campaign.id, transport, settings);
    const original = smtp.messages.find((m) => m.envelope.to[0] === `lejos@${domain}`);
    const messageId = original?.headers.get("message-id") as string;
    const dsn = (action: string, status: string) =>
      [
        "From: MAILER-DAEMON@mx.example.net",
        "Subject: Undelivered Mail Returned to Sender",
        'Content-Type: multipart/report; report-type=delivery-status; boundary="b"',
        "",
        "--b",
        "Content-Type: message/delivery-status",
        "",
        "Reporting-MTA: dns; mx.example.net",
        "",
        `Final-Recipient: rfc822; lejos@${domain}`,
        `Action: ${action}`,
        `Status: ${status}`,
        "Diagnostic-Code: smtp; 550 5.1.1 mailbox unavailable",
        "",
        "--b",
        "Content-Type: text/rfc822-headers",
        "",
        `Message-ID: ${messageId}`,
        "--b--",
      ].join("\r\n");
    const app = await openTestApp(t.database);
    try {
      const post = (payload: string) =>
        app.app.inject({
          method: "POST",
          url: "/api/v1/outreach/bounces",
          headers: { "content-type": "message/rfc822" },
          payload,
        });
      expect((await post(dsn("delayed", "4.4.1"))).json()).toEqual({ kind: "temporary", bounced: 0 });
      expect((await post("Subject: hola\r\n\r\nnada")).json()).toEqual({ kind: "not_ours", bounced: 0 });
      expect((await post(dsn("failed", "5.1.1"))).json()).toEqual({ kind: "permanent", bounced: 1 });
      expect((await post(dsn("failed", "5.1.1"))).json()).toEqual({ kind: "permanent", bounced: 0 });
      expect((await post("")).statusCode).toBe(400);
      const states = await t.database.db.execute(
        sql`select c.email, c.status as contact, d.status as delivery from contacts c
            join campaign_deliveries d on d.contact_id = c.id where c.id in (${ids[0]}, ${ids[1]}) order by c.email`,
      );
      expect((states as unknown as { rows: unknown[] }).rows).toEqual([
        { email: `cerca@${domain}`, contact: "subscribed", delivery: "sent" },
        { email: `lejos@${domain}`, contact: "bounced", delivery: "bounced" },
      ]);
    } finally {
      await app.close();
    }
  });
});
