/**
 * A campaign's message before it is sent: the preview (rendered for an example contact, exactly as the sender
 * renders it) and the test send to a few addresses the secretariat gives. A test message says so in its subject,
 * has a Message-ID of its own and an unsubscribe link that unsubscribes nobody.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { z } from "zod";
import type { MailTransport } from "../../platform/mail.ts";
import type { UseCaseContext } from "../shared/context.ts";
import { AppError } from "../shared/errors.ts";
import { parseInput } from "../shared/resource.ts";
import { campaignMessageParts, type SenderSettings } from "./campaign-sender.ts";
import { getCampaign } from "./campaigns.ts";
import { listInScope } from "./lists.ts";
import { renderCampaignMessage } from "./render-message.ts";
import { unsubscribeUrl } from "./unsubscribe-token.ts";

/** What a preview shows where the server has no mail settings: clearly example values. */
const EXAMPLE_SETTINGS: SenderSettings = {
  from: "Comisión <avisos@example.org>",
  publicUrl: "https://vincula.example.org",
  privacyNoticeUrl: "https://vincula.example.org/aviso-de-privacidad",
  maxRatePerMinute: 60,
};

const EXAMPLE_CONTACT = { name: "María Ejemplo", email: "persona@example.org" };

export type CampaignPreview = { subject: string; from: string; html: string; text: string };

/** The message as the example contact «María Ejemplo» would receive it. */
export async function previewCampaign(
  ctx: UseCaseContext,
  campaignId: string,
  settings: SenderSettings | undefined,
): Promise<CampaignPreview> {
  await getCampaign(ctx, campaignId);
  const parts = await campaignMessageParts(ctx.db, campaignId);
  const use = settings ?? EXAMPLE_SETTINGS;
  const message = renderCampaignMessage({
    institutionName: parts.institutionName,
    list: { id: parts.listId, name: parts.listName },
    campaign: { id: parts.id, subject: parts.subject, body: parts.bodyMarkdown },
    contact: { id: randomUUID(), ...EXAMPLE_CONTACT },
    from: use.from,
    unsubscribeUrl: unsubscribeUrl(use.publicUrl, `ejemplo-${randomBytes(12).toString("base64url")}`),
    unsubscribeMailto: use.unsubscribeMailto,
    privacyNoticeUrl: use.privacyNoticeUrl,
  });
  return { subject: message.subject, from: message.from, html: message.html, text: message.text };
}

export const ZCampaignTest = z.strictObject({
  to: z
    .array(z.email({ message: "No es una dirección de correo." }).max(254), {
      message: "Indique las direcciones de prueba.",
    })
    .min(1, "Indique al menos una dirección de prueba.")
    .max(5, "Una prueba va a cinco direcciones como máximo."),
});

/** Sends the message once to each test address (not to the list); says how many the SMTP server accepted. */
export async function sendCampaignTest(
  ctx: UseCaseContext,
  campaignId: string,
  raw: unknown,
  mail: { transport: MailTransport; settings: SenderSettings } | undefined,
): Promise<{ sent: number; failures: { to: string; reason: string }[] }> {
  const input = parseInput(ZCampaignTest, raw);
  const campaign = await getCampaign(ctx, campaignId);
  await listInScope(ctx, campaign.listId, "contacts.write");
  if (!mail)
    throw new AppError(
      "mail_not_configured",
      "Este servidor no tiene configurado el envío de correo (VINCULA_SMTP_URL, VINCULA_MAIL_FROM, VINCULA_PUBLIC_URL y VINCULA_PRIVACY_NOTICE_URL).",
    );
  const parts = await campaignMessageParts(ctx.db, campaign.id);
  const test = randomBytes(8).toString("hex");
  const failures: { to: string; reason: string }[] = [];
  let sent = 0;
  for (const address of input.to) {
    const message = renderCampaignMessage({
      institutionName: parts.institutionName,
      list: { id: parts.listId, name: parts.listName },
      campaign: {
        id: parts.id,
        subject: `[Prueba] ${parts.subject}`.slice(0, 200),
        body: parts.bodyMarkdown,
        test,
      },
      contact: { id: randomUUID(), name: "", email: address },
      from: mail.settings.from,
      unsubscribeUrl: unsubscribeUrl(
        mail.settings.publicUrl,
        `prueba-${randomBytes(12).toString("base64url")}`,
      ),
      unsubscribeMailto: mail.settings.unsubscribeMailto,
      privacyNoticeUrl: mail.settings.privacyNoticeUrl,
    });
    const result = await mail.transport.sendMessage(message);
    if (result.ok) sent++;
    else failures.push({ to: address, reason: result.failure.reason });
  }
  return { sent, failures };
}
