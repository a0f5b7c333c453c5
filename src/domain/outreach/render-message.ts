import { Marked, type Token, type Tokens } from "marked";
import { z } from "zod";
import { fromAddress, type OutgoingMessage } from "../../platform/mail.ts";
import { parseInput } from "../shared/resource.ts";

/**
 * One campaign message for one contact: the body written in Markdown becomes a responsive HTML e-mail (tables and
 * inline styles, at most 600 px wide, the institution's name on top) and a plain-text twin carrying every link;
 * both end with the contact's one-click unsubscribe link and the privacy notice. Raw HTML in the Markdown is shown
 * as text, links other than http, https and mailto lose their address, and `{nombre}` becomes the contact's name,
 * escaped. See docs/decisions/023-campaign-mail.md.
 */

/** The placeholder for the contact's name, in the subject and the body. */
export const NAME_PLACEHOLDER = "{nombre}";

// C0 and C1 control characters, DEL and the Unicode line and paragraph separators: none belongs in a header.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL_ALL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g;
const UUID = z.uuid();

/** A campaign subject: one line, no control characters (a line break would start a new header). */
export const ZCampaignSubject = z
  .string()
  .trim()
  .min(1, "El asunto no puede quedar vacío.")
  .max(200, "El asunto admite hasta 200 caracteres.")
  .refine(
    (value) => !CONTROL.test(value),
    "El asunto no puede tener saltos de línea ni caracteres de control.",
  );

/** A campaign body in Markdown. */
export const ZCampaignBody = z
  .string()
  .min(1, "El cuerpo del mensaje no puede quedar vacío.")
  .max(100_000, "El cuerpo admite hasta 100 000 caracteres.");

const ZEmailAddress = z
  .string()
  .trim()
  .max(254)
  .regex(
    /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:"]+$/,
    "No es una dirección de correo.",
  );

const ZHttpUrl = z
  .string()
  .max(2000)
  .refine(
    (value) => safeUrl(value, ["http:", "https:"]) !== undefined,
    "Debe ser una dirección http o https.",
  );

export const ZCampaignMessageInput = z.object({
  institutionName: z.string().trim().min(1).max(300),
  list: z.object({ id: UUID, name: z.string().trim().min(1).max(200) }),
  /** `send`: which send of the campaign (1 when omitted); `test`: a test message, with a Message-ID of its own. */
  campaign: z.object({
    id: UUID,
    subject: ZCampaignSubject,
    body: ZCampaignBody,
    send: z.number().int().min(1).optional(),
    test: z
      .string()
      .regex(/^[A-Za-z0-9-]{1,64}$/)
      .optional(),
  }),
  /** The name may be empty (then `{nombre}` becomes nothing); control characters in it become spaces. */
  contact: z.object({ id: UUID, name: z.string().max(300), email: ZEmailAddress }),
  /** «Comisión … <avisos@ejemplo.mx>»: its domain also names the Message-ID and the List-Id. */
  from: z
    .string()
    .max(320)
    .refine(
      (value) => !CONTROL.test(value) && fromAddress(value) !== undefined,
      "El remitente no es válido.",
    ),
  /** The contact's one-click address, from unsubscribeUrl(). */
  unsubscribeUrl: ZHttpUrl,
  /** A mailbox that takes «unsubscribe» requests, for clients that only offer mailto; optional. */
  unsubscribeMailto: ZEmailAddress.optional(),
  privacyNoticeUrl: ZHttpUrl,
});
export type CampaignMessageInput = z.input<typeof ZCampaignMessageInput>;

/**
 * The Message-ID of a campaign's message to a contact: the same on every try, so a retry is recognisable; a later
 * send (a reminder) has its own, or mail servers would take it for the first one again.
 */
export function campaignMessageId(
  campaignId: string,
  contactId: string,
  from: string,
  send: { number?: number; test?: string } = {},
): string {
  const domain = fromAddress(from)?.split("@")[1];
  if (!domain) throw new Error("El remitente no tiene dominio.");
  const which = send.test
    ? `.test-${send.test}`
    : send.number && send.number > 1
      ? `.send-${send.number}`
      : "";
  return `<campaign-${campaignId}${which}.contact-${contactId}@${domain.toLowerCase()}>`;
}

/** Renders one contact's message; refuses (validation_failed) input that could not make a safe message. */
export function renderCampaignMessage(raw: CampaignMessageInput): OutgoingMessage {
  const input = parseInput(ZCampaignMessageInput, raw);
  const name = input.contact.name.replace(CONTROL_ALL, " ").replace(/\s+/g, " ").trim();
  const domain = (fromAddress(input.from)?.split("@")[1] ?? "").toLowerCase();
  const subject = input.campaign.subject.replaceAll(NAME_PLACEHOLDER, name).replace(/\s+/g, " ").trim();

  const tokens = new Marked({ gfm: true, breaks: false, async: false }).lexer(input.campaign.body);
  const bodyHtml = personalise(renderBlocksHtml(tokens), escapeHtml(name));
  const bodyText = personalise(renderBlocksText(tokens), name);

  const unsubscribeUrl = safeUrl(input.unsubscribeUrl, ["http:", "https:"]) as string;
  const privacyUrl = safeUrl(input.privacyNoticeUrl, ["http:", "https:"]) as string;
  const listUnsubscribe = [`<${unsubscribeUrl}>`];
  if (input.unsubscribeMailto)
    listUnsubscribe.push(`<mailto:${input.unsubscribeMailto}?subject=unsubscribe>`);

  return {
    from: input.from,
    to: { name, address: input.contact.email },
    subject,
    messageId: campaignMessageId(input.campaign.id, input.contact.id, input.from, {
      number: input.campaign.send,
      test: input.campaign.test,
    }),
    headers: {
      // RFC 2369 and RFC 8058: mail clients show an «unsubscribe» button that POSTs to the https address.
      "List-Unsubscribe": listUnsubscribe.join(", "),
      "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
      "List-Id": `<list-${input.list.id}.${domain}>`,
      // Bulk mail from a program: no vacation replies or read receipts back to the commission's mailbox.
      Precedence: "bulk",
      "Auto-Submitted": "auto-generated",
      "X-Auto-Response-Suppress": "OOF, AutoReply",
    },
    html: htmlDocument({
      subject,
      institutionName: input.institutionName,
      listName: input.list.name,
      bodyHtml,
      unsubscribeUrl,
      privacyUrl,
    }),
    text: [
      bodyText,
      "",
      "-- ",
      input.institutionName,
      `Recibes este correo porque tu dirección está en la lista «${input.list.name}».`,
      `Darte de baja con un clic: ${unsubscribeUrl}`,
      `Aviso de privacidad: ${privacyUrl}`,
      "",
    ].join("\n"),
  };
}

function personalise(rendered: string, name: string): string {
  return rendered.split(NAME_PLACEHOLDER).join(name);
}

/**
 * The address normalised by the URL parser, or undefined when it does not parse or has another scheme. Braces are
 * percent-encoded, so `{nombre}` is never filled in inside an address: no contact's name travels to a third
 * party's site in a link.
 */
function safeUrl(href: string, protocols: string[]): string | undefined {
  const trimmed = href.trim();
  if (CONTROL.test(trimmed)) return undefined;
  try {
    const url = new URL(trimmed);
    return protocols.includes(url.protocol)
      ? url.href.replaceAll("{", "%7B").replaceAll("}", "%7D")
      : undefined;
  } catch {
    return undefined;
  }
}

const LINK_PROTOCOLS = ["http:", "https:", "mailto:"];

function escapeHtml(value: string): string {
  return value
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;");
}

function decodeEntities(value: string): string {
  return value
    .replace(/&#(\d+);/g, (whole, code: string) => codePoint(Number(code), whole))
    .replace(/&#x([0-9a-f]+);/gi, (whole, code: string) => codePoint(Number.parseInt(code, 16), whole))
    .replaceAll("&lt;", "<")
    .replaceAll("&gt;", ">")
    .replaceAll("&quot;", '"')
    .replaceAll("&#39;", "'")
    .replaceAll("&nbsp;", " ")
    .replaceAll("&amp;", "&");
}

function codePoint(code: number, fallback: string): string {
  return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : fallback;
}

// ---------------------------------------------------------------------------------------------------------------
// HTML: every element written here, with its style inline (mail clients drop <style> and classes).

const FONT = "font-family:Arial,Helvetica,sans-serif;";
const STYLE = {
  p: "margin:0 0 16px 0;",
  h1: `${FONT}font-size:24px;line-height:1.3;margin:0 0 16px 0;color:#1f2933;`,
  h2: `${FONT}font-size:20px;line-height:1.3;margin:24px 0 12px 0;color:#1f2933;`,
  h3: `${FONT}font-size:17px;line-height:1.3;margin:20px 0 8px 0;color:#1f2933;`,
  a: "color:#6b2c91;text-decoration:underline;word-break:break-word;",
  list: "margin:0 0 16px 0;padding:0 0 0 24px;",
  li: "margin:0 0 6px 0;",
  blockquote: "margin:0 0 16px 0;padding:4px 0 4px 12px;border-left:4px solid #d4d4d8;color:#52606d;",
  code: "font-family:Consolas,Menlo,monospace;font-size:14px;background-color:#f4f4f5;",
  pre: "font-family:Consolas,Menlo,monospace;font-size:14px;background-color:#f4f4f5;padding:12px;margin:0 0 16px 0;white-space:pre-wrap;word-break:break-word;",
  hr: "border:0;border-top:1px solid #e4e4e7;margin:24px 0;",
  table: "border-collapse:collapse;margin:0 0 16px 0;width:100%;",
  cell: "border:1px solid #e4e4e7;padding:6px 8px;text-align:left;vertical-align:top;",
} as const;

function link(href: string, inner: string): string {
  return `<a href="${escapeHtml(href)}" style="${STYLE.a}">${inner}</a>`;
}

function renderBlocksHtml(tokens: Token[]): string {
  return tokens.map(renderBlockHtml).join("\n");
}

function renderBlockHtml(token: Token): string {
  switch (token.type) {
    case "space":
      return "";
    case "heading": {
      const t = token as Tokens.Heading;
      const level = Math.min(t.depth, 3) as 1 | 2 | 3;
      return `<h${level} style="${STYLE[`h${level}`]}">${renderInlineHtml(t.tokens)}</h${level}>`;
    }
    case "paragraph":
      return `<p style="${STYLE.p}">${renderInlineHtml((token as Tokens.Paragraph).tokens)}</p>`;
    case "text": {
      const t = token as Tokens.Text;
      return t.tokens ? renderInlineHtml(t.tokens) : escapeHtml(decodeEntities(t.text));
    }
    case "list": {
      const t = token as Tokens.List;
      const tag = t.ordered ? "ol" : "ul";
      const start = t.ordered && t.start !== "" && t.start !== 1 ? ` start="${Number(t.start)}"` : "";
      const items = t.items.map((item) => `<li style="${STYLE.li}">${renderBlocksHtml(item.tokens)}</li>`);
      return `<${tag}${start} style="${STYLE.list}">${items.join("")}</${tag}>`;
    }
    case "blockquote":
      return `<blockquote style="${STYLE.blockquote}">${renderBlocksHtml((token as Tokens.Blockquote).tokens)}</blockquote>`;
    case "code":
      return `<pre style="${STYLE.pre}">${escapeHtml((token as Tokens.Code).text)}</pre>`;
    case "hr":
      return `<hr style="${STYLE.hr}">`;
    case "table": {
      const t = token as Tokens.Table;
      const head = t.header.map((cell) => `<th style="${STYLE.cell}">${renderInlineHtml(cell.tokens)}</th>`);
      const rows = t.rows.map(
        (row) =>
          `<tr>${row.map((cell) => `<td style="${STYLE.cell}">${renderInlineHtml(cell.tokens)}</td>`).join("")}</tr>`,
      );
      return `<table role="presentation" cellpadding="0" cellspacing="0" style="${STYLE.table}"><tr>${head.join("")}</tr>${rows.join("")}</table>`;
    }
    case "html":
      // Raw HTML never passes: it is shown as the text it is.
      return `<p style="${STYLE.p}">${escapeHtml((token as Tokens.HTML).text.trim())}</p>`;
    default:
      return "raw" in token && typeof token.raw === "string"
        ? `<p style="${STYLE.p}">${escapeHtml(token.raw)}</p>`
        : "";
  }
}

function renderInlineHtml(tokens: Token[] | undefined): string {
  return (tokens ?? []).map(renderInlineTokenHtml).join("");
}

function renderInlineTokenHtml(token: Token): string {
  switch (token.type) {
    case "text": {
      const t = token as Tokens.Text;
      return t.tokens ? renderInlineHtml(t.tokens) : escapeHtml(decodeEntities(t.text));
    }
    case "escape":
      return escapeHtml((token as Tokens.Escape).text);
    case "strong":
      return `<strong>${renderInlineHtml((token as Tokens.Strong).tokens)}</strong>`;
    case "em":
      return `<em>${renderInlineHtml((token as Tokens.Em).tokens)}</em>`;
    case "del":
      return `<del>${renderInlineHtml((token as Tokens.Del).tokens)}</del>`;
    case "codespan":
      return `<code style="${STYLE.code}">${escapeHtml(decodeEntities((token as Tokens.Codespan).text))}</code>`;
    case "br":
      return "<br>";
    case "link": {
      const t = token as Tokens.Link;
      const inner = renderInlineHtml(t.tokens);
      const href = safeUrl(t.href, LINK_PROTOCOLS);
      return href ? link(href, inner) : inner;
    }
    case "image": {
      // No remote images: they would tell a third party who opened the message. The picture becomes a link.
      const t = token as Tokens.Image;
      const href = safeUrl(t.href, ["http:", "https:"]);
      const alt = escapeHtml(decodeEntities(t.text || "imagen"));
      return href ? link(href, alt) : alt;
    }
    case "html":
      return escapeHtml((token as Tokens.Tag).text);
    default:
      return "raw" in token && typeof token.raw === "string" ? escapeHtml(token.raw) : "";
  }
}

function htmlDocument(parts: {
  subject: string;
  institutionName: string;
  listName: string;
  bodyHtml: string;
  unsubscribeUrl: string;
  privacyUrl: string;
}): string {
  const e = escapeHtml;
  return `<!DOCTYPE html>
<html lang="es">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="x-apple-disable-message-reformatting">
<title>${e(parts.subject)}</title>
</head>
<body style="margin:0;padding:0;background-color:#f4f4f5;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background-color:#f4f4f5;">
<tr><td align="center" style="padding:16px 8px;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="max-width:600px;width:100%;background-color:#ffffff;border-collapse:collapse;">
<tr><td style="${FONT}background-color:#6b2c91;color:#ffffff;padding:20px 24px;font-size:18px;line-height:1.3;font-weight:bold;">${e(parts.institutionName)}</td></tr>
<tr><td style="${FONT}padding:24px;font-size:16px;line-height:1.5;color:#1f2933;">
${parts.bodyHtml}
</td></tr>
<tr><td style="${FONT}padding:16px 24px 24px 24px;border-top:1px solid #e4e4e7;font-size:13px;line-height:1.5;color:#52606d;">
<p style="margin:0 0 8px 0;">Recibes este correo porque tu dirección está en la lista «${e(parts.listName)}» de ${e(parts.institutionName)}.</p>
<p style="margin:0 0 8px 0;">${link(parts.unsubscribeUrl, "Darte de baja con un clic")}</p>
<p style="margin:0;">Consulta el ${link(parts.privacyUrl, "aviso de privacidad")}.</p>
</td></tr>
</table>
</td></tr>
</table>
</body>
</html>
`;
}

// ---------------------------------------------------------------------------------------------------------------
// Plain text: the same blocks, links written out as «text <address>».

function renderBlocksText(tokens: Token[], separator = "\n\n"): string {
  return tokens
    .map(renderBlockText)
    .filter((block) => block !== "")
    .join(separator);
}

function indent(text: string, first: string, rest: string): string {
  return text
    .split("\n")
    .map((line, index) => (line === "" && index > 0 ? rest.trimEnd() : (index === 0 ? first : rest) + line))
    .join("\n");
}

function renderBlockText(token: Token): string {
  switch (token.type) {
    case "space":
      return "";
    case "heading": {
      const text = renderInlineText((token as Tokens.Heading).tokens);
      return `${text}\n${((token as Tokens.Heading).depth === 1 ? "=" : "-").repeat(Math.min(text.length, 72))}`;
    }
    case "paragraph":
      return renderInlineText((token as Tokens.Paragraph).tokens);
    case "text": {
      const t = token as Tokens.Text;
      return t.tokens ? renderInlineText(t.tokens) : decodeEntities(t.text);
    }
    case "list": {
      const t = token as Tokens.List;
      const start = typeof t.start === "number" ? t.start : 1;
      return t.items
        .map((item, index) => {
          const marker = t.ordered ? `${start + index}. ` : "- ";
          return indent(
            renderBlocksText(item.tokens, item.loose ? "\n\n" : "\n"),
            marker,
            " ".repeat(marker.length),
          );
        })
        .join("\n");
    }
    case "blockquote":
      return indent(renderBlocksText((token as Tokens.Blockquote).tokens), "> ", "> ");
    case "code":
      return indent((token as Tokens.Code).text, "    ", "    ");
    case "hr":
      return "----------";
    case "table": {
      const t = token as Tokens.Table;
      const row = (cells: Tokens.TableCell[]) =>
        cells.map((cell) => renderInlineText(cell.tokens)).join(" | ");
      return [row(t.header), ...t.rows.map(row)].join("\n");
    }
    case "html":
      return (token as Tokens.HTML).text.trim();
    default:
      return "raw" in token && typeof token.raw === "string" ? token.raw : "";
  }
}

function renderInlineText(tokens: Token[] | undefined): string {
  return (tokens ?? []).map(renderInlineTokenText).join("");
}

function renderInlineTokenText(token: Token): string {
  switch (token.type) {
    case "text": {
      const t = token as Tokens.Text;
      return t.tokens ? renderInlineText(t.tokens) : decodeEntities(t.text);
    }
    case "escape":
      return (token as Tokens.Escape).text;
    case "strong":
    case "em":
    case "del":
      return renderInlineText((token as Tokens.Strong).tokens);
    case "codespan":
      return decodeEntities((token as Tokens.Codespan).text);
    case "br":
      return "\n";
    case "link": {
      const t = token as Tokens.Link;
      const inner = renderInlineText(t.tokens);
      const href = safeUrl(t.href, LINK_PROTOCOLS);
      if (!href) return inner;
      return inner === t.href || inner === href ? href : `${inner} <${href}>`;
    }
    case "image": {
      const t = token as Tokens.Image;
      const href = safeUrl(t.href, ["http:", "https:"]);
      const alt = decodeEntities(t.text || "imagen");
      return href ? `${alt} <${href}>` : alt;
    }
    case "html":
      return (token as Tokens.Tag).text;
    default:
      return "raw" in token && typeof token.raw === "string" ? token.raw : "";
  }
}
