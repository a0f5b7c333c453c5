import { eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { describeEachEngine } from "../../../tests/support/databases.ts";
import { smallDataset } from "../../../tests/support/dataset-fixture.ts";
import { uniqueKey } from "../../../tests/support/factories.ts";
import { commissions } from "../../platform/db/schema.ts";
import { importDataset } from "../dataset/import-dataset.ts";
import { runChecks } from "./run-checks.ts";

describeEachEngine("record checks", (t) => {
  it("finds near-duplicates, number gaps and order, unapproved minutes and activities outside the programme year", async () => {
    const suffix = uniqueKey("chk");
    const d = smallDataset(suffix);
    // One person written two ways, as in the reference report («Ruiz» / «Ruíz»).
    d.people!.push({ key: `dup-${suffix}`, name: "Ana Perez Ruíz" });
    // A name recorded as an alias of another record.
    d.areas!.push({ key: `alias-${suffix}`, name: "Unidad Técnica de Organismos Externos y Vinculación" });
    d.areas![0]!.aliases = ["Unidad Técnica de Organismos Externos y Vinculación"];
    // A gap: CX/004/21 becomes CX/006/21; the first session's minutes lose their approval.
    d.resolutions![3]!.number = "CX/006/21";
    delete d.sessions![0]!.minutesApprovedBy;
    // Out of order: the second session's first resolution takes an earlier number than the first session's.
    d.resolutions![0]!.number = "CX/005/21";
    // An activity of the 2021 programme dated 2022.
    d.activities![0]!.dates = ["2022-01-15"];
    await importDataset(t.context, d);
    const commission = await t.context.db.query.commissions.findFirst({
      where: eq(commissions.key, `cx-${suffix}`),
    });

    const findings = await runChecks(t.context, { commissionId: commission!.id });
    const codes = findings.map((f) => f.code);
    expect(
      findings.find((f) => f.code === "near_duplicate_person" && f.message.includes("Ana Perez Ruíz")),
    ).toBeDefined();
    expect(
      findings.find((f) => f.code === "near_duplicate_area" && f.message.includes("también como otra forma")),
    ).toBeDefined();
    expect(
      findings.find((f) => f.code === "resolution_number_gap" && f.message.includes("CX/003/21 y CX/005/21")),
    ).toBeDefined();
    expect(codes).toContain("resolution_number_out_of_sequence");
    const minutes = findings.filter((f) => f.code === "minutes_never_approved");
    expect(minutes.map((f) => f.record.label)).toContain("2021-ord-1");
    const outside = findings.find((f) => f.code === "activity_outside_programme_year");
    expect(outside?.severity).toBe("error");
    expect(outside?.message).toContain("2022-01-15");
    // Errors come first.
    expect(findings[0]?.severity).toBe("error");
  });

  it("reports nothing wrong for a clean commission", async () => {
    const suffix = uniqueKey("clean");
    await importDataset(t.context, smallDataset(suffix));
    const commission = await t.context.db.query.commissions.findFirst({
      where: eq(commissions.key, `cx-${suffix}`),
    });
    const findings = await runChecks(t.context, { commissionId: commission!.id });
    expect(
      findings.filter((f) =>
        [
          "resolution_number_gap",
          "resolution_number_out_of_sequence",
          "minutes_never_approved",
          "activity_outside_programme_year",
        ].includes(f.code),
      ),
    ).toEqual([]);
  });
});
