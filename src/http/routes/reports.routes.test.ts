import { createHash } from "node:crypto";
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
    // Its content security policy allows its own stylesheet, by hash, and no script (docs/decisions/014).
    const stylesheet = /<style>([\s\S]*?)<\/style>/.exec(html.body)?.[1] as string;
    const hash = createHash("sha256").update(stylesheet).digest("base64");
    expect(html.headers["content-security-policy"]).toContain(`style-src-elem 'sha256-${hash}'`);
    expect(html.headers["content-security-policy"]).not.toMatch(/script/);
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

describeEachEngine("a commission's report template over HTTP", (t) => {
  let testApp: TestApp;
  let commissionId: string;
  const url = () => `/api/v1/commissions/${commissionId}/report-template`;
  const markdown = async () =>
    (
      await testApp.app.inject({
        method: "GET",
        url: `/api/v1/reports/preview?commissionId=${commissionId}&period=2021-Q1&format=md`,
      })
    ).body;
  beforeAll(async () => {
    await importDatasetText(t.context, DEMO);
    commissionId = (await t.context.db.query.commissions.findFirst({ where: eq(commissions.key, "cvoe") }))
      ?.id as string;
    testApp = await openTestApp(t.database);
  });
  afterAll(async () => testApp?.close());

  it("starts with the reference's wording, and a stored template changes the report's words and tables", async () => {
    const initial = await testApp.app.inject({ method: "GET", url: url() });
    expect(initial.statusCode).toBe(200);
    const { template, isCustom } = initial.json();
    expect(isCustom).toBe(false);
    expect(template.headings.results).toBe("Principales resultados");
    expect(await markdown()).toContain("# III. Principales resultados");

    template.headings.results = "Resultados del periodo de la {acronym}";
    template.introduction = ["Informe de la {commission} para el {period}, entre {periodRange}."];
    template.parts["2B"][0].presentation.caption = "Convenios firmados";
    const saved = await testApp.app.inject({ method: "PUT", url: url(), payload: template });
    expect(saved.statusCode).toBe(200);
    expect(saved.json().isCustom).toBe(true);

    const report = await markdown();
    expect(report).toContain("# III. Resultados del periodo de la CVOE");
    expect(report).toContain(
      "Informe de la Comisión Permanente de Vinculación con Organismos Externos para el primer trimestre de 2021, entre enero y marzo de 2021.",
    );
    expect(report).not.toContain("Este informe se presenta de conformidad");
    expect(report).toMatch(/\*\*Tabla 2\.2\.\*\* Convenios firmados/);

    const reset = await testApp.app.inject({ method: "DELETE", url: url() });
    expect(reset.json().isCustom).toBe(false);
    expect(await markdown()).toContain("# III. Principales resultados");
  });

  it("refuses an unknown placeholder or an activity kind that does not exist, and keeps the stored template", async () => {
    const { template } = (await testApp.app.inject({ method: "GET", url: url() })).json();
    template.headings.toc = "CONTENIDO";
    await testApp.app.inject({ method: "PUT", url: url(), payload: template });

    const typo = structuredClone(template);
    typo.introduction = ["Durante el {periodo} la Comisión sesionó."];
    const refused = await testApp.app.inject({ method: "PUT", url: url(), payload: typo });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().code).toBe("validation_failed");
    expect(refused.json().errors[0]).toMatchObject({ path: "introduction[0]" });
    expect(refused.json().errors[0].message).toContain("marcador desconocido {periodo}");

    const unknownKind = structuredClone(template);
    unknownKind.parts["1B"][0].presentation.kinds = ["nota_ejecutiva"];
    const inconsistent = await testApp.app.inject({ method: "PUT", url: url(), payload: unknownKind });
    expect(inconsistent.statusCode).toBe(422);
    expect(inconsistent.json()).toMatchObject({
      code: "inconsistent_reference",
      errors: [{ path: "parts.1B[0].presentation.kinds[0]", value: "nota_ejecutiva" }],
    });

    const stored = (await testApp.app.inject({ method: "GET", url: url() })).json();
    expect(stored.template.headings.toc).toBe("CONTENIDO");
    expect(stored.template.parts["1B"][0].presentation.kinds).toEqual(["executive_note"]);
    await testApp.app.inject({ method: "DELETE", url: url() });
  });

  it("puts a draft's opening text at the start of its part, and refuses a part the programme does not have", async () => {
    const created = await testApp.app.inject({
      method: "POST",
      url: "/api/v1/reports",
      payload: { commissionId, period: "2021-Q1" },
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    const opening = "Durante el trimestre se privilegió la firma electrónica de los instrumentos.";
    const updated = await testApp.app.inject({
      method: "PATCH",
      url: `/api/v1/reports/${id}`,
      payload: { partTexts: { "2B": [opening] } },
    });
    expect(updated.statusCode).toBe(200);
    expect(updated.json().partTexts).toEqual({ "2B": [opening] });
    const draft = (await testApp.app.inject({ method: "GET", url: `/api/v1/reports/${id}/files/md` })).body;
    // Inside part 2B (between its heading and 2C's), before the part's table.
    const line2 = draft.indexOf("# 2. ");
    const partB = draft.indexOf("### B) ", line2);
    expect(draft.indexOf(opening)).toBeGreaterThan(partB);
    expect(draft.indexOf(opening)).toBeLessThan(draft.indexOf("**Tabla 2.2.**"));
    expect(draft.indexOf("**Tabla 2.2.**")).toBeLessThan(draft.indexOf("### C) ", partB));

    const unknown = await testApp.app.inject({
      method: "PATCH",
      url: `/api/v1/reports/${id}`,
      payload: { partTexts: { "9Z": ["Texto"] } },
    });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().errors[0]).toMatchObject({ path: "partTexts.9Z", value: "9Z" });
    expect(
      (await testApp.app.inject({ method: "GET", url: `/api/v1/reports/${id}` })).json().partTexts,
    ).toEqual({
      "2B": [opening],
    });
  });
});
