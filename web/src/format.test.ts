import { describe, expect, it } from "vitest";
import { dateTime, longDate, shortDate } from "./format.ts";

describe("dates as the institution writes them", () => {
  it("computes the weekday of a calendar date, whatever the time zone", () => {
    expect(longDate("2021-01-21")).toBe("jueves 21 de enero de 2021");
    expect(longDate("2021-02-28")).toBe("domingo 28 de febrero de 2021");
    expect(longDate("2021-01-21", "en")).toBe("Thursday 21 January 2021");
    expect(shortDate("2021-03-05")).toBe("05/03/2021");
    expect(longDate("no es fecha")).toBe("no es fecha");
  });
  it("writes instants in Mexico City's time", () => {
    expect(dateTime("2021-01-21T16:05:00Z")).toBe("21/01/2021 10:05");
  });
});
