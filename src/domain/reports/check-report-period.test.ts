import { readFileSync } from "node:fs";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { describeEachEngine } from "../../../tests/support/databases.ts";
import { smallDataset } from "../../../tests/support/dataset-fixture.ts";
import { uniqueKey } from "../../../tests/support/factories.ts";
import { commissions } from "../../platform/db/schema.ts";
import { importDataset, importDatasetText } from "../dataset/import-dataset.ts";
import { checkReportPeriod } from "./check-report-period.ts";

const DEMO = readFileSync(join(import.meta.dirname, "../../../demo/cvoe-2021-q1.yaml"), "utf8");

describeEachEngine("checks of a report's period", (t) => {
  const commissionId = async (key: string) =>
    (await t.context.db.query.commissions.findFirst({ where: eq(commissions.key, key) }))?.id as string;

  it("finds nothing blocking in the demo quarter, and flags the agreements signed without an opinion", async () => {
    await importDatasetText(t.context, DEMO);
    const findings = await checkReportPeriod(t.context, {
      commissionId: await commissionId("cvoe"),
      period: "2021-Q1",
    });
    expect(findings.filter((f) => f.isBlocking)).toEqual([]);
    const withoutOpinion = findings
      .filter((f) => f.code === "agreement_signed_without_opinion")
      .map((f) => f.record.label);
    expect(withoutOpinion).toHaveLength(3);
    expect(withoutOpinion.join(" ")).toContain("TECDMX");
    // The reference gives no issue dates for its 12 opinions (decision 007): each is a warning, never blocking.
    const undated = findings.filter((f) => f.code === "opinion_without_issue_date");
    expect(undated).toHaveLength(12);
    expect(undated[0]).toMatchObject({ severity: "warning", isBlocking: false });
    expect(undated[0]?.message).toContain("no tiene fecha de emisión");
  });

  it("blocks a quarter with a resolution adopted without quorum and an action with neither activity nor justification", async () => {
    const suffix = uniqueKey("period");
    const d = smallDataset(suffix);
    // The chair absent too: two of the three voting members missed the first session, which adopted two resolutions.
    d.sessions![0]!.attendance![0]!.present = false;
    // Action 1A (programmed for every quarter) loses its activities; one activity runs into April instead.
    d.activities = [{ ...d.activities![1]!, action: "2021-1B", dates: ["2021-03-30", "2021-04-02"] }];
    await importDataset(t.context, d);
    const findings = await checkReportPeriod(t.context, {
      commissionId: await commissionId(`cx-${suffix}`),
      period: "2021-Q1",
    });
    const blocking = findings.filter((f) => f.isBlocking).map((f) => f.code);
    expect(blocking).toContain("resolution_without_quorum");
    expect(blocking).toContain("action_without_activity_or_justification");
    const quorum = findings.find((f) => f.code === "resolution_without_quorum");
    expect(quorum?.message).toContain("con 1 de 3 integrantes con voto presentes");
    expect(quorum?.related.map((r) => r.label)).toEqual(["CX/001/21", "CX/002/21"]);
    expect(findings.find((f) => f.code === "action_without_activity_or_justification")?.record.label).toMatch(
      /^1\.A /,
    );
    expect(findings.find((f) => f.code === "activity_partly_outside_period")?.severity).toBe("warning");
  });
});
