import { readFileSync } from "node:fs";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { describeEachEngine } from "../../../tests/support/databases.ts";
import { commissions } from "../../platform/db/schema.ts";
import { importDatasetText } from "../dataset/import-dataset.ts";
import { collectReportFacts } from "./collect-report-facts.ts";

const DEMO = readFileSync(join(import.meta.dirname, "../../../demo/cvoe-2021-q1.yaml"), "utf8");

describeEachEngine("report facts of the demo quarter", (t) => {
  let commissionId: string;
  beforeAll(async () => {
    await importDatasetText(t.context, DEMO);
    commissionId = (await t.context.db.query.commissions.findFirst({ where: eq(commissions.key, "cvoe") }))
      ?.id as string;
  });

  it("collects the sessions with their agenda, attendance and resolutions, and the quarter's records", async () => {
    const facts = await collectReportFacts(t.context, { commissionId, period: "2021-Q1" });
    expect(facts.period).toMatchObject({ from: "2021-01-01", to: "2021-03-31", year: 2021, quarters: [1] });
    expect(facts.sessions.map((s) => s.date)).toEqual(["2021-01-21", "2021-02-25", "2021-03-25"]);
    expect(facts.sessions.map((s) => s.resolutions.length)).toEqual([4, 2, 4]);
    expect(facts.sessions.every((s) => s.attendance.length === 30 && s.agenda.length > 0)).toBe(true);
    expect(facts.activities).toHaveLength(123);
    expect(facts.agreements.signed).toHaveLength(7);
    expect(facts.agreements.reported).toHaveLength(22);
    expect(facts.opinions.undated).toHaveLength(12);
    expect(facts.names.people.size).toBeGreaterThanOrEqual(27);
  });

  it("collects nothing of another quarter and refuses a malformed period", async () => {
    const facts = await collectReportFacts(t.context, { commissionId, period: "2021-Q2" });
    expect(facts.sessions).toEqual([]);
    expect(facts.activities).toEqual([]);
    await expect(collectReportFacts(t.context, { commissionId, period: "2021-Q5" })).rejects.toMatchObject({
      code: "validation_failed",
    });
    await expect(collectReportFacts(t.context, { commissionId, period: "2022-Q1" })).rejects.toMatchObject({
      code: "not_found",
    });
  });
});
