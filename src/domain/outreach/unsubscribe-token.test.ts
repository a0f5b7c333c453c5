import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  MAX_UNSUBSCRIBE_TOKEN_LENGTH,
  signUnsubscribeToken,
  unsubscribeUrl,
  verifyUnsubscribeToken,
} from "./unsubscribe-token.ts";

const SECRET = "a-test-secret-that-is-long-enough-0123456789";
const subject = { contactId: randomUUID(), listId: randomUUID() };

describe("unsubscribe tokens", () => {
  it("give back the contact and list they were signed for", () => {
    const token = signUnsubscribeToken(subject, SECRET);
    expect(token).toMatch(/^[A-Za-z0-9_.-]+$/);
    expect(token.length).toBeLessThanOrEqual(MAX_UNSUBSCRIBE_TOKEN_LENGTH);
    expect(verifyUnsubscribeToken(token, SECRET)).toEqual(subject);
    // Signing is deterministic: a retried message carries the same link.
    expect(signUnsubscribeToken(subject, SECRET)).toBe(token);
  });

  it("refuse a token with any character changed, another contact's ids, or another secret", () => {
    const token = signUnsubscribeToken(subject, SECRET);
    for (let i = 0; i < token.length; i++) {
      const replacement = token[i] === "A" ? "B" : "A";
      const tampered = token.slice(0, i) + replacement + token.slice(i + 1);
      expect(verifyUnsubscribeToken(tampered, SECRET), `character ${i}`).toBeNull();
    }
    const other = randomUUID();
    const [version, , listId, mac] = token.split(".");
    expect(verifyUnsubscribeToken(`${version}.${other}.${listId}.${mac}`, SECRET)).toBeNull();
    expect(verifyUnsubscribeToken(token, `${SECRET}x`)).toBeNull();
  });

  it("refuse malformed tokens without throwing", () => {
    for (const bad of [
      "",
      ".",
      "v1",
      "v1...",
      `${"a".repeat(10_000)}`,
      "v2.x.y.z",
      `${signUnsubscribeToken(subject, SECRET)}.`,
    ])
      expect(verifyUnsubscribeToken(bad, SECRET)).toBeNull();
  });

  it("need a long secret and UUIDs", () => {
    expect(() => signUnsubscribeToken(subject, "short")).toThrow(/32 caracteres/);
    expect(() => signUnsubscribeToken({ ...subject, contactId: "1.2" }, SECRET)).toThrow(/UUID/);
  });
});

describe("unsubscribeUrl", () => {
  it("puts the token under /u/ of the public address", () => {
    expect(unsubscribeUrl("https://vincula.example.mx", "v1.abcdefghijklmnop")).toBe(
      "https://vincula.example.mx/u/v1.abcdefghijklmnop",
    );
    expect(unsubscribeUrl("https://example.mx/vincula/", "abcdefghijklmnopqrstuvwxyz")).toBe(
      "https://example.mx/vincula/u/abcdefghijklmnopqrstuvwxyz",
    );
  });

  it("refuses other schemes, queries and tokens that would need escaping", () => {
    expect(() => unsubscribeUrl("javascript:alert(1)", "abcdefghijklmnop")).toThrow();
    expect(() => unsubscribeUrl("https://example.mx/?a=1", "abcdefghijklmnop")).toThrow();
    expect(() => unsubscribeUrl("https://example.mx", "abc>def\r\nghijklmnop")).toThrow();
  });
});
