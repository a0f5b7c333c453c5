import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { openTestApp, type TestApp } from "../../../tests/support/app.ts";
import { describeEachEngine } from "../../../tests/support/databases.ts";
import { importDatasetText } from "../../domain/dataset/import-dataset.ts";
import { inTransaction } from "../../domain/shared/context.ts";
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

  it("lists the reports of the commissions whose drafts the actor may read, by state", async () => {
    const { app } = testApp;
    const created = await app.inject({
      method: "POST",
      url: "/api/v1/reports",
      payload: { commissionId, period: "2021" },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ periodName: "año 2021", presentation: null, approval: null });
    const list = async (query: string, authorization?: string) =>
      app.inject({
        method: "GET",
        url: `/api/v1/reports${query}`,
        headers: authorization === undefined ? {} : { authorization },
      });
    const all = await list(`?commissionId=${commissionId}`);
    expect(all.statusCode).toBe(200);
    const items = all.json().items as { period: string; periodName: string; status: string }[];
    expect(items.map((r) => r.period)).toEqual(["2021-Q1", "2021"]);
    expect(items[0]).toMatchObject({ periodName: "primer trimestre de 2021", status: "draft" });
    expect((await list(`?commissionId=${commissionId}&status=approved`)).json().items).toEqual([]);
    expect((await list("?status=archived")).statusCode).toBe(400);

    // A secretariat of the commission sees them; a member of another commission sees none of them.
    const secretariat = await testApp.tokenFor([
      { commissionId, role: "technical_secretariat", areaId: null },
    ]);
    expect((await list("", `Bearer ${secretariat}`)).json().items).toHaveLength(2);
    const [demo] = await t.context.db.select().from(commissions).where(eq(commissions.id, commissionId));
    const { id: _id, ...copy } = demo as typeof commissions.$inferSelect;
    const [other] = await inTransaction(t.context, (tx) =>
      tx
        .insert(commissions)
        .values({ ...copy, key: "otra-comision", acronym: "OC" })
        .returning(),
    );
    const outsider = await testApp.tokenFor([
      { commissionId: other?.id as string, role: "commission_member", areaId: null },
    ]);
    expect((await list("", `Bearer ${outsider}`)).json().items).toEqual([]);
    // Party representatives and guests never see drafts: the list is refused.
    const representative = await testApp.tokenFor([
      { commissionId, role: "party_representative", areaId: null },
    ]);
    expect((await list("", `Bearer ${representative}`)).statusCode).toBe(403);
    const draft = await app.inject({
      method: "GET",
      url: `/api/v1/reports/${created.json().id}`,
      headers: { authorization: `Bearer ${representative}` },
    });
    expect(draft.statusCode).toBe(403);
  });

  it("serves a draft's HTML with its paragraphs, in line and frameable only by Vincula itself", async () => {
    const { app } = testApp;
    const [report] = (
      await app.inject({ method: "GET", url: `/api/v1/reports?commissionId=${commissionId}` })
    )
      .json()
      .items.filter((r: { period: string }) => r.period === "2021-Q1");
    const introduction = "Este trimestre la Comisión consolidó su agenda con las alcaldías.";
    const patched = await app.inject({
      method: "PATCH",
      url: `/api/v1/reports/${report.id}`,
      payload: { introduction: [introduction] },
    });
    expect(patched.statusCode).toBe(200);
    const html = await app.inject({ method: "GET", url: `/api/v1/reports/${report.id}/files/html` });
    expect(html.statusCode).toBe(200);
    expect(html.body).toContain(introduction);
    expect(html.headers["content-disposition"]).toBe('inline; filename="informe-2021-Q1.html"');
    const policy = html.headers["content-security-policy"] as string;
    expect(policy).toContain("frame-ancestors 'self'");
    expect(policy).not.toMatch(/script/);
    expect(html.headers["x-frame-options"]).toBe("SAMEORIGIN");
    const pdf = await app.inject({ method: "GET", url: `/api/v1/reports/${report.id}/files/pdf` });
    expect(pdf.headers["content-disposition"]).toBe('attachment; filename="informe-2021-Q1.pdf"');
    // Everything else keeps refusing to be framed.
    const json = await app.inject({ method: "GET", url: `/api/v1/reports/${report.id}` });
    expect(json.headers["x-frame-options"]).toBe("DENY");
    expect(json.headers["content-security-policy"]).toContain("frame-ancestors 'none'");
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
