/**
 * The SMTP transport against a real SMTP server in this process (tests/support/smtp-server.ts): a rendered
 * campaign message arrives with both parts and its headers, and each way a delivery can fail is classified as
 * the sender will need it.
 */
import { createServer } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderCampaignMessage } from "../src/domain/outreach/render-message.ts";
import { unsubscribeUrl } from "../src/domain/outreach/unsubscribe-token.ts";
import { loadConfig } from "../src/platform/config.ts";
import { createMailTransport, type MailConfig, type MailTransport } from "../src/platform/mail.ts";
import { startSmtpServer, type TestSmtpServer } from "./support/smtp-server.ts";

const ids = {
  campaign: "0b5f4c2e-6a57-4b61-9a8e-4cf1a3a0b001",
  list: "9e7d6c5b-4a39-4281-b7c6-d5e4f3a2b103",
};

/** The contact's stored unsubscribe token (random in the contacts table; fixed here so the test can find it). */
const tokenOf = (n: number) => `prueba-token-de-baja-${n.toString().padStart(22, "0")}`;

function contactId(n: number): string {
  return `5c8a2d1e-0f3b-4e4c-8d2a-${n.toString().padStart(12, "0")}`;
}

function messageFor(email: string, n: number, name = "Ana María <López>") {
  const token = tokenOf(n);
  return renderCampaignMessage({
    institutionName: "Instituto Electoral de la Ciudad de México",
    list: { id: ids.list, name: "Voto Chilango" },
    campaign: {
      id: ids.campaign,
      subject: "Hola {nombre}: ¿ya tienes tu credencial?",
      body: "Hola {nombre},\n\nConsulta [la convocatoria](https://iecm.example.mx/convocatoria).",
    },
    contact: { id: contactId(n), name, email },
    from: "Comisión de Vinculación <avisos@iecm.example.mx>",
    unsubscribeUrl: unsubscribeUrl("https://vincula.example.mx", token),
    unsubscribeMailto: "bajas@iecm.example.mx",
    privacyNoticeUrl: "https://iecm.example.mx/privacidad",
  });
}

describe.each([
  { connections: "one connection per message", pool: false },
  { connections: "pooled connections", pool: true },
])("SMTP transport, $connections", ({ pool }) => {
  let server: TestSmtpServer;
  let transport: MailTransport;

  beforeAll(async () => {
    server = await startSmtpServer();
    const config = loadConfig({ VINCULA_SMTP_URL: server.url, VINCULA_MAIL_FROM: "avisos@iecm.example.mx" })
      .mail as MailConfig;
    transport = createMailTransport(config, { timeoutMs: 5000, pool });
  });

  afterAll(async () => {
    transport.close();
    await server.close();
  });

  it("delivers a campaign message with its HTML and text parts and its headers, to the one contact", async () => {
    const message = messageFor("ana@example.org", 1);
    const result = await transport.sendMessage(message);
    expect(result).toMatchObject({ ok: true, messageId: message.messageId });

    const received = server.messages.find((m) => m.headers.get("message-id") === message.messageId);
    expect(received).toBeDefined();
    if (!received) return;
    expect(received.envelope).toEqual({ from: "avisos@iecm.example.mx", to: ["ana@example.org"] });
    expect(received.headers.get("subject")).toBe("Hola Ana María <López>: ¿ya tienes tu credencial?");
    expect(received.headers.get("to")).toContain("<ana@example.org>");
    expect(received.headers.get("list-unsubscribe")).toBe(message.headers["List-Unsubscribe"]);
    expect(received.headers.get("list-unsubscribe-post")).toBe("List-Unsubscribe=One-Click");
    expect(received.headers.get("precedence")).toBe("bulk");
    expect(received.headers.get("auto-submitted")).toBe("auto-generated");

    const types = received.parts.map((part) => part.contentType);
    expect(types).toEqual(["text/plain", "text/html"]);
    const [text, html] = received.parts.map((part) => part.body);
    expect(html).toContain("Ana María &lt;López&gt;");
    expect(html).not.toContain("<López>");
    expect(text).toContain("Hola Ana María <López>,");

    // The link in the header, the HTML and the text is one and the same, and it names this contact.
    const url = /<(https:\/\/vincula\.example\.mx\/u\/[^>]+)>/.exec(
      received.headers.get("list-unsubscribe") ?? "",
    )?.[1];
    expect(url).toBeDefined();
    expect(text).toContain(url);
    expect(html).toContain(url);
    const token = (url ?? "").split("/u/")[1] ?? "";
    expect(token).toBe(tokenOf(1));
  });

  it("a name with line breaks adds no header and no recipient", async () => {
    const message = messageFor("eva@example.org", 7, "Eva\r\nBcc: intruso@example.org\r\nX-Injected: 1");
    expect((await transport.sendMessage(message)).ok).toBe(true);
    const received = server.messages.filter((m) => m.headers.get("message-id") === message.messageId);
    expect(received).toHaveLength(1);
    expect(received[0]?.envelope.to).toEqual(["eva@example.org"]);
    expect(received[0]?.headers.has("bcc")).toBe(false);
    expect(received[0]?.headers.has("x-injected")).toBe(false);
    expect(received[0]?.headers.get("subject")).toBe(
      "Hola Eva Bcc: intruso@example.org X-Injected: 1: ¿ya tienes tu credencial?",
    );
  });

  it("a retried message has the same Message-ID", async () => {
    const first = await transport.sendMessage(messageFor("repite@example.org", 2));
    const second = await transport.sendMessage(messageFor("repite@example.org", 2));
    expect(first.ok && second.ok).toBe(true);
    const ids = server.messages
      .filter((m) => m.envelope.to[0] === "repite@example.org")
      .map((m) => m.headers.get("message-id"));
    expect(ids).toHaveLength(2);
    expect(ids[0]).toBe(ids[1]);
  });

  it("classifies a 451 as temporary and a 550 as a permanent failure of the recipient, and delivers nothing", async () => {
    server.failRecipient("luego@example.org", 451);
    server.failRecipient("nadie@example.org", 550);
    const before = server.messages.length;

    const later = await transport.sendMessage(messageFor("luego@example.org", 3));
    expect(later).toEqual({
      ok: false,
      failure: expect.objectContaining({ kind: "temporary", scope: "recipient", responseCode: 451 }),
    });
    const never = await transport.sendMessage(messageFor("nadie@example.org", 4));
    expect(never).toEqual({
      ok: false,
      failure: expect.objectContaining({ kind: "permanent", scope: "recipient", responseCode: 550 }),
    });
    expect(server.messages.length).toBe(before);

    // The transport is still usable after refusals.
    expect((await transport.sendMessage(messageFor("otra@example.org", 5))).ok).toBe(true);
  });

  it("classifies a closed port as a temporary connection failure", async () => {
    const port = await new Promise<number>((resolve) => {
      const probe = createServer();
      probe.listen(0, "127.0.0.1", () => {
        const address = probe.address();
        probe.close(() => resolve(typeof address === "object" && address ? address.port : 0));
      });
    });
    const closed = createMailTransport(
      {
        ...(loadConfig({ VINCULA_SMTP_URL: server.url, VINCULA_MAIL_FROM: "a@iecm.example.mx" })
          .mail as MailConfig),
        smtpUrl: `smtp://127.0.0.1:${port}`,
      },
      { timeoutMs: 2000, pool },
    );
    try {
      const result = await closed.sendMessage(messageFor("ana@example.org", 6));
      expect(result).toEqual({
        ok: false,
        failure: expect.objectContaining({ kind: "temporary", scope: "connection" }),
      });
    } finally {
      closed.close();
    }
  });
});
