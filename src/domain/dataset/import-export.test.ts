import { sql } from "drizzle-orm";
import { expect, it } from "vitest";
import { describeEachEngine } from "../../../tests/support/databases.ts";
import { smallDataset } from "../../../tests/support/dataset-fixture.ts";
import { uniqueKey } from "../../../tests/support/factories.ts";
import { type Db, queryRows } from "../../platform/db/open.ts";
import { DEFAULT_REPORT_TEMPLATE } from "../reports/report-template.ts";
import { AppError, describeDetail } from "../shared/errors.ts";
import { exportDataset } from "./export-dataset.ts";
import { importDataset } from "./import-dataset.ts";

/** Row counts of every table: "the database exactly as it was" at the granularity that matters. */
async function snapshot(db: Db): Promise<Record<string, number>> {
  const tables = await queryRows<{ table_name: string }>(
    db,
    sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' and table_name not like '%migrations%' order by 1`,
  );
  const counts: Record<string, number> = {};
  for (const { table_name } of tables) {
    const [row] = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from ${sql.identifier(table_name)}`,
    );
    counts[table_name] = Number(row?.n);
  }
  return counts;
}

describeEachEngine("dataset import and export", (t) => {
  it("imports a whole commission and exports the same records back (import → export → import is identical)", async () => {
    const suffix = uniqueKey("rt");
    const original = smallDataset(suffix);
    // The commission's own report template travels with its records.
    original.reportTemplate = {
      ...DEFAULT_REPORT_TEMPLATE,
      parts: {
        "1A": [
          {
            intro: "Se elaboraron {countWordsFem} notas ejecutivas:",
            presentation: {
              kind: "activities",
              kinds: [`note-${suffix}`],
              followedBodies: [`ine-cg-${suffix}`],
              hasRowNumbers: true,
              groupByFollowedBody: false,
              columns: [{ header: "Fecha", value: "date" }],
            },
          },
        ],
      },
    };
    const summary = await importDataset(t.context, original);
    expect(summary.counts).toMatchObject({ sessions: 2, resolutions: 4, activities: 2, attendance: 9 });

    const first = await exportDataset(t.context, `cx-${suffix}`);
    expect(first.resolutions.map((r) => r.number)).toEqual([
      "CX/001/21",
      "CX/002/21",
      "CX/003/21",
      "CX/004/21",
    ]);
    expect(first.sessions[0]?.minutesApprovedBy).toBe("CX/004/21");
    expect(first.reportTemplate).toEqual(original.reportTemplate);
    expect(first.activities.find((a) => a.key === "talk-1")?.dates).toEqual(["2021-02-10", "2021-03-17"]);

    await importDataset(t.context, first, { replace: true });
    const second = await exportDataset(t.context, `cx-${suffix}`);
    expect(second).toEqual(first);
  });

  it("rejects an impossible date, an unknown person and a duplicate number together, and writes nothing", async () => {
    const suffix = uniqueKey("bad");
    const dataset = smallDataset(suffix) as ReturnType<typeof smallDataset> & Record<string, never>;
    dataset.sessions![1]!.date = "2021-02-29";
    dataset.sessions![0]!.attendance![1]!.person = "nadie-conocido";
    dataset.resolutions![3]!.number = "CX/003/21";
    // Text PostgreSQL cannot store would fail half-way: refused up front, with its place.
    dataset.resolutions![2]!.title = "Acuerdo\u0000 con un carácter nulo";
    dataset.reportTemplate = {
      ...DEFAULT_REPORT_TEMPLATE,
      parts: {
        "1A": [
          {
            presentation: {
              kind: "activities",
              kinds: ["nota-inexistente"],
              hasRowNumbers: true,
              groupByFollowedBody: false,
              columns: [{ header: "Fecha", value: "date" }],
            },
          },
        ],
      },
    };
    const before = await snapshot(t.context.db);

    const error = (await importDataset(t.context, dataset).catch((e) => e)) as AppError;
    expect(error).toBeInstanceOf(AppError);
    expect(error.code).toBe("dataset_invalid");
    const lines = error.details.map(describeDetail);
    expect(lines).toContainEqual(
      expect.stringMatching(/^sessions\[1\]\.date: «2021-02-29» no es una fecha válida/),
    );
    expect(lines).toContainEqual(
      expect.stringMatching(/^sessions\[0\]\.attendance\[1\]\.person: «nadie-conocido» persona desconocida/),
    );
    expect(lines).toContainEqual(
      expect.stringMatching(/^resolutions\[3\]\.number: «CX\/003\/21» número de acuerdo repetido/),
    );
    expect(lines).toContainEqual(
      expect.stringMatching(/^resolutions\[2\]\.title: .*carácter nulo \(U\+0000\)/),
    );
    expect(lines).toContainEqual(
      expect.stringMatching(
        /^reportTemplate\.parts\.1A\[0\]\.presentation\.kinds\[0\]: «nota-inexistente» clase de actividad desconocida/,
      ),
    );
    expect(await snapshot(t.context.db)).toEqual(before);
  });

  it("checks historical numbers against the commission's pattern and the session's year", async () => {
    const dataset = smallDataset(uniqueKey("num"));
    dataset.resolutions![0]!.number = "CX-001-21";
    dataset.resolutions![1]!.number = "CX/002/20";
    const error = (await importDataset(t.context, dataset).catch((e) => e)) as AppError;
    const lines = error.details.map(describeDetail);
    expect(lines).toContainEqual(
      expect.stringContaining("resolutions[0].number: «CX-001-21» no sigue el patrón"),
    );
    expect(lines).toContainEqual(
      expect.stringContaining("resolutions[1].number: «CX/002/20» el año del número no coincide"),
    );
  });

  it("validates without writing on a dry run, and refuses to overwrite an existing commission", async () => {
    const dataset = smallDataset(uniqueKey("dry"));
    const before = await snapshot(t.context.db);
    const summary = await importDataset(t.context, dataset, { dryRun: true });
    expect(summary.dryRun).toBe(true);
    expect(await snapshot(t.context.db)).toEqual(before);
    await importDataset(t.context, dataset);
    await expect(importDataset(t.context, dataset)).rejects.toMatchObject({ code: "commission_exists" });
  });

  it("continues numbering after imported historical numbers", async () => {
    const suffix = uniqueKey("seq");
    await importDataset(t.context, smallDataset(suffix));
    const [counter] = await queryRows<{ last_seq: number }>(
      t.context.db,
      sql`select last_seq from numbering_counters n join commissions c on n.scope = 'resolution:' || c.id where c.key = ${`cx-${suffix}`} and n.year = 2021`,
    );
    expect(Number(counter?.last_seq)).toBe(4);
  });
});
