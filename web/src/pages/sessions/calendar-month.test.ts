import { describe, expect, it } from "vitest";
import { monthWeeks, shiftMonth } from "./calendar-month.ts";

describe("the months of the sessions calendar", () => {
  it("moves across years", () => {
    expect(shiftMonth("2021-01", -1)).toBe("2020-12");
    expect(shiftMonth("2021-12", 1)).toBe("2022-01");
    expect(shiftMonth("2021-04", 0)).toBe("2021-04");
  });

  it("shows whole weeks from Sunday to Saturday around the month", () => {
    const april = monthWeeks("2021-04");
    expect(april).toHaveLength(5);
    expect(april[0]?.[0]).toBe("2021-03-28");
    expect(april[3]?.[4]).toBe("2021-04-22"); // a Thursday
    expect(april[4]?.[6]).toBe("2021-05-01");
    expect(april.every((week) => week.length === 7)).toBe(true);
    // February 2015 starts on a Sunday and ends on a Saturday: exactly four weeks.
    expect(monthWeeks("2015-02").map((week) => week[0])).toEqual([
      "2015-02-01",
      "2015-02-08",
      "2015-02-15",
      "2015-02-22",
    ]);
  });
});
