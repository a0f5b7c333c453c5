import { describe, expect, it } from "vitest";
import { escapeText, foldLine, renderICalendar, zonedTimeToUtc } from "./icalendar.ts";

const octets = (line: string) => new TextEncoder().encode(line).length;

describe("iCalendar writer", () => {
  it("escapes backslash, semicolon, comma and every kind of line break in TEXT", () => {
    expect(escapeText("a\\b;c,d\r\ne\nf\rg")).toBe("a\\\\b\\;c\\,d\\ne\\nf\\ng");
    expect(escapeText("sin\u0007control")).toBe("sincontrol");
  });

  it("folds at 75 octets without splitting a UTF-8 character", () => {
    const line = `SUMMARY:${"Sesión extraordinaria 🗳️ de la Comisión ".repeat(6)}`;
    const folded = foldLine(line);
    const physical = folded.split("\r\n");
    expect(physical.length).toBeGreaterThan(2);
    for (const part of physical) expect(octets(part)).toBeLessThanOrEqual(75);
    for (const part of physical.slice(1)) expect(part.startsWith(" ")).toBe(true);
    // Unfolding gives the line back, and no part holds half a character.
    expect(physical.map((part, i) => (i === 0 ? part : part.slice(1))).join("")).toBe(line);
    expect(physical.join("")).not.toContain("\uFFFD");
    expect(foldLine("SHORT:x")).toBe("SHORT:x");
  });

  it("converts Mexico City wall-clock times to UTC, daylight saving included until 2022", () => {
    expect(zonedTimeToUtc("2021-01-21", "11:00", "America/Mexico_City").toISOString()).toBe(
      "2021-01-21T17:00:00.000Z",
    );
    // Summer 2021: CDT, UTC−5.
    expect(zonedTimeToUtc("2021-06-10", "11:00", "America/Mexico_City").toISOString()).toBe(
      "2021-06-10T16:00:00.000Z",
    );
    // Since October 2022 Mexico City keeps UTC−6 all year.
    expect(zonedTimeToUtc("2023-06-10", "11:00", "America/Mexico_City").toISOString()).toBe(
      "2023-06-10T17:00:00.000Z",
    );
  });

  it("writes all-day events with an exclusive DTEND and timed ones in UTC, every line ending in CRLF", () => {
    const text = renderICalendar({
      productId: "-//Vincula//Pruebas//ES",
      name: "Pruebas",
      timeZone: "America/Mexico_City",
      events: [
        {
          uid: "a@vincula",
          summary: "Primera, con; coma",
          date: "2021-12-31",
          lastModified: new Date("2021-01-02T03:04:05.678Z"),
        },
        {
          uid: "b@vincula",
          summary: "Segunda",
          date: "2021-01-21",
          startTime: "11:00",
          lastModified: new Date("2021-01-02T03:04:05Z"),
        },
      ],
    });
    expect(text.endsWith("END:VCALENDAR\r\n")).toBe(true);
    expect(text.replaceAll("\r\n", "")).not.toMatch(/[\r\n]/);
    expect(text).toContain("DTSTART;VALUE=DATE:20211231\r\nDTEND;VALUE=DATE:20220101\r\n");
    expect(text).toContain("DTSTART:20210121T170000Z\r\n");
    expect(text).toContain("DTSTAMP:20210102T030405Z\r\n");
    expect(text).toContain("SUMMARY:Primera\\, con\\; coma\r\n");
  });
});
