import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { openTestApp, type TestApp } from "../../../tests/support/app.ts";
import { describeEachEngine } from "../../../tests/support/databases.ts";
import { buildCommission, uniqueKey } from "../../../tests/support/factories.ts";

const FILE = [
  "correo;nombre;fuente del consentimiento;fecha de consentimiento;país",
  "ana@example.com;Ana;formulario web;2021-01-10;MX",
  "ANA@example.com ;Ana bis;formulario web;2021-01-10;MX",
  "malo@;Malo;formulario web;2021-01-10;MX",
  "sin@example.com;Sin fuente;;2021-01-10;MX",
].join("\n");

describeEachEngine("outreach over HTTP", (t) => {
  let app: FastifyInstance;
  let testApp: TestApp;
  let commissionId: string;
  let listId: string;
  beforeAll(async () => {
    testApp = await openTestApp(t.database);
    app = testApp.app;
    commissionId = (await buildCommission(t.context)).id;
    const created = await app.inject({
      method: "POST",
      url: "/api/v1/outreach-lists",
      payload: {
        commissionId,
        key: uniqueKey("voto"),
        name: "Voto Chilango",
        purpose: "Informar sobre el voto desde el extranjero",
        retentionMonths: 36,
        privacyNoticeVersion: "2021-01",
      },
    });
    expect(created.statusCode).toBe(201);
    listId = created.json().id;
  });
  afterAll(async () => testApp?.close());

  const importFile = (commit: boolean, headers: Record<string, string> = {}) =>
    app.inject({
      method: "POST",
      url: `/api/v1/outreach-lists/${listId}/contacts/import?commit=${commit}`,
      headers: { "content-type": "text/csv", ...headers },
      payload: FILE,
    });

  it("previews, then imports the valid rows of a CSV and reports the rejected ones", async () => {
    const preview = await importFile(false);
    expect(preview.statusCode).toBe(200);
    expect(preview.json()).toMatchObject({ committed: false, valid: 1, rejected: 3 });
    expect(preview.json().rejections.map((r: { row: number }) => r.row)).toEqual([3, 4, 5]);
    const committed = await importFile(true);
    expect(committed.statusCode).toBe(201);
    expect(committed.json()).toMatchObject({ committed: true, imported: 1 });
    const page = await app.inject({
      method: "GET",
      url: `/api/v1/outreach-lists/${listId}/contacts?status=subscribed`,
    });
    expect(page.statusCode).toBe(200);
    expect(page.json()).toMatchObject({ total: 1, items: [{ email: "ana@example.com", country: "MX" }] });
    const person = await app.inject({ method: "GET", url: "/api/v1/personal-data?email=ANA@example.com" });
    expect(person.statusCode).toBe(200);
    expect(person.json().contacts).toHaveLength(1);
    expect(person.json().contacts[0].consents[0]).toMatchObject({
      source: "formulario web",
      givenOn: "2021-01-10",
    });
  });

  it("keeps personal data from roles without contacts.read, and refuses bad input with 400", async () => {
    const token = await testApp.tokenFor([{ commissionId, role: "commission_member", areaId: null }]);
    const refused = await app.inject({
      method: "GET",
      url: `/api/v1/outreach-lists/${listId}/contacts`,
      headers: { authorization: `Bearer ${token}` },
    });
    expect(refused.statusCode).toBe(403);
    const badFilter = await app.inject({
      method: "GET",
      url: `/api/v1/outreach-lists/${listId}/contacts?limit=100000`,
    });
    expect(badFilter.statusCode).toBe(400);
    const request = await app.inject({
      method: "POST",
      url: "/api/v1/data-protection-requests",
      payload: {
        commissionId,
        kind: "cancellation",
        requesterEmail: "no es correo",
        receivedOn: "2021-03-12",
      },
    });
    expect(request.statusCode).toBe(400);
    const good = await app.inject({
      method: "POST",
      url: "/api/v1/data-protection-requests",
      payload: {
        commissionId,
        kind: "cancellation",
        requesterEmail: "ana@example.com",
        receivedOn: "2021-03-12",
      },
    });
    expect(good.statusCode).toBe(201);
    expect(good.json()).toMatchObject({ deadlineOn: "2021-04-12", status: "received" });
  });
});
