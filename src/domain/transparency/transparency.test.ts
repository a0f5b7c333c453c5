import { readFileSync } from "node:fs";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { describeEachEngine } from "../../../tests/support/databases.ts";
import { commissions } from "../../platform/db/schema.ts";
import { countAgreements } from "../agreements/agreement-counts.ts";
import { importDatasetText } from "../dataset/import-dataset.ts";
import type { UseCaseContext } from "../shared/context.ts";
import { ART_70_XXXIII, agreementsTransparencyTable } from "./export-agreements-transparency.ts";
import { listAdoptedResolutions } from "./list-adopted-resolutions.ts";
import { listAgreementsInForce } from "./list-agreements-in-force.ts";
import { listPublicSessions } from "./list-public-sessions.ts";

const DEMO = readFileSync(join(import.meta.dirname, "../../../demo/cvoe-2021-q1.yaml"), "utf8");

describeEachEngine("transparency use cases for the public", (t) => {
  let commissionId: string;
  let anonymous: UseCaseContext;
  beforeAll(async () => {
    await importDatasetText(t.context, DEMO);
    commissionId = (await t.context.db.query.commissions.findFirst({ where: eq(commissions.key, "cvoe") }))
      ?.id as string;
    anonymous = { actor: { kind: "public" }, db: t.context.db };
  });

  it("lists the sessions with their Spanish names, by key or by id of the commission", async () => {
    const byKey = await listPublicSessions(anonymous, { commission: "cvoe", to: "2021-03-31" });
    expect(byKey.map((s) => [s.date, s.name])).toEqual([
      ["2021-01-21", "Primera sesión ordinaria"],
      ["2021-02-25", "Segunda sesión ordinaria"],
      ["2021-03-25", "Tercera sesión ordinaria"],
    ]);
    expect(byKey[0]?.commission).toEqual({
      key: "cvoe",
      acronym: "CVOE",
      name: "Comisión Permanente de Vinculación con Organismos Externos",
    });
    expect(await listPublicSessions(anonymous, { commission: commissionId, to: "2021-03-31" })).toEqual(
      byKey,
    );
    await expect(listPublicSessions(anonymous, { commission: "nadie" })).rejects.toMatchObject({
      code: "not_found",
    });
  });

  it("lists adopted resolutions filtered by year, paginated", async () => {
    const year = await listAdoptedResolutions(anonymous, { commission: "cvoe", year: "2021" });
    expect(year.total).toBe(10);
    expect(year.items[0]).toMatchObject({
      number: "CVOE/001/21",
      date: "2021-01-21",
      session: { name: "Primera sesión ordinaria", date: "2021-01-21" },
    });
    expect(year.items.at(-1)?.number).toBe("CVOE/010/21");
    const page = await listAdoptedResolutions(anonymous, { year: 2021, limit: 3, offset: 3 });
    expect(page.items.map((r) => r.number)).toEqual(["CVOE/004/21", "CVOE/005/21", "CVOE/006/21"]);
    expect((await listAdoptedResolutions(anonymous, { year: 2020 })).total).toBe(0);
  });

  it("counts as in force what the agreement counts count (docs/decisions/005)", async () => {
    const inForce = await listAgreementsInForce(anonymous, { commission: "cvoe", date: "2021-03-31" });
    const counts = await countAgreements(t.context, { commissionId, date: "2021-03-31" });
    expect(inForce.items).toHaveLength(counts.inForce.count);
    expect(inForce.items.some((a) => a.stage === "pertinence_opinion")).toBe(false);
    const tecdmx = inForce.items.find((a) => a.key === "tecdmx-colaboracion-2021");
    expect(tecdmx).toMatchObject({
      type: "Colaboración",
      counterparts: ["Tribunal Electoral de la Ciudad de México"],
      signedOn: "2021-03-08",
    });
    // Before its signature it was not in force yet.
    const before = await listAgreementsInForce(anonymous, { commission: "cvoe", date: "2021-03-07" });
    expect(before.items.some((a) => a.key === "tecdmx-colaboracion-2021")).toBe(false);
    // Without a date: today in Mexico City.
    const today = await listAgreementsInForce(anonymous, {}, new Date("2021-04-01T05:00:00Z"));
    expect(today.date).toBe("2021-03-31");
  });

  it("fills the transparency format from the agreements signed in the period", async () => {
    const table = await agreementsTransparencyTable(
      anonymous,
      { commission: "cvoe", period: "2021-Q1" },
      { now: new Date("2021-04-23T18:00:00Z") },
    );
    expect(table.sheet.columns.map((c) => c.header)).toEqual(ART_70_XXXIII.headers);
    expect(table.sheet.rows).toHaveLength(7);
    const byTitle = (prefix: string) => table.sheet.rows.find((row) => String(row[4]).startsWith(prefix));
    const tecdmx = byTitle("Convenio de colaboración entre el IECM y el Tribunal Electoral") ?? [];
    expect(tecdmx.slice(0, 8)).toEqual([
      2021,
      { date: "2021-01-01" },
      { date: "2021-03-31" },
      "De coordinación con el sector público",
      "Convenio de colaboración entre el IECM y el Tribunal Electoral de la Ciudad de México (TECDMX)",
      { date: "2021-03-08" },
      // Managed directly, no area recorded: the commission's technical area follows it up.
      "Unidad Técnica de Vinculación con Organismos Externos",
      "Tribunal Electoral de la Ciudad de México",
    ]);
    expect(tecdmx[11]).toBe("Del 08/03/2021; término no registrado");
    expect(tecdmx[15]).toBe("Unidad Técnica de Vinculación con Organismos Externos");
    expect(tecdmx[16]).toEqual({ date: "2021-04-23" });
    expect(tecdmx[9]).toBeNull();
    expect(tecdmx[18]).toContain("«Fuente de los recursos»");
    const consejo = byTitle("Convenio de Colaboración entre el IECM y el Consejo Ciudadano") ?? [];
    expect(consejo[3]).toBe("De concertación con el sector social");
    expect(consejo[6]).toBe(
      "Dirección Ejecutiva de Educación Cívica y Construcción de Ciudadanía; Unidad Técnica de Género y Derechos Humanos",
    );
    const arvm = byTitle("Convenio de Apoyo y Coordinación entre el IECM y la Asociación") ?? [];
    expect(arvm[3]).toBe("De concertación con el sector privado");

    const february = await agreementsTransparencyTable(anonymous, {
      commission: "cvoe",
      from: "2021-02-01",
      to: "2021-02-28",
    });
    expect(february.sheet.rows.map((row) => row[5])).toEqual([
      { date: "2021-02-02" },
      { date: "2021-02-26" },
    ]);
    expect(february.period.label).toBe("2021-02-01_2021-02-28");
  });

  it("refuses a period that is missing, ambiguous or spans two fiscal years", async () => {
    for (const query of [
      { commission: "cvoe" },
      { commission: "cvoe", period: "2021", from: "2021-01-01", to: "2021-01-31" },
      { commission: "cvoe", from: "2021-12-01", to: "2022-01-31" },
      { commission: "cvoe", from: "2021-01-01" },
    ])
      await expect(agreementsTransparencyTable(anonymous, query)).rejects.toMatchObject({
        code: "validation_failed",
      });
  });
});
