import { describe, expect, it } from "vitest";
import { newUnsubscribeToken } from "./contacts.repository.ts";
import { unsubscribeUrl } from "./unsubscribe-token.ts";

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

describe("the stored tokens", () => {
  it("are random, 43 base64url characters, and fit an unsubscribe address as they are", () => {
    const tokens = new Set(Array.from({ length: 1000 }, newUnsubscribeToken));
    expect(tokens.size).toBe(1000);
    for (const token of tokens) {
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(unsubscribeUrl("https://vincula.example.mx", token)).toBe(
        `https://vincula.example.mx/u/${token}`,
      );
    }
  });
});
