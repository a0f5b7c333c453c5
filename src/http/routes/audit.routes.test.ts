/**
 * The audit trail over HTTP: a change is logged with the account that made it, a record's history comes back in
 * order, and concurrent writers still leave one unbroken chain (on PostgreSQL they really run in parallel).
 */
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { openTestApp, type TestApp } from "../../../tests/support/app.ts";
import { describeEachEngine } from "../../../tests/support/databases.ts";
import { ensureInstitution, uniqueKey } from "../../../tests/support/factories.ts";
import type { AuditEntry } from "../../domain/audit/audit.schema.ts";

describeEachEngine("HTTP: the audit trail", (t) => {
  let app: FastifyInstance;
  let testApp: TestApp;

  beforeAll(async () => {
    await ensureInstitution(t.context);
    testApp = await openTestApp(t.database);
    app = testApp.app;
  });
  afterAll(async () => {
    await testApp?.close();
  });

  const history = async (query: string, headers: Record<string, string> = {}) => {
    const response = await app.inject({ method: "GET", url: `/api/v1/audit?${query}`, headers });
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as { items: AuditEntry[]; total: number };
  };

  it("logs a change made by a signed-in person with their username, the row before and after", async () => {
    const { cookie, csrf, username } = await testApp.signIn("administrator");
    const browser = { authorization: "", cookie, "x-csrf-token": csrf };
    const created = await app.inject({
      method: "POST",
      url: "/api/v1/people",
      headers: browser,
      payload: { key: uniqueKey("persona"), name: "Erika Estrada Ruiz" },
    });
    expect(created.statusCode, created.body).toBe(201);
    const personId = (created.json() as { id: string }).id;
    const changed = await app.inject({
      method: "PATCH",
      url: `/api/v1/people/${personId}`,
      headers: browser,
      payload: { honorific: "Mtra." },
    });
    expect(changed.statusCode, changed.body).toBe(200);

    const { items, total } = await history(`table=people&recordId=${personId}`);
    expect(total).toBe(2);
    expect(items.map((entry) => [entry.operation, entry.actor])).toEqual([
      ["insert", `account:${username}`],
      ["update", `account:${username}`],
    ]);
    expect(items[0]).toMatchObject({ before: null, after: { name: "Erika Estrada Ruiz", honorific: null } });
    expect(items[1]).toMatchObject({ before: { honorific: null }, after: { honorific: "Mtra." } });
    expect(items[1]?.prevHash).toBe(items[0]?.hash);
    // The actor filter takes the username alone too.
    const byActor = await history(`actor=${username}&table=people`);
    expect(byActor.items.map((entry) => entry.id)).toEqual(items.map((entry) => entry.id));
  });

  it("lists a record's history in order, newest first on request, between two instants", async () => {
    const created = await app.inject({
      method: "POST",
      url: "/api/v1/parties",
      payload: { key: uniqueKey("partido"), name: "Partido Acción Nacional" },
    });
    const partyId = (created.json() as { id: string }).id;
    for (const acronym of ["PAN", "PAN.", "P.A.N."])
      await app.inject({ method: "PATCH", url: `/api/v1/parties/${partyId}`, payload: { acronym } });
    await app.inject({ method: "DELETE", url: `/api/v1/parties/${partyId}` });

    const { items } = await history(`table=parties&recordId=${partyId}`);
    expect(items.map((entry) => entry.operation)).toEqual(["insert", "update", "update", "update", "delete"]);
    expect(items.map((entry) => (entry.after as { acronym?: string } | null)?.acronym ?? null)).toEqual([
      null,
      "PAN",
      "PAN.",
      "P.A.N.",
      null,
    ]);
    const ids = items.map((entry) => entry.id);
    expect([...ids].sort((a, b) => a - b)).toEqual(ids);
    const newestFirst = await history(`table=parties&recordId=${partyId}&order=desc&limit=2`);
    expect(newestFirst.items.map((entry) => entry.operation)).toEqual(["delete", "update"]);
    expect(newestFirst.total).toBe(5);

    // Instants come back to the millisecond; the database keeps microseconds.
    const first = items[0]?.at as string;
    const justAfter = new Date(Date.parse(first) + 1).toISOString();
    const during = await history(
      `table=parties&recordId=${partyId}&from=${encodeURIComponent(first)}&to=${encodeURIComponent(justAfter)}`,
    );
    expect(during.items.map((entry) => entry.id)).toContain(items[0]?.id);
    const later = await history(`table=parties&recordId=${partyId}&from=2999-01-01`);
    expect(later.total).toBe(0);
    const bad = await app.inject({ method: "GET", url: "/api/v1/audit?from=ayer" });
    expect(bad.statusCode).toBe(400);
  });

  it("keeps one unbroken chain when twenty creates arrive at once", async () => {
    const keys = Array.from({ length: 20 }, () => uniqueKey("organismo"));
    const responses = await Promise.all(
      keys.map((key) =>
        app.inject({
          method: "POST",
          url: "/api/v1/organisations",
          payload: { key, name: `Organismo ${key}`, kind: "other" },
        }),
      ),
    );
    expect(responses.map((response) => response.statusCode)).toEqual(keys.map(() => 201));
    const { items } = await history("table=organisations&limit=500");
    const logged = items.filter((entry) =>
      keys.includes((entry.after as { key?: string } | null)?.key ?? ""),
    );
    expect(logged).toHaveLength(20);

    const verified = await app.inject({ method: "GET", url: "/api/v1/audit/verify" });
    expect(verified.statusCode).toBe(200);
    const result = verified.json() as { ok: boolean; entries: number; headHash: string };
    expect(result).toMatchObject({ ok: true, problem: null });
    expect(result.headHash).toMatch(/^[0-9a-f]{64}$/);
    const all = await history("order=desc&limit=1");
    expect(all.items[0]?.id).toBe(result.entries);
    expect(all.items[0]?.hash).toBe(result.headHash);
  });

  it("shows the trail only to those who may read it", async () => {
    const commission = await app.inject({
      method: "POST",
      url: "/api/v1/commissions",
      payload: {
        key: uniqueKey("cvoe"),
        name: "Comisión Permanente de Vinculación con Organismos Externos",
        acronym: "CVOE",
        kind: "permanent",
        resolutionNumberPattern: "{acronym}/{seq:3}/{yy}",
      },
    });
    const commissionId = (commission.json() as { id: string }).id;
    const secretariat = await testApp.tokenFor([
      { commissionId, role: "technical_secretariat", areaId: null },
    ]);
    const guest = await testApp.tokenFor([{ commissionId, role: "guest", areaId: null }]);
    for (const [token, status] of [
      [secretariat, 200],
      [guest, 403],
    ] as const) {
      for (const url of ["/api/v1/audit", "/api/v1/audit/verify"]) {
        const response = await app.inject({
          method: "GET",
          url,
          headers: { authorization: `Bearer ${token}` },
        });
        expect(response.statusCode, url).toBe(status);
      }
    }
    const anonymous = await app.inject({
      method: "GET",
      url: "/api/v1/audit",
      headers: { authorization: "" },
    });
    expect(anonymous.statusCode).toBe(401);
  });
});
