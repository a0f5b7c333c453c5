import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { renderCsv, renderXlsx, type Sheet } from "./spreadsheet.ts";

const sheet: Sheet = {
  name: "Tabla",
  columns: [{ header: "Nombre" }, { header: "Fecha" }, { header: "Año" }, { header: "Texto" }],
  rows: [
    ["Convenio, «con» comas", { date: "2021-03-08" }, 2021, 'Dice "hola"\ny salta'],
    ['=HYPERLINK("http://x")', null, 7, "+1"],
    ["-2", { date: "2021-12-31" }, 0, "@SUM(A1)"],
  ],
};

describe("CSV", () => {
  it("starts with a BOM, quotes by RFC 4180, writes dates dd/mm/aaaa and defuses formulas", () => {
    const bytes = renderCsv(sheet);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes.subarray(3));
    expect(text).toBe(
      [
        "Nombre,Fecha,Año,Texto",
        '"Convenio, «con» comas",08/03/2021,2021,"Dice ""hola""\ny salta"',
        `"'=HYPERLINK(""http://x"")",,7,'+1`,
        "'-2,31/12/2021,0,'@SUM(A1)",
        "",
      ].join("\r\n"),
    );
  });
});

describe("XLSX", () => {
  it("has the header row, text as text and dates as date cells of the right day", async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(
      (await renderXlsx({
        title: "T",
        creator: "Vincula",
        generatedAt: new Date(),
        sheets: [sheet],
      })) as never,
    );
    const worksheet = book.getWorksheet("Tabla") as ExcelJS.Worksheet;
    expect(worksheet.getRow(1).values).toEqual([undefined, "Nombre", "Fecha", "Año", "Texto"]);
    const cell = worksheet.getRow(2).getCell(2);
    expect((cell.value as Date).toISOString()).toBe("2021-03-08T00:00:00.000Z");
    expect(cell.numFmt).toBe("dd/mm/yyyy");
    // A formula-looking text stays a string cell, never a formula.
    expect(worksheet.getRow(3).getCell(1).value).toBe('=HYPERLINK("http://x")');
    expect(worksheet.getRow(3).getCell(2).value).toBe(null);
  });
});
