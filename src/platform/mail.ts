import nodemailer from "nodemailer";
import addressparser from "nodemailer/lib/addressparser/index.js";
import SMTPPool from "nodemailer/lib/smtp-pool/index.js";
import SMTPTransport from "nodemailer/lib/smtp-transport/index.js";
import { z } from "zod";

/**
 * Outgoing mail over SMTP (nodemailer), plus the two pure policies a sender needs: how fast to send (a token
 * bucket) and how long to wait before retrying (exponential back-off with jitter). What a failure means for a
 * delivery is decided here, once, by classifySendFailure. See docs/decisions/023-campaign-mail.md.
 */

/** One message, ready to send: what src/domain/outreach/render-message.ts produces. */
export type OutgoingMessage = {
  from: string;
  to: { name: string; address: string };
  subject: string;
  text: string;
  html: string;
  /** With its angle brackets: `<campaign.contact@domain>`. */
  messageId: string;
  /** Extra header lines, already safe (no CR or LF), sent as written. */
  headers: Record<string, string>;
};

/** The environment's mail settings; the whole group is absent when VINCULA_SMTP_URL is not set. */
export const ZMailEnvironment = z.object({
  VINCULA_SMTP_URL: z
    .string()
    .trim()
    .regex(/^smtps?:\/\/[^\s]+$/, "debe ser smtp://usuario:contraseña@servidor:587 o smtps://…:465")
    .optional(),
  VINCULA_MAIL_FROM: z.string().trim().min(3).max(320).optional(),
  /** `false` accepts a server certificate no authority signed (a test relay); the default checks it. */
  VINCULA_SMTP_TLS_REJECT_UNAUTHORIZED: z.enum(["true", "false"]).default("true"),
  /** `true` refuses to send over a plain connection when the server offers no STARTTLS. */
  VINCULA_SMTP_REQUIRE_TLS: z.enum(["true", "false"]).default("false"),
  VINCULA_MAIL_RATE_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(60),
});

export type MailConfig = {
  smtpUrl: string;
  from: string;
  rejectUnauthorized: boolean;
  requireTls: boolean;
  ratePerMinute: number;
};

/** The bare address of a From value («Comisión <avisos@ejemplo.mx>» → avisos@ejemplo.mx), or undefined. */
export function fromAddress(from: string): string | undefined {
  const [first] = addressparser(from, { flatten: true });
  const address = first?.address ?? "";
  return /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/.test(address) ? address : undefined;
}

/** The mail settings, or undefined when no SMTP server is configured; problems as `VARIABLE: message` lines. */
export function mailConfigFrom(e: z.infer<typeof ZMailEnvironment>): {
  config?: MailConfig;
  problems: string[];
} {
  if (!e.VINCULA_SMTP_URL) return { problems: [] };
  if (!e.VINCULA_MAIL_FROM)
    return { problems: ["VINCULA_MAIL_FROM: falta el remitente (p. ej. «Comisión <avisos@ejemplo.mx>»)"] };
  if (/[\r\n]/.test(e.VINCULA_MAIL_FROM) || !fromAddress(e.VINCULA_MAIL_FROM))
    return { problems: ["VINCULA_MAIL_FROM: no es una dirección de correo"] };
  return {
    problems: [],
    config: {
      smtpUrl: e.VINCULA_SMTP_URL,
      from: e.VINCULA_MAIL_FROM,
      rejectUnauthorized: e.VINCULA_SMTP_TLS_REJECT_UNAUTHORIZED === "true",
      requireTls: e.VINCULA_SMTP_REQUIRE_TLS === "true",
      ratePerMinute: e.VINCULA_MAIL_RATE_PER_MINUTE,
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Failures

/**
 * `temporary`: try this delivery again later. `permanent`: this delivery will never succeed. The scope says whom
 * the failure is about: the `recipient` (refused at RCPT TO: mark the address bounced), the `message` (refused
 * after DATA), the `sender` (our account, sender address or TLS: pause the campaign, the contact is not at fault),
 * or the `connection` (network: retry).
 */
export type SendFailure = {
  kind: "temporary" | "permanent";
  scope: "recipient" | "message" | "sender" | "connection";
  /** The SMTP reply code when the server gave one. */
  responseCode?: number;
  /** nodemailer's or the system's error code (ECONNECTION, ETIMEDOUT, EENVELOPE, ECONNREFUSED…). */
  code?: string;
  /** For the log and the delivery row; may hold the server's words, never the password. */
  reason: string;
};

export type SendResult =
  | { ok: true; messageId: string; response: string }
  | { ok: false; failure: SendFailure };

const NETWORK_CODES = new Set([
  "ECONNECTION",
  "ETIMEDOUT",
  "ESOCKET",
  "EDNS",
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
]);
const SENDER_CODES = new Set(["EAUTH", "ENOAUTH", "EOAUTH2", "ETLS", "EREQUIRETLS", "ECONFIG", "EPROXY"]);

type ErrorLike = {
  code?: unknown;
  responseCode?: unknown;
  command?: unknown;
  message?: unknown;
  response?: unknown;
};

/** What an error thrown while sending means for the delivery: the rule that drives retries. */
export function classifySendFailure(error: unknown): SendFailure {
  const e = (typeof error === "object" && error !== null ? error : {}) as ErrorLike;
  const code = typeof e.code === "string" ? e.code : undefined;
  const responseCode = typeof e.responseCode === "number" ? e.responseCode : undefined;
  const command = typeof e.command === "string" ? e.command.toUpperCase() : "";
  const reason = (
    typeof e.response === "string" ? e.response : typeof e.message === "string" ? e.message : String(error)
  )
    .replace(/[\r\n]+/g, " ")
    .slice(0, 500);
  const base = { ...(code ? { code } : {}), ...(responseCode ? { responseCode } : {}), reason };

  if (code && SENDER_CODES.has(code)) return { kind: "temporary", scope: "sender", ...base };
  if (responseCode !== undefined && responseCode >= 400 && responseCode < 600) {
    const kind = responseCode >= 500 ? "permanent" : "temporary";
    if (command.startsWith("RCPT")) return { kind, scope: "recipient", ...base };
    if (command.startsWith("MAIL") || command.startsWith("AUTH") || command.startsWith("STARTTLS"))
      // Our sender refused: no contact is at fault, so no delivery fails for good because of it.
      return { kind: "temporary", scope: "sender", ...base };
    if (command === "DATA" || command === "" || command.startsWith("BDAT"))
      return { kind, scope: "message", ...base };
    // Greeting (CONN), EHLO and the like: the server, not this message.
    return { kind: "temporary", scope: "connection", ...base };
  }
  if (code && NETWORK_CODES.has(code)) return { kind: "temporary", scope: "connection", ...base };
  // Anything unknown is retried: the sender's attempt limit ends it, and nothing is lost by waiting.
  return { kind: "temporary", scope: "connection", ...base };
}

// ---------------------------------------------------------------------------------------------------------------
// Transport

export type MailTransport = {
  /** Sends one message to its one recipient; never throws for a failed delivery, it says how it failed. */
  sendMessage(message: OutgoingMessage): Promise<SendResult>;
  close(): void;
};

export type TransportOptions = {
  /** Milliseconds to wait for the connection, the greeting and each reply; small in tests. */
  timeoutMs?: number;
  /**
   * Keep one connection open for up to 100 messages instead of one connection per message: what a campaign
   * sender wants (fewer handshakes); a single test send does not need it.
   */
  pool?: boolean;
  /** With `pool`: how many connections may be open at once (default 1), for a sender that sends in parallel. */
  maxConnections?: number;
};

/** An SMTP transport with one connection at a time (the sender's rate limiter decides the pace). */
export function createMailTransport(config: MailConfig, options: TransportOptions = {}): MailTransport {
  const timeout = options.timeoutMs ?? 30_000;
  const common = {
    url: config.smtpUrl,
    requireTLS: config.requireTls,
    tls: { rejectUnauthorized: config.rejectUnauthorized, minVersion: "TLSv1.2" as const },
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout * 2,
    disableFileAccess: true,
    disableUrlAccess: true,
  };
  // The transport objects are built here, not by createTransport(options): given an object with `url`,
  // createTransport keeps only what the URL says and drops every other option (pool, TLS, timeouts), while the
  // SMTP transports themselves merge the URL with the options.
  const transporter = options.pool
    ? nodemailer.createTransport(
        new SMTPPool({
          ...common,
          pool: true,
          maxConnections: options.maxConnections ?? 1,
          maxMessages: 100,
        } satisfies SMTPPool.Options),
      )
    : nodemailer.createTransport(new SMTPTransport(common satisfies SMTPTransport.Options));
  return {
    async sendMessage(message) {
      try {
        const info = await transporter.sendMail({
          from: message.from,
          to: { name: message.to.name, address: message.to.address },
          subject: message.subject,
          text: message.text,
          html: message.html,
          messageId: message.messageId,
          headers: message.headers,
          // The envelope names only the one contact, whatever the headers say.
          envelope: { from: fromAddress(message.from) ?? message.from, to: message.to.address },
          disableFileAccess: true,
          disableUrlAccess: true,
        });
        const rejected = info.rejected ?? [];
        if (rejected.length > 0) {
          const first = (info as { rejectedErrors?: unknown[] }).rejectedErrors?.[0];
          return { ok: false, failure: classifySendFailure(first ?? new Error("destinatario rechazado")) };
        }
        return { ok: true, messageId: info.messageId, response: info.response };
      } catch (error) {
        return { ok: false, failure: classifySendFailure(error) };
      }
    },
    close() {
      transporter.close();
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Rate: a token bucket, pure

export type TokenBucket = { tokens: number; updatedAtMs: number };
export type RateLimit = { perMinute: number; burst: number };

/** A full bucket at `nowMs`. */
export function fullBucket(limit: RateLimit, nowMs: number): TokenBucket {
  return { tokens: limit.burst, updatedAtMs: nowMs };
}

/**
 * Takes one token if there is one: `waitMs` is 0 and the bucket is one token lighter. Otherwise the bucket is
 * only refilled and `waitMs` says how long until the next token. Tokens come at `perMinute / 60000` per ms, up
 * to `burst`; a clock that goes backwards adds nothing.
 */
export function takeToken(
  bucket: TokenBucket,
  limit: RateLimit,
  nowMs: number,
): { bucket: TokenBucket; waitMs: number } {
  if (!(limit.perMinute > 0) || !(limit.burst >= 1)) throw new Error("El límite de envío debe ser positivo.");
  const perMs = limit.perMinute / 60_000;
  const elapsed = Math.max(0, nowMs - bucket.updatedAtMs);
  const tokens = Math.min(limit.burst, bucket.tokens + elapsed * perMs);
  const updatedAtMs = Math.max(nowMs, bucket.updatedAtMs);
  if (tokens >= 1) return { bucket: { tokens: tokens - 1, updatedAtMs }, waitMs: 0 };
  // The small subtraction keeps float noise (0.999… tokens) from adding a millisecond.
  return { bucket: { tokens, updatedAtMs }, waitMs: Math.max(1, Math.ceil((1 - tokens) / perMs - 1e-9)) };
}

/** A token bucket with its own state and clock: `await limiter.acquire()` before each message. */
export class RateLimiter {
  #bucket: TokenBucket;
  readonly #limit: RateLimit;
  readonly #now: () => number;
  readonly #sleep: (ms: number) => Promise<void>;

  constructor(
    limit: RateLimit,
    clock: { now: () => number; sleep: (ms: number) => Promise<void> } = {
      now: () => Date.now(),
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    },
  ) {
    this.#limit = limit;
    this.#now = clock.now;
    this.#sleep = clock.sleep;
    this.#bucket = fullBucket(limit, clock.now());
  }

  /** Resolves when a message may be sent, having taken its token. */
  async acquire(): Promise<void> {
    for (;;) {
      const { bucket, waitMs } = takeToken(this.#bucket, this.#limit, this.#now());
      this.#bucket = bucket;
      if (waitMs === 0) return;
      await this.#sleep(waitMs);
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Back-off: exponential with jitter and a ceiling, pure

export type BackoffPolicy = { baseMs: number; maxMs: number; maxAttempts: number };

/**
 * Twelve tries: eleven waits from one minute, doubling, at most six hours each; between about 10 and 20 hours
 * from the first try to the last, enough for greylisting, a full mailbox or a server down overnight.
 */
export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 60_000, maxMs: 6 * 60 * 60_000, maxAttempts: 12 };

/**
 * How long to wait before try number `attempt + 1`, after `attempt` failed tries (1 or more), or null when the
 * tries are spent. The ceiling is `min(maxMs, baseMs · 2^(attempt-1))`; the wait is drawn between half the ceiling
 * and the ceiling ("equal jitter"), so retries of many deliveries spread out but none comes back at once.
 * `random` returns [0, 1) like Math.random and is injected for tests.
 */
export function retryDelayMs(
  attempt: number,
  policy: BackoffPolicy = DEFAULT_BACKOFF,
  random: () => number = Math.random,
): number | null {
  if (!Number.isInteger(attempt) || attempt < 1) throw new Error("El número de intento empieza en 1.");
  if (attempt >= policy.maxAttempts) return null;
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.min(attempt - 1, 52));
  const r = Math.min(Math.max(random(), 0), 1);
  return Math.round(ceiling / 2 + (ceiling / 2) * r);
}
