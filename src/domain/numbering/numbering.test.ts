import { describe, expect, it } from "vitest";
import { formatNumber, isValidPattern, numberMatchesYear, parseNumber } from "./numbering.ts";

describe("numbering patterns", () => {
  it("formats resolution and opinion numbers", () => {
    expect(formatNumber("{acronym}/{seq:3}/{yy}", 1, 2021, { acronym: "CVOE" })).toBe("CVOE/001/21");
    expect(formatNumber("IECM/UTVOE/OP/{seq:2}/{yyyy}", 12, 2021)).toBe("IECM/UTVOE/OP/12/2021");
    expect(formatNumber("{acronym}/{seq:3}/{yy}", 1234, 2021, { acronym: "CVOE" })).toBe("CVOE/1234/21");
  });

  it("parses historical numbers back and checks their year", () => {
    const parsed = parseNumber("{acronym}/{seq:3}/{yy}", "CVOE/010/21", { acronym: "CVOE" });
    expect(parsed).toEqual({ seq: 10, year: undefined, yy: 21 });
    expect(numberMatchesYear(parsed!, 2021)).toBe(true);
    expect(numberMatchesYear(parsed!, 2020)).toBe(false);
    expect(parseNumber("IECM/UTVOE/OP/{seq:2}/{yyyy}", "IECM/UTVOE/OP/07/2021")).toEqual({
      seq: 7,
      year: 2021,
      yy: undefined,
    });
  });

  it("rejects numbers that do not follow the pattern", () => {
    expect(parseNumber("{acronym}/{seq:3}/{yy}", "CVOE-001-21", { acronym: "CVOE" })).toBeUndefined();
    expect(parseNumber("{acronym}/{seq:3}/{yy}", "COVIN/001/21", { acronym: "CVOE" })).toBeUndefined();
    expect(parseNumber("{acronym}/{seq:3}/{yy}", "CVOE/000/21", { acronym: "CVOE" })).toBeUndefined();
  });

  it("requires exactly one sequence token", () => {
    expect(isValidPattern("{acronym}/{seq:3}/{yy}")).toBe(true);
    expect(isValidPattern("{acronym}/{yy}")).toBe(false);
  });
});
