import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./config.ts";
import {
  classifySendFailure,
  DEFAULT_BACKOFF,
  fullBucket,
  RateLimiter,
  retryDelayMs,
  type TokenBucket,
  takeToken,
} from "./mail.ts";

describe("mail configuration", () => {
  it("has no mail without VINCULA_SMTP_URL, and needs a sender with it", () => {
    expect(loadConfig({}).mail).toBeUndefined();
    expect(() => loadConfig({ VINCULA_SMTP_URL: "smtp://u:p@mail.example.mx:587" })).toThrow(
      /VINCULA_MAIL_FROM/,
    );
    const config = loadConfig({
      VINCULA_SMTP_URL: "smtp://u:p@mail.example.mx:587",
      VINCULA_MAIL_FROM: "Comisión <avisos@example.mx>",
      VINCULA_MAIL_RATE_PER_MINUTE: "120",
    });
    expect(config.mail).toEqual({
      smtpUrl: "smtp://u:p@mail.example.mx:587",
      from: "Comisión <avisos@example.mx>",
      rejectUnauthorized: true,
      requireTls: false,
      ratePerMinute: 120,
    });
  });

  it("refuses another scheme, a sender that is no address and a public address that is not http", () => {
    const refused = [
      { VINCULA_SMTP_URL: "http://mail.example.mx", VINCULA_MAIL_FROM: "a@example.mx" },
      { VINCULA_SMTP_URL: "smtp://mail.example.mx", VINCULA_MAIL_FROM: "nadie" },
      { VINCULA_PUBLIC_URL: "javascript:alert(1)" },
      { VINCULA_MAIL_RATE_PER_MINUTE: "0" },
    ];
    for (const env of refused) expect(() => loadConfig(env), JSON.stringify(env)).toThrow(ConfigError);
  });
});

describe("classifySendFailure", () => {
  it("calls a 4xx reply temporary and a 5xx at RCPT TO a permanent failure of the recipient", () => {
    expect(classifySendFailure({ code: "EENVELOPE", responseCode: 451, command: "RCPT TO" })).toMatchObject({
      kind: "temporary",
      scope: "recipient",
      responseCode: 451,
    });
    expect(
      classifySendFailure({
        code: "EENVELOPE",
        responseCode: 550,
        command: "RCPT TO",
        response: "550 No such user",
      }),
    ).toEqual({
      kind: "permanent",
      scope: "recipient",
      code: "EENVELOPE",
      responseCode: 550,
      reason: "550 No such user",
    });
    expect(classifySendFailure({ code: "EMESSAGE", responseCode: 554, command: "DATA" })).toMatchObject({
      kind: "permanent",
      scope: "message",
    });
    expect(classifySendFailure({ code: "EMESSAGE", responseCode: 452, command: "DATA" })).toMatchObject({
      kind: "temporary",
      scope: "message",
    });
  });

  it("never blames a contact for the sender's account, sender address or TLS", () => {
    for (const error of [
      { code: "EAUTH", responseCode: 535, command: "AUTH PLAIN" },
      { code: "EENVELOPE", responseCode: 550, command: "MAIL FROM" },
      { code: "ETLS" },
      { code: "ENOAUTH" },
    ])
      expect(classifySendFailure(error)).toMatchObject({ kind: "temporary", scope: "sender" });
  });

  it("calls network trouble and anything unknown temporary", () => {
    for (const code of ["ECONNECTION", "ETIMEDOUT", "ESOCKET", "ECONNREFUSED", "ECONNRESET", "EDNS"])
      expect(classifySendFailure(Object.assign(new Error("x"), { code }))).toMatchObject({
        kind: "temporary",
        scope: "connection",
      });
    expect(classifySendFailure({ code: "EPROTOCOL", responseCode: 421, command: "CONN" })).toMatchObject({
      kind: "temporary",
      scope: "connection",
    });
    expect(classifySendFailure("boom")).toMatchObject({ kind: "temporary", reason: "boom" });
    expect(classifySendFailure(null).kind).toBe("temporary");
  });

  it("keeps the reason on one line", () => {
    expect(classifySendFailure(new Error("a\r\nb")).reason).toBe("a b");
  });
});

describe("token bucket", () => {
  const limit = { perMinute: 60, burst: 3 };

  it("lets a burst through, then one message per second at 60 a minute", () => {
    let bucket: TokenBucket = fullBucket(limit, 0);
    const waits: number[] = [];
    for (let i = 0; i < 4; i++) {
      const result = takeToken(bucket, limit, 0);
      bucket = result.bucket;
      waits.push(result.waitMs);
    }
    expect(waits).toEqual([0, 0, 0, 1000]);
    expect(takeToken(bucket, limit, 999).waitMs).toBe(1);
    const later = takeToken(bucket, limit, 1000);
    expect(later.waitMs).toBe(0);
    expect(takeToken(later.bucket, limit, 1000).waitMs).toBe(1000);
  });

  it("refills up to the burst only, and a clock going back adds nothing", () => {
    const empty: TokenBucket = { tokens: 0, updatedAtMs: 10_000 };
    expect(takeToken(empty, limit, 1_000_000).bucket.tokens).toBe(2);
    expect(takeToken(empty, limit, 5_000)).toEqual({
      bucket: { tokens: 0, updatedAtMs: 10_000 },
      waitMs: 1000,
    });
  });

  it("RateLimiter waits what the bucket says on an injected clock", async () => {
    let now = 0;
    const slept: number[] = [];
    const limiter = new RateLimiter(
      { perMinute: 120, burst: 1 },
      {
        now: () => now,
        sleep: async (ms) => {
          slept.push(ms);
          now += ms;
        },
      },
    );
    for (let i = 0; i < 4; i++) await limiter.acquire();
    expect(slept).toEqual([500, 500, 500]);
    expect(now).toBe(1500);
  });
});

describe("retryDelayMs", () => {
  const policy = { baseMs: 1000, maxMs: 10_000, maxAttempts: 6 };

  it("doubles from the base, up to the ceiling, with the jitter between half and all of it", () => {
    expect([1, 2, 3, 4, 5].map((attempt) => retryDelayMs(attempt, policy, () => 0))).toEqual([
      500, 1000, 2000, 4000, 5000,
    ]);
    expect([1, 2, 3, 4, 5].map((attempt) => retryDelayMs(attempt, policy, () => 0.999_999))).toEqual([
      1000, 2000, 4000, 8000, 10_000,
    ]);
    expect(retryDelayMs(2, policy, () => 0.5)).toBe(1500);
  });

  it("says stop when the tries are spent, and refuses attempt 0", () => {
    expect(retryDelayMs(6, policy, () => 0)).toBeNull();
    expect(() => retryDelayMs(0, policy)).toThrow();
    expect(retryDelayMs(9, DEFAULT_BACKOFF, () => 1)).toBe(256 * 60_000);
    expect(retryDelayMs(11, DEFAULT_BACKOFF, () => 1)).toBe(DEFAULT_BACKOFF.maxMs);
    expect(retryDelayMs(12, DEFAULT_BACKOFF)).toBeNull();
  });
});
