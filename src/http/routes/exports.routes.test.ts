import ExcelJS from "exceljs";
import { afterAll, beforeAll, expect, it } from "vitest";
import { openTestApp, type TestApp } from "../../../tests/support/app.ts";
import { describeEachEngine } from "../../../tests/support/databases.ts";

describeEachEngine("a list exported as XLSX or CSV", (t) => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await openTestApp(t.database);
  });
  afterAll(async () => testApp?.close());

  const list = {
    title: "Convenios vigentes",
    columns: [{ header: "Convenio" }, { header: "Firma" }, { header: "Actividades" }],
    rows: [
      ['=HYPERLINK("x")', { date: "2021-01-21" }, 3],
      ["Universidad Autónoma, «campus sur»", null, 0],
    ],
  };

  it("writes the rows it is sent: CSV with BOM and formula guard, XLSX with date cells", async () => {
    const csv = await testApp.app.inject({
      method: "POST",
      url: "/api/v1/exports",
      payload: { ...list, format: "csv" },
    });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers["content-type"]).toContain("text/csv");
    expect(csv.headers["content-disposition"]).toMatch(
      /filename="convenios-vigentes-\d{4}-\d{2}-\d{2}\.csv"/,
    );
    expect(csv.body).toBe(
      '\uFEFFConvenio,Firma,Actividades\r\n"\'=HYPERLINK(""x"")",21/01/2021,3\r\n"Universidad Autónoma, «campus sur»",,0\r\n',
    );

    const xlsx = await testApp.app.inject({
      method: "POST",
      url: "/api/v1/exports",
      payload: { ...list, format: "xlsx" },
    });
    expect(xlsx.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    expect(sheet?.name).toBe("Convenios vigentes");
    expect(sheet?.getRow(1).values).toEqual([undefined, "Convenio", "Firma", "Actividades"]);
    expect(sheet?.getCell("A2").value).toBe('=HYPERLINK("x")'); // text, not a formula
    expect(sheet?.getCell("B2").value).toEqual(new Date(Date.UTC(2021, 0, 21)));
    expect(sheet?.getCell("C3").value).toBe(0);
  });

  it("refuses a row whose cells do not match the columns, naming the row", async () => {
    const response = await testApp.app.inject({
      method: "POST",
      url: "/api/v1/exports",
      payload: { ...list, format: "xlsx", rows: [["solo una celda"]] },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({
      code: "validation_failed",
      errors: [{ path: "rows[0]", message: "La fila 1 tiene 1 celdas y la lista 3 columnas." }],
    });
  });
});
