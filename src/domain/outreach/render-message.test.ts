import { parse } from "parse5";
import { describe, expect, it } from "vitest";
import { AppError } from "../shared/errors.ts";
import { type CampaignMessageInput, renderCampaignMessage } from "./render-message.ts";

const CAMPAIGN_ID = "0b5f4c2e-6a57-4b61-9a8e-4cf1a3a0b001";
const CONTACT_ID = "5c8a2d1e-0f3b-4e4c-8d2a-7b6c5d4e3f02";
const LIST_ID = "9e7d6c5b-4a39-4281-b7c6-d5e4f3a2b103";
const UNSUBSCRIBE = "https://vincula.example.mx/u/v1.token-for-the-test";
const PRIVACY = "https://iecm.example.mx/aviso-de-privacidad";

function input(overrides: {
  subject?: string;
  body?: string;
  name?: string;
  email?: string;
  mailto?: string;
}): CampaignMessageInput {
  return {
    institutionName: "Instituto Electoral de la Ciudad de México",
    list: { id: LIST_ID, name: "Voto Chilango" },
    campaign: {
      id: CAMPAIGN_ID,
      subject: overrides.subject ?? "Hola {nombre}: tu credencial",
      body:
        overrides.body ??
        "Hola **{nombre}**,\n\nConsulta [la convocatoria](https://iecm.example.mx/c?a=1&b=2).",
    },
    contact: {
      id: CONTACT_ID,
      name: overrides.name ?? "Ana María López",
      email: overrides.email ?? "ana@example.org",
    },
    from: "Comisión de Vinculación <avisos@iecm.example.mx>",
    unsubscribeUrl: UNSUBSCRIBE,
    unsubscribeMailto: overrides.mailto,
    privacyNoticeUrl: PRIVACY,
  };
}

type Node = {
  nodeName: string;
  attrs?: { name: string; value: string }[];
  childNodes?: Node[];
  value?: string;
};

function walk(node: Node, visit: (node: Node) => void): void {
  visit(node);
  for (const child of node.childNodes ?? []) walk(child, visit);
  const content = (node as { content?: Node }).content;
  if (content) walk(content, visit);
}

/** Elements, attributes and visible text of an HTML document, as a browser would build them. */
function readHtml(html: string) {
  const elements: string[] = [];
  const attributes: { element: string; name: string; value: string }[] = [];
  const texts: string[] = [];
  walk(parse(html) as unknown as Node, (node) => {
    if (node.nodeName === "#text") texts.push(node.value ?? "");
    else if (!node.nodeName.startsWith("#")) {
      elements.push(node.nodeName);
      for (const attr of node.attrs ?? []) attributes.push({ element: node.nodeName, ...attr });
    }
  });
  return { elements, attributes, text: texts.join("") };
}

const HOSTILE = `<script>alert(1)</script><img src=x onerror=alert(2)>"'&{}`;

describe("renderCampaignMessage", () => {
  it("writes a table-based, 600 px message with the institution on top, the name in place and the footer", () => {
    const message = renderCampaignMessage(input({}));
    expect(message.subject).toBe("Hola Ana María López: tu credencial");
    expect(message.to).toEqual({ name: "Ana María López", address: "ana@example.org" });
    const html = readHtml(message.html);
    expect(html.elements).toContain("table");
    expect(message.html).toContain("max-width:600px");
    expect(message.html).toContain('name="viewport"');
    expect(html.text).toContain("Instituto Electoral de la Ciudad de México");
    expect(html.text).toContain("Hola Ana María López,");
    expect(html.text).toContain("aviso de privacidad");
    expect(html.text).toContain("«Voto Chilango»");
    const hrefs = html.attributes.filter((a) => a.name === "href").map((a) => a.value);
    expect(hrefs).toEqual(["https://iecm.example.mx/c?a=1&b=2", UNSUBSCRIBE, PRIVACY]);
    // Every element's look is inline: mail clients drop <style>.
    expect(html.elements).not.toContain("style");
    expect(message.text).toContain("Hola Ana María López,");
    expect(message.text).toContain("la convocatoria <https://iecm.example.mx/c?a=1&b=2>");
    expect(message.text).toContain(`Darte de baja con un clic: ${UNSUBSCRIBE}`);
    expect(message.text).toContain(`Aviso de privacidad: ${PRIVACY}`);
  });

  it("sets the unsubscribe, bulk and identity headers, the Message-ID fixed by campaign and contact", () => {
    const message = renderCampaignMessage(input({ mailto: "bajas@iecm.example.mx" }));
    expect(message.headers).toEqual({
      "List-Unsubscribe": `<${UNSUBSCRIBE}>, <mailto:bajas@iecm.example.mx?subject=unsubscribe>`,
      "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
      "List-Id": `<list-${LIST_ID}.iecm.example.mx>`,
      Precedence: "bulk",
      "Auto-Submitted": "auto-generated",
      "X-Auto-Response-Suppress": "OOF, AutoReply",
    });
    expect(message.messageId).toBe(`<campaign-${CAMPAIGN_ID}.contact-${CONTACT_ID}@iecm.example.mx>`);
    expect(renderCampaignMessage(input({ name: "Otro nombre" })).messageId).toBe(message.messageId);
    expect(renderCampaignMessage(input({})).headers["List-Unsubscribe"]).toBe(`<${UNSUBSCRIBE}>`);
  });

  it("shows raw HTML in the body as text and never lets a script, handler or javascript: link through", () => {
    const body = [
      "<script>alert(1)</script>",
      "",
      'Texto <img src=x onerror="alert(2)"> y <a href="javascript:alert(3)">enlace</a>.',
      "",
      "[uno](javascript:alert(4)) [dos](JAVASCRIPT:alert(5)) [tres](java&#115;cript:alert(6)) <javascript:alert(7)>",
      "[cuatro](data:text/html,<script>alert(8)</script>) [cinco](vbscript:x) [seis](/relativo)",
      "",
      "![foto](javascript:alert(9)) ![mapa](https://example.org/mapa.png)",
      "",
      "[correo](mailto:contacto@iecm.example.mx)",
    ].join("\n");
    const message = renderCampaignMessage(input({ body }));
    const html = readHtml(message.html);
    expect(html.elements).not.toContain("script");
    expect(html.elements).not.toContain("img");
    expect(html.attributes.filter((a) => a.name.startsWith("on"))).toEqual([]);
    const hrefs = html.attributes.filter((a) => a.name === "href").map((a) => a.value);
    expect(hrefs).toEqual([
      "https://example.org/mapa.png",
      "mailto:contacto@iecm.example.mx",
      UNSUBSCRIBE,
      PRIVACY,
    ]);
    // The raw HTML is still there for the reader, as text.
    expect(html.text).toContain("<script>alert(1)</script>");
    expect(html.text).toContain('<a href="javascript:alert(3)">');
    expect(message.text).not.toMatch(/<javascript:/i);
    expect(message.text).toContain("uno dos");
  });

  it("escapes markup in the contact's name and the subject wherever they appear", () => {
    const message = renderCampaignMessage(input({ name: HOSTILE, subject: `Aviso ${HOSTILE} {nombre}` }));
    const html = readHtml(message.html);
    expect(html.elements).not.toContain("script");
    expect(html.elements).not.toContain("img");
    expect(html.text).toContain(`Hola ${HOSTILE},`);
    expect(html.text).toContain(`Aviso ${HOSTILE} ${HOSTILE}`); // the <title>
    // A name written as Markdown stays text too.
    const markdownName = renderCampaignMessage(input({ name: "[gana](javascript:alert(1)) **ya**" }));
    expect(readHtml(markdownName.html).attributes.filter((a) => a.value.includes("javascript"))).toEqual([]);
    expect(markdownName.text).toContain("Hola [gana](javascript:alert(1)) **ya**,");
  });

  it("turns line breaks and control characters in a name into spaces, so no header can be added", () => {
    const message = renderCampaignMessage(
      input({ name: "Ana\r\nBcc: victima@example.org\r\n\r\n<b>x</b>\u2028\u0000Fin" }),
    );
    expect(message.to.name).toBe("Ana Bcc: victima@example.org <b>x</b> Fin");
    expect(message.subject).toBe("Hola Ana Bcc: victima@example.org <b>x</b> Fin: tu credencial");
    expect(message.subject).not.toMatch(/[\r\n]/);
  });

  it("refuses a subject with a line break, a bad address or a link that is not http", () => {
    const refusals: CampaignMessageInput[] = [
      input({ subject: "Hola\r\nBcc: victima@example.org" }),
      input({ subject: "Hola\nmundo" }),
      input({ subject: "   " }),
      input({ email: "ana@example.org\r\nBcc: x@example.org" }),
      input({ email: "no-es-correo" }),
      input({ mailto: "bajas@example.org>, <https://evil.example" }),
      { ...input({}), unsubscribeUrl: "javascript:alert(1)" },
      { ...input({}), privacyNoticeUrl: "ftp://example.org/aviso" },
      { ...input({}), from: "Comisión <avisos@iecm.example.mx>\r\nBcc: x@example.org" },
    ];
    for (const refused of refusals) {
      let error: unknown;
      try {
        renderCampaignMessage(refused);
      } catch (caught) {
        error = caught;
      }
      expect(error, JSON.stringify(refused.campaign.subject)).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe("validation_failed");
    }
  });

  it("carries every link of the body into the text version", () => {
    const body = [
      "# Convocatoria",
      "",
      "Lee [las bases](https://iecm.example.mx/bases) y la <https://iecm.example.mx/faq>.",
      "",
      "- [Registro](https://iecm.example.mx/registro)",
      "- Escribe a [contacto](mailto:contacto@iecm.example.mx)",
      "",
      "> Cita con [fuente](http://example.org/fuente)",
      "",
      "| Sede | Mapa |",
      "|---|---|",
      "| Centro | [ver](https://maps.example.org/1) |",
      "",
      "Visita https://iecm.example.mx/directo también.",
    ].join("\n");
    const message = renderCampaignMessage(input({ body }));
    const hrefs = readHtml(message.html)
      .attributes.filter((a) => a.name === "href")
      .map((a) => a.value);
    expect(hrefs.length).toBe(9);
    for (const href of hrefs) expect(message.text).toContain(href);
    expect(message.text).toContain("Convocatoria\n============");
    expect(message.text).toContain("- Registro <https://iecm.example.mx/registro>");
    expect(message.text).toContain("> Cita con fuente <http://example.org/fuente>");
    expect(message.text).toContain("Centro | ver <https://maps.example.org/1>");
  });

  it("lays out lists in the text version as a person would type them", () => {
    const message = renderCampaignMessage(input({ body: "1. uno\n2. dos\n   - tres\n\nFin" }));
    expect(message.text.startsWith("1. uno\n2. dos\n   - tres\n\nFin\n\n-- \n")).toBe(true);
  });

  it("never puts the contact's name into a link's address", () => {
    const message = renderCampaignMessage(
      input({
        body: "[Tu página](https://example.org/p?quien={nombre}) y [otra](https://example.org/{nombre})",
      }),
    );
    const hrefs = readHtml(message.html)
      .attributes.filter((a) => a.name === "href")
      .map((a) => a.value);
    expect(hrefs.slice(0, 2)).toEqual([
      "https://example.org/p?quien=%7Bnombre%7D",
      "https://example.org/%7Bnombre%7D",
    ]);
    expect(message.text).toContain("Tu página <https://example.org/p?quien=%7Bnombre%7D>");
    expect(message.html).not.toContain("quien=Ana");
  });

  it("keeps entities and escaped characters of the Markdown as the characters they stand for", () => {
    const message = renderCampaignMessage(input({ body: "Uno &amp; dos \\<b\\> `a < b` x < y" }));
    expect(message.text).toContain("Uno & dos <b> a < b x < y");
    expect(readHtml(message.html).text).toContain("Uno & dos <b> a < b x < y");
  });
});
