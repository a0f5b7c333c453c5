import { readFileSync } from "node:fs";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { openTestApp, type TestApp } from "../../../tests/support/app.ts";
import { describeEachEngine } from "../../../tests/support/databases.ts";
import { importDatasetText } from "../../domain/dataset/import-dataset.ts";
import { commissions } from "../../platform/db/schema.ts";

const DEMO = readFileSync(join(import.meta.dirname, "../../../demo/cvoe-2021-q1.yaml"), "utf8");

describeEachEngine("report preview over HTTP", (t) => {
  let testApp: TestApp;
  let commissionId: string;
  beforeAll(async () => {
    await importDatasetText(t.context, DEMO);
    commissionId = (await t.context.db.query.commissions.findFirst({ where: eq(commissions.key, "cvoe") }))
      ?.id as string;
    testApp = await openTestApp(t.database);
  });
  afterAll(async () => testApp?.close());

  it("previews the quarter as HTML and downloads it as PDF and DOCX", async () => {
    const { app } = testApp;
    const html = await app.inject({
      method: "GET",
      url: `/api/v1/reports/preview?commissionId=${commissionId}&period=2021-Q1`,
    });
    expect(html.statusCode).toBe(200);
    expect(html.headers["content-type"]).toContain("text/html");
    expect(html.body).toContain("Celebrada el jueves 25 de marzo de 2021");
    const pdf = await app.inject({
      method: "GET",
      url: `/api/v1/reports/preview?commissionId=${commissionId}&period=2021-Q1&format=pdf`,
    });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe("%PDF-");
    const docx = await app.inject({
      method: "GET",
      url: `/api/v1/reports/preview?commissionId=${commissionId}&period=2021-Q1&format=docx`,
    });
    expect(docx.rawPayload.subarray(0, 2).toString()).toBe("PK");
    expect(docx.headers["content-disposition"]).toContain("informe-2021-Q1.docx");
  });

  it("refuses a malformed period with a Spanish message", async () => {
    const response = await testApp.app.inject({
      method: "GET",
      url: `/api/v1/reports/preview?commissionId=${commissionId}&period=2021-T1`,
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors[0].message).toContain("periodo inválido");
  });

  it("lists the period's findings, none blocking for the demo quarter", async () => {
    const response = await testApp.app.inject({
      method: "GET",
      url: `/api/v1/reports/checks?commissionId=${commissionId}&period=2021-Q1`,
    });
    expect(response.statusCode).toBe(200);
    const items = response.json().items as { code: string; isBlocking: boolean }[];
    expect(items.some((f) => f.isBlocking)).toBe(false);
    expect(items.map((f) => f.code)).toContain("agreement_signed_without_opinion");
  });

  it("runs the report's workflow through the API", async () => {
    const { app } = testApp;
    const created = await app.inject({
      method: "POST",
      url: "/api/v1/reports",
      payload: { commissionId, period: "2021-Q1" },
    });
    expect(created.statusCode).toBe(201);
    const report = created.json();
    const early = await app.inject({
      method: "POST",
      url: `/api/v1/reports/${report.id}/approval`,
      payload: { resolutionId: report.id },
    });
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({ code: "report_not_presented" });
    const draftFile = await app.inject({ method: "GET", url: `/api/v1/reports/${report.id}/files/md` });
    expect(draftFile.statusCode).toBe(200);
    expect(draftFile.headers["x-vincula-frozen"]).toBe("false");
    expect(draftFile.body).toContain("PROYECTO");
    const bad = await app.inject({
      method: "PATCH",
      url: `/api/v1/reports/${report.id}`,
      payload: { introduction: "no es una lista" },
    });
    expect(bad.statusCode).toBe(400);
  });
});
