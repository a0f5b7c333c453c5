import ExcelJS from "exceljs";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { openTestApp, type TestApp } from "../../../tests/support/app.ts";
import { describeEachEngine } from "../../../tests/support/databases.ts";
import { buildCatalogEntry, buildCommission, uniqueKey } from "../../../tests/support/factories.ts";

async function workbook(rows: string[][]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet("Actividades");
  sheet.addRow(["Fechas", "Tipo", "Título"]);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await book.xlsx.writeBuffer());
}

describeEachEngine("activity import over HTTP", (t) => {
  let app: FastifyInstance;
  let testApp: TestApp;
  let commissionId: string;
  const kind = `Plática ${uniqueKey("k")}`;
  beforeAll(async () => {
    testApp = await openTestApp(t.database, { maxUploadBytes: 256 * 1024 });
    app = testApp.app;
    commissionId = (await buildCommission(t.context)).id;
    await buildCatalogEntry(t.context, "activity_kind", { name: kind });
  });
  afterAll(async () => {
    await testApp?.close();
  });

  const send = (body: Buffer, commit: boolean, headers: Record<string, string> = {}) =>
    app.inject({
      method: "POST",
      url: `/api/v1/activities/import?commissionId=${commissionId}&commit=${commit}`,
      headers: { "content-type": "application/octet-stream", ...headers },
      payload: body,
    });
  const count = async () =>
    (
      await app.inject({ method: "GET", url: `/api/v1/activities?commissionId=${commissionId}&limit=1` })
    ).json().total as number;

  it("checks a workbook (200), refuses to save one with errors (422, nothing saved) and saves a clean one (201)", async () => {
    const bad = await workbook([
      ["2021-01-20", kind, "Plática en la universidad"],
      ["2021-13-01", kind, "Mes imposible"],
    ]);
    const checked = await send(bad, false);
    expect(checked.statusCode).toBe(200);
    expect(checked.json()).toMatchObject({ committed: false, total: 2, valid: 1, invalid: 1 });

    const refused = await send(bad, true);
    expect(refused.statusCode).toBe(422);
    expect(refused.headers["content-type"]).toContain("application/problem+json");
    expect(refused.json()).toMatchObject({
      code: "dataset_invalid",
      detail: "Una fila tiene errores: no se importó ninguna actividad.",
      errors: [
        { path: "filas[3].Fechas", message: expect.stringContaining("«2021-13-01» no es una fecha válida") },
      ],
    });
    expect(await count()).toBe(0);

    const saved = await send(await workbook([["2021-01-20", kind, "Plática en la universidad"]]), true);
    expect(saved.statusCode).toBe(201);
    expect(saved.json()).toMatchObject({ committed: true, valid: 1 });
    expect(await count()).toBe(1);
  });

  it("takes only the file's bytes, from those who may import (not a commission member), and serves the template", async () => {
    const json = await app.inject({
      method: "POST",
      url: `/api/v1/activities/import?commissionId=${commissionId}`,
      payload: { rows: [] },
    });
    expect(json.statusCode).toBe(422);
    expect(json.json().code).toBe("dataset_invalid");
    const text = await send(Buffer.from("Fechas,Tipo\n"), false, { "content-type": "text/csv" });
    expect(text.statusCode).toBe(415);

    const member = await testApp.tokenFor([{ commissionId, role: "commission_member", areaId: null }]);
    const forbidden = await send(await workbook([["2021-01-20", kind, "x"]]), false, {
      authorization: `Bearer ${member}`,
    });
    expect(forbidden.statusCode).toBe(403);

    const template = await app.inject({ method: "GET", url: "/api/v1/activities/import-template" });
    expect(template.statusCode).toBe(200);
    expect(template.headers["content-disposition"]).toContain("plantilla-actividades.xlsx");
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(template.rawPayload as unknown as ArrayBuffer);
    expect(book.worksheets.map((sheet) => sheet.name)).toEqual(["Actividades", "Instrucciones"]);
  });
});
