import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../support/cli.ts";

const DEMO = join(import.meta.dirname, "../../demo/cvoe-2021-q1.yaml");

// The use case runs on both engines in src/domain/transparency; this checks the command's wiring once.
describe("vincula transparency-export [pglite]", () => {
  const dir = mkdtempSync(join(tmpdir(), "vincula-transparency-"));
  const env = { VINCULA_DATA_DIR: dir };
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("writes the year's agreements as XLSX and CSV, and refuses a bad period with exit code 3", {
    timeout: 120_000,
  }, async () => {
    expect((await runCli(["import", DEMO], env)).code).toBe(0);
    const xlsx = join(dir, "convenios.xlsx");
    const written = await runCli(
      ["transparency-export", "--commission", "cvoe", "--period", "2021", "--out", xlsx],
      env,
    );
    expect(written.code, written.stderr).toBe(0);
    expect(written.stderr).toContain("7 convenios escritos");
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(readFileSync(xlsx) as never);
    expect(book.worksheets[0]?.getRow(1).getCell(1).value).toBe("Ejercicio");
    expect(book.worksheets[0]?.rowCount).toBe(8);

    const csv = await runCli(
      [
        "transparency-export",
        "--commission",
        "cvoe",
        "--from",
        "2021-03-01",
        "--to",
        "2021-03-31",
        "--format",
        "csv",
      ],
      env,
    );
    expect(csv.code, csv.stderr).toBe(0);
    expect(csv.stdout.startsWith("\uFEFFEjercicio,")).toBe(true);
    expect(csv.stdout.split("\r\n").filter(Boolean)).toHaveLength(1 + 5);

    const refused = await runCli(["transparency-export", "--commission", "cvoe", "--period", "2021-T1"], env);
    expect(refused.code).toBe(3);
    expect(refused.stderr).toContain("periodo inválido");
  });
});
