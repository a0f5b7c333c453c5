/**
 * A real SMTP server in the test's own process (smtp-server): listens on a free port of 127.0.0.1, keeps every
 * message it accepts (the raw bytes, the envelope and the headers read back), and answers chosen recipients with
 * a chosen failure (451 to try later, 550 no such user). No TLS and no authentication: it is never reachable from
 * outside the machine.
 */
import type { AddressInfo, Socket } from "node:net";
import { SMTPServer, type SMTPServerAddress } from "smtp-server";
import type { SenderSettings } from "../../src/domain/outreach/campaign-sender.ts";
import { createMailTransport, type MailTransport } from "../../src/platform/mail.ts";

export type ReceivedMessage = {
  envelope: { from: string; to: string[] };
  raw: string;
  /** Header names in lowercase; values unfolded, encoded words (=?UTF-8?…?=) decoded. */
  headers: Map<string, string>;
  /** The text/plain and text/html parts, decoded (quoted-printable or base64). */
  parts: { contentType: string; body: string }[];
};

export type TestSmtpServer = {
  port: number;
  /** smtp://127.0.0.1:PORT with STARTTLS off, for VINCULA_SMTP_URL. */
  url: string;
  messages: ReceivedMessage[];
  /** From now on, RCPT TO this address is answered with `code message` (e.g. 451 or 550). */
  failRecipient(address: string, code: number, message?: string): void;
  /**
   * Called at every RCPT TO before it is answered; returning "hold" leaves it unanswered (the client waits), so
   * a test can act — kill the sender — at a known point between two messages.
   */
  onRecipient?: (address: string) => "hold" | undefined;
  close(): Promise<void>;
};

export async function startSmtpServer(): Promise<TestSmtpServer> {
  const messages: ReceivedMessage[] = [];
  const failures = new Map<string, { code: number; message: string }>();
  const handle = {} as TestSmtpServer;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    // No reverse DNS of 127.0.0.1 on every connection.
    disableReverseLookup: true,
    size: 10 * 1024 * 1024,
    onRcptTo(address: SMTPServerAddress, _session, callback) {
      if (handle.onRecipient?.(address.address) === "hold") return;
      const failure = failures.get(address.address.toLowerCase());
      if (!failure) return callback();
      const error = Object.assign(new Error(failure.message), { responseCode: failure.code });
      return callback(error);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        const raw = Buffer.concat(chunks).toString("utf8");
        messages.push({
          envelope: {
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
            to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
          },
          raw,
          ...parseMessage(raw),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const port = (server.server.address() as AddressInfo).port;
  // Replies go out at once (no Nagle delay waiting for the client's ACK): a campaign's many messages stay fast.
  server.server.on("connection", (socket: Socket) => socket.setNoDelay(true));
  Object.assign(handle, {
    port,
    url: `smtp://127.0.0.1:${port}?ignoreTLS=true`,
    messages,
    failRecipient(
      address: string,
      code: number,
      message = code >= 500 ? "No such user here" : "Try again later",
    ) {
      failures.set(address.toLowerCase(), { code, message });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
  return handle;
}

/** Headers and the text parts of a MIME message: enough to read what Vincula sends, not a general parser. */
export function parseMessage(raw: string): Pick<ReceivedMessage, "headers" | "parts"> {
  const { headers, body } = splitHeaders(raw);
  return { headers, parts: textParts(headers, body) };
}

function splitHeaders(raw: string): { headers: Map<string, string>; body: string } {
  const end = raw.search(/\r?\n\r?\n/);
  const head = end === -1 ? raw : raw.slice(0, end);
  const body = end === -1 ? "" : raw.slice(end).replace(/^\r?\n\r?\n/, "");
  const headers = new Map<string, string>();
  for (const line of head.replace(/\r?\n[ \t]+/g, " ").split(/\r?\n/)) {
    const colon = line.indexOf(":");
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = decodeWords(line.slice(colon + 1).trim());
    headers.set(name, headers.has(name) ? `${headers.get(name)}, ${value}` : value);
  }
  return { headers, body };
}

function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, "?==?")
    .replace(
      /=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g,
      (_whole, _charset: string, encoding: string, text: string) =>
        encoding.toUpperCase() === "B"
          ? Buffer.from(text, "base64").toString("utf8")
          : decodeQuotedPrintable(text.replaceAll("_", " ")),
    );
}

function decodeQuotedPrintable(text: string): string {
  const bytes: number[] = [];
  const source = text.replace(/=\r?\n/g, "");
  for (let i = 0; i < source.length; i++) {
    if (source[i] === "=" && /^[0-9A-Fa-f]{2}$/.test(source.slice(i + 1, i + 3))) {
      bytes.push(Number.parseInt(source.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(...Buffer.from(source[i] as string, "utf8"));
  }
  return Buffer.from(bytes).toString("utf8");
}

function textParts(headers: Map<string, string>, body: string): ReceivedMessage["parts"] {
  const contentType = headers.get("content-type") ?? "text/plain";
  const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1];
  if (contentType.toLowerCase().startsWith("multipart/") && boundary) {
    const pieces = body.split(`--${boundary}`).slice(1);
    return pieces
      .filter((piece) => !piece.startsWith("--"))
      .flatMap((piece) => {
        const inner = splitHeaders(piece.replace(/^\r?\n/, ""));
        return textParts(inner.headers, inner.body);
      });
  }
  const encoding = (headers.get("content-transfer-encoding") ?? "7bit").toLowerCase();
  const decoded =
    encoding === "base64"
      ? Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8")
      : encoding === "quoted-printable"
        ? decodeQuotedPrintable(body)
        : body;
  return [{ contentType: contentType.split(";")[0]?.trim().toLowerCase() ?? "", body: decoded }];
}

/** What campaign tests send as: a sender whose rate never waits and addresses under example domains. */
export const TEST_SENDER_SETTINGS: SenderSettings = {
  from: "Comisión de Vinculación <avisos@iecm.example.mx>",
  publicUrl: "https://vincula.example.mx",
  privacyNoticeUrl: "https://iecm.example.mx/privacidad",
  maxRatePerMinute: 100_000,
};

/** A pooled transport to the test server, from TEST_SENDER_SETTINGS' address, with short timeouts. */
export function testTransport(smtp: TestSmtpServer): MailTransport {
  return createMailTransport(
    {
      smtpUrl: smtp.url,
      from: TEST_SENDER_SETTINGS.from,
      rejectUnauthorized: true,
      requireTls: false,
      ratePerMinute: 1,
    },
    { pool: true, timeoutMs: 5_000 },
  );
}
