import { expect, it } from "vitest";
import { describeEachEngine } from "../../../tests/support/databases.ts";
import { smallDataset } from "../../../tests/support/dataset-fixture.ts";
import { uniqueKey } from "../../../tests/support/factories.ts";
import { importDataset } from "../dataset/import-dataset.ts";
import { searchRecords } from "./search-records.ts";

describeEachEngine("full-text search", (t) => {
  it("is accent-insensitive and stems Spanish words, with type and snippet", async () => {
    const suffix = uniqueKey("srch");
    await importDataset(t.context, smallDataset(suffix));

    const unaccented = await searchRecords(t.context, { q: "vinculacion" });
    const area = unaccented.find(
      (hit) => hit.type === "area" && hit.title.startsWith("Unidad Técnica de Vinculación"),
    );
    expect(area?.snippet).toContain("«Vinculación»");

    const plural = await searchRecords(t.context, { q: "convenios tribunal" });
    expect(plural.map((hit) => hit.type)).toContain("agreement");
    expect(plural.find((hit) => hit.type === "agreement")?.title).toContain("Convenio de Colaboración");

    const activities = await searchRecords(t.context, { q: "platica uacm", type: "activity" });
    expect(activities.every((hit) => hit.type === "activity")).toBe(true);
    expect(activities[0]?.title).toBe("Plática de vinculación en la UACM");

    const resolution = await searchRecords(t.context, { q: "ratificacion programa" });
    expect(resolution.some((hit) => hit.type === "resolution" && hit.title.startsWith("CX/002/21"))).toBe(
      true,
    );
  });

  it("rejects a query that is too short with a Spanish message", async () => {
    await expect(searchRecords(t.context, { q: "a" })).rejects.toMatchObject({
      code: "validation_failed",
      details: [expect.objectContaining({ path: "q", message: "escriba al menos 2 caracteres" })],
    });
  });
});
