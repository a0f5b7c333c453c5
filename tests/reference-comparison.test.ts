/**
 * The generated report against the real one (demo/reference): the dates of every row of the reference's
 * date tables appear, in the same order, in a table of the generated DOCX — read from the file, not from the tree.
 * Weekdays are not compared: the reference has wrong ones, the generated report computes them.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import JSZip from "jszip";
import { beforeAll, expect, it } from "vitest";
import { importDatasetText } from "../src/domain/dataset/import-dataset.ts";
import { generateReport } from "../src/domain/reports/generate-report.ts";
import { SPANISH_MONTHS } from "../src/domain/shared/calendar.ts";
import { commissions } from "../src/platform/db/schema.ts";
import { describeEachEngine } from "./support/databases.ts";

const ROOT = join(import.meta.dirname, "..");
const DEMO = readFileSync(join(ROOT, "demo/cvoe-2021-q1.yaml"), "utf8");
const REFERENCE = readFileSync(join(ROOT, "demo/reference/primer-informe-trimestral-2021.txt"), "utf8");

const WEEKDAY = "(?:lunes|martes|miércoles|jueves|viernes|sábado|domingo)";

/** «Miércoles 06 y viernes 08 de enero de 2021» → ["2021-01-06", "2021-01-08"]; a missing «de» is tolerated. */
function datesIn(phrase: string): string[] {
  const pattern = new RegExp(
    `${WEEKDAY}\\s+(\\d{1,2})(?:\\s+(?:de\\s+)?(${SPANISH_MONTHS.join("|")}))?(?:\\s+de\\s+(\\d{4}))?`,
    "gi",
  );
  const found = [...phrase.matchAll(pattern)].map((m) => ({
    day: Number(m[1]),
    month: m[2]?.toLowerCase(),
    year: m[3],
  }));
  // Month and year written once apply to the days before them.
  for (let i = found.length - 2; i >= 0; i--) {
    const current = found[i] as (typeof found)[number];
    const next = found[i + 1] as (typeof found)[number];
    current.month ??= next.month;
    current.year ??= next.year;
  }
  return found.map(({ day, month, year }) => {
    const monthNumber = SPANISH_MONTHS.indexOf(month as (typeof SPANISH_MONTHS)[number]) + 1;
    return `${year}-${String(monthNumber).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
  });
}

/** The date cells of the rows of a reference table, between two anchors of the text. */
function referenceTable(from: string, to: string): string[][] {
  const start = REFERENCE.indexOf(from);
  const end = REFERENCE.indexOf(to, start);
  if (start < 0 || end < 0) throw new Error(`anchors not found: ${from} … ${to}`);
  return REFERENCE.slice(start, end)
    .split("\n")
    .map((line) => line.split("\t").find((cell) => new RegExp(`^${WEEKDAY}\\s`, "i").test(cell.trim())))
    .filter((cell): cell is string => cell !== undefined)
    .map(datesIn);
}

/** Every table of the DOCX as rows of cell texts. */
async function docxTables(bytes: Uint8Array): Promise<string[][][]> {
  const xml = await (await JSZip.loadAsync(bytes)).file("word/document.xml")?.async("string");
  const text = (fragment: string) =>
    [...fragment.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)]
      .map((m) => m[1])
      .join("")
      .replace(/&amp;/g, "&");
  return [...(xml ?? "").matchAll(/<w:tbl>([\s\S]*?)<\/w:tbl>/g)].map((table) =>
    [...(table[1] as string).matchAll(/<w:tr[ >]([\s\S]*?)<\/w:tr>/g)].map((row) =>
      [...(row[1] as string).matchAll(/<w:tc>([\s\S]*?)<\/w:tc>/g)].map((cell) => text(cell[1] as string)),
    ),
  );
}

describeEachEngine("the generated report against the reference", (t) => {
  let tables: string[][] = [];
  beforeAll(async () => {
    await importDatasetText(t.context, DEMO);
    const commission = await t.context.db.query.commissions.findFirst({ where: eq(commissions.key, "cvoe") });
    const { files } = await generateReport(t.context, {
      commissionId: commission?.id,
      period: "2021-Q1",
      formats: ["docx"],
    });
    // Each generated table as the dates of its rows (rows without a date cell are headers).
    tables = (await docxTables(files[0]?.bytes as Uint8Array)).map((rows) =>
      rows
        .map((cells) => cells.find((c) => new RegExp(`^${WEEKDAY}\\s`, "i").test(c)))
        .filter((cell): cell is string => cell !== undefined)
        .map((cell) => datesIn(cell).join(",")),
    );
  });

  const cases: [string, string, string][] = [
    [
      "executive notes on the INE Consejo General",
      "realizándose ocho notas ejecutivas",
      "Asimismo, se dio atención",
    ],
    ["Tabla 3.1, university talks", "Tabla 3.1 Pláticas en universidades", "B) La difusión"],
    [
      "Tabla 3.2, e-mails to the observation network",
      "Tabla 3.2 Información difundida",
      "C) La organización",
    ],
    [
      "workshops",
      "se realizaron las siguientes actividades en coordinación con el Instituto Nacional Electoral (INE)",
      "Asimismo, durante el periodo reportado",
    ],
    [
      "«Invita a un consejero a tu casa» events",
      "A continuación, se enlistan los eventos realizados",
      "6. Vinculación para relaciones",
    ],
    [
      "Tabla 2.2, instruments signed",
      "Tabla 2.2. Instrumentos jurídicos suscritos",
      "C) El seguimiento a las actividades",
    ],
  ];
  for (const [name, from, to] of cases) {
    it(`has every row of the reference's ${name}, in order`, () => {
      const expected = referenceTable(from, to).map((dates) => dates.join(","));
      expect(expected.length).toBeGreaterThan(1);
      expect(tables).toContainEqual(expected);
    });
  }

  it("has every row of the reference's e-mails to the Voto Chilango base, in date order (see demo/CORRECTIONS.md)", () => {
    // The reference lists row 3 (12 and 15 January) after row 2 (13 January); the records keep date order.
    const expected = referenceTable(
      "28 correos electrónicos con la siguiente información",
      "Asimismo, se realizaron las siguientes actividades",
    ).map((dates) => dates.join(","));
    expect(expected).toHaveLength(28);
    const inDateOrder = [...expected].sort((a, b) => a.localeCompare(b));
    expect(inDateOrder.indexOf(expected[2] as string)).toBe(1);
    expect(tables).toContainEqual(inDateOrder);
  });

  it("has the SIVOPLE reports of the reference without the day that does not exist (decision 003)", () => {
    const expected = referenceTable("Respecto a la atención y recepción", "2. Suscripción de convenios")
      .map((dates) => dates.join(","))
      .filter((date) => date !== "2021-02-29");
    expect(expected).toHaveLength(13);
    expect(tables).toContainEqual(expected);
  });
});
