import { describe, expect, it } from "vitest";
import { addBusinessDays, federalHolidays, isBusinessDay } from "./business-days.ts";
import { countryCode, emailProblem, languageTag, normalizeEmail } from "./contact-fields.ts";

describe("business days", () => {
  it("counts 20 business days from the day after receipt, skipping weekends", () => {
    // Received Monday 2021-06-07: four whole weeks later, Monday 2021-07-05.
    expect(addBusinessDays("2021-06-07", 20)).toBe("2021-07-05");
    // Received on a Friday: the term starts on Monday.
    expect(addBusinessDays("2021-06-04", 1)).toBe("2021-06-07");
    // Received on a Saturday: counted from Monday too.
    expect(addBusinessDays("2021-06-05", 1)).toBe("2021-06-07");
  });

  it("skips the federal rest days (LFT art. 74), movable Mondays included", () => {
    expect([...federalHolidays(2021)].sort()).toEqual([
      "2021-01-01",
      "2021-02-01",
      "2021-03-15",
      "2021-05-01",
      "2021-09-16",
      "2021-11-15",
      "2021-12-25",
    ]);
    expect(federalHolidays(2024).has("2024-10-01")).toBe(true);
    expect(federalHolidays(2025).has("2025-10-01")).toBe(false);
    expect(isBusinessDay("2021-03-15")).toBe(false);
    // Received Friday 2021-03-12: Monday 15 (Juárez) is skipped; 20 business days end on Monday 2021-04-12.
    expect(addBusinessDays("2021-03-12", 20)).toBe("2021-04-12");
    // Over the year's end: 24 Dec 2021 (Friday), then 27–31 Dec, 3 Jan…
    expect(addBusinessDays("2021-12-24", 1)).toBe("2021-12-27");
  });
});

describe("contact fields", () => {
  it("normalises addresses: trimmed, NFC, lower case", () => {
    expect(normalizeEmail(" Ana@Example.COM ")).toBe("ana@example.com");
    expect(normalizeEmail("JOSE\u0301@ejemplo.mx")).toBe(normalizeEmail("josé@ejemplo.mx"));
  });

  it("tells malformed addresses", () => {
    for (const good of ["ana@example.com", "a.b+c@sub.example.org", "josé@ejemplo.mx", "x@xn--bcher-kva.ch"])
      expect(emailProblem(good), good).toBeUndefined();
    for (const bad of [
      "",
      "ana",
      "ana@",
      "@example.com",
      "ana@@example.com",
      "ana@example",
      "an a@example.com",
      "ana..b@example.com",
      "ana@-example.com",
      "ana@example.c0m",
      "<ana@example.com>",
    ])
      expect(emailProblem(bad), bad).toBeDefined();
  });

  it("reads countries as ISO codes or names, and languages as tags or names", () => {
    expect(countryCode("us")).toBe("US");
    expect(countryCode("Estados Unidos")).toBe("US");
    expect(countryCode("Canada")).toBe("CA");
    expect(countryCode("España")).toBe("ES");
    expect(countryCode("EU")).toBeUndefined();
    expect(countryCode("Narnia")).toBeUndefined();
    expect(languageTag("Inglés")).toBe("en");
    expect(languageTag("en-us")).toBe("en-US");
    expect(languageTag("klingon!")).toBeUndefined();
  });
});
