import { eq } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { openTestApp, type TestApp } from "../../../tests/support/app.ts";
import { describeEachEngine } from "../../../tests/support/databases.ts";
import { buildCommission, uniqueKey } from "../../../tests/support/factories.ts";
import { contacts } from "../../platform/db/schema.ts";

describeEachEngine("campaigns and the unsubscribe link over HTTP", (t) => {
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
        name: "Voto <Chilango>",
        purpose: "Informar sobre el voto desde el extranjero",
        retentionMonths: 36,
        privacyNoticeVersion: "2021-01",
      },
    });
    listId = created.json().id;
    for (const email of ["uno@example.com", "dos@example.com"])
      await app.inject({
        method: "POST",
        url: `/api/v1/outreach-lists/${listId}/contacts`,
        payload: { email, consent: { givenOn: "2021-01-10", source: "formulario web" } },
      });
  });
  afterAll(async () => testApp?.close());

  it("creates a draft, refuses a bad one, starts it once and shows its progress; members may not", async () => {
    const bad = await app.inject({
      method: "POST",
      url: "/api/v1/campaigns",
      payload: { listId, subject: "x".repeat(201), bodyMarkdown: "Hola" },
    });
    expect(bad.statusCode).toBe(400);
    const created = await app.inject({
      method: "POST",
      url: "/api/v1/campaigns",
      payload: { listId, subject: "Aviso", bodyMarkdown: "Hola {nombre}", ratePerMinute: 120 },
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().id as string;
    const member = await testApp.tokenFor([{ commissionId, role: "commission_member", areaId: null }]);
    const refused = await app.inject({
      method: "POST",
      url: `/api/v1/campaigns/${id}/start`,
      headers: { authorization: `Bearer ${member}` },
    });
    expect(refused.statusCode).toBe(403);
    const started = await app.inject({ method: "POST", url: `/api/v1/campaigns/${id}/start` });
    expect(started.statusCode).toBe(200);
    expect(started.json()).toMatchObject({ status: "sending", deliveries: 2 });
    expect((await app.inject({ method: "POST", url: `/api/v1/campaigns/${id}/start` })).statusCode).toBe(409);
    const progress = await app.inject({ method: "GET", url: `/api/v1/campaigns/${id}/progress` });
    expect(progress.json().deliveries).toMatchObject({ pending: 2, sent: 0 });
    expect((await app.inject({ method: "GET", url: "/api/v1/campaigns/no-es-un-id" })).statusCode).toBe(404);
  });

  it("shows the confirmation page, unsubscribes by POST idempotently, and answers 404 to unknown tokens", async () => {
    const rows = await t.database.db.select().from(contacts).where(eq(contacts.listId, listId));
    const [first, second] = rows as [(typeof rows)[0], (typeof rows)[0]];
    const page = await app.inject({ method: "GET", url: `/u/${first.unsubscribeToken}` });
    expect(page.statusCode).toBe(200);
    expect(page.headers["content-type"]).toMatch(/text\/html/);
    expect(page.body).toContain("¿Darse de baja de la lista «Voto &lt;Chilango&gt;»?");
    expect(page.body).toContain('<form method="post">');
    for (let i = 0; i < 2; i++) {
      const posted = await app.inject({
        method: "POST",
        url: `/u/${first.unsubscribeToken}`,
        headers: { "content-type": "multipart/form-data; boundary=x" },
        payload:
          '--x\r\nContent-Disposition: form-data; name="List-Unsubscribe"\r\n\r\nOne-Click\r\n--x--\r\n',
      });
      expect(posted.statusCode).toBe(200);
    }
    const after = await t.database.db.select().from(contacts).where(eq(contacts.listId, listId));
    const status = new Map(after.map((row) => [row.id, row.status]));
    expect(status.get(first.id)).toBe("unsubscribed");
    expect(status.get(second.id)).toBe("subscribed");
    expect((await app.inject({ method: "GET", url: `/u/${first.unsubscribeToken}` })).body).toContain(
      "Ya no está suscrito",
    );
    const unknown = await app.inject({ method: "GET", url: "/u/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().detail).toMatch(/enlace de baja no es válido/);
    expect((await app.inject({ method: "GET", url: `/u/${"a".repeat(101)}` })).statusCode).toBe(400);
    expect((await app.inject({ method: "POST", url: "/u/%3Cscript%3E" })).statusCode).toBe(404);
  });
});
