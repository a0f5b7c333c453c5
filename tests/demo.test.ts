/**
 * The acceptance criteria on the demo quarter, through the HTTP API as a client would see them, on both
 * engines: the reference report's sessions, resolutions, agreements, opinions and activities are all there.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { importDatasetText } from "../src/domain/dataset/import-dataset.ts";
import { queryRows } from "../src/platform/db/open.ts";
import { openTestApp, type TestApp } from "./support/app.ts";
import { describeEachEngine } from "./support/databases.ts";

const DEMO = readFileSync(join(import.meta.dirname, "../demo/cvoe-2021-q1.yaml"), "utf8");

type Page<T> = { items: T[]; total: number };

describeEachEngine("the demo quarter through the API", (t) => {
  let app: FastifyInstance;
  let commissionId: string;
  let testApp: TestApp;
  const get = async <T>(url: string): Promise<T> => {
    const response = await app.inject({ method: "GET", url });
    expect(response.statusCode, `${url}: ${response.body}`).toBe(200);
    return response.json() as T;
  };

  beforeAll(async () => {
    await importDatasetText(t.context, DEMO);
    testApp = await openTestApp(t.database);
    app = testApp.app;
    const commissions = await get<Page<{ id: string; key: string }>>("/api/v1/commissions");
    commissionId = commissions.items.find((c) => c.key === "cvoe")?.id as string;
  });
  afterAll(async () => {
    await testApp?.close();
  });

  it("has the three ordinary sessions and the ten resolutions split 4/2/4", async () => {
    const sessions = await get<Page<{ id: string; date: string; number: number; kind: string }>>(
      `/api/v1/sessions?commissionId=${commissionId}&year=2021&sort=date`,
    );
    expect(sessions.items.map((s) => [s.kind, s.number, s.date])).toEqual([
      ["ordinary", 1, "2021-01-21"],
      ["ordinary", 2, "2021-02-25"],
      ["ordinary", 3, "2021-03-25"],
    ]);
    const resolutions = await get<Page<{ number: string; sessionId: string }>>(
      `/api/v1/resolutions?commissionId=${commissionId}&year=2021&sort=seq&limit=100`,
    );
    expect(resolutions.items.map((r) => r.number)).toEqual(
      Array.from({ length: 10 }, (_, i) => `CVOE/${String(i + 1).padStart(3, "0")}/21`),
    );
    const perSession = sessions.items.map(
      (s) => resolutions.items.filter((r) => r.sessionId === s.id).length,
    );
    expect(perSession).toEqual([4, 2, 4]);
  });

  it("records every attendance cell of the three sessions", async () => {
    const sessions = await get<Page<{ id: string }>>(
      `/api/v1/sessions?commissionId=${commissionId}&sort=date`,
    );
    const third = await get<{ entries: { isPresent: boolean; category: string; partyId: string | null }[] }>(
      `/api/v1/sessions/${sessions.items[2]?.id}/attendance`,
    );
    const rows = third.entries;
    expect(rows.length).toBe(30);
    // Third session of the reference's table: 11 parties, of which PRI, PVEM, MORENA and PES attended.
    const parties = rows.filter((r) => r.category === "party_representative");
    expect(parties.length).toBe(11);
    expect(parties.filter((r) => r.isPresent).length).toBe(4);
    expect(rows.filter((r) => r.category === "member").every((r) => r.isPresent)).toBe(true);
  });

  it("counts 7 instruments signed in the quarter (2 direct, 5 accompanied), 22 with progress, and 12 opinions", async () => {
    const counts = await get<{
      period: { signed: { total: number; direct: number; accompanied: number }; withProgress: number };
    }>(`/api/v1/agreement-counts?commissionId=${commissionId}&from=2021-01-01&to=2021-03-31`);
    expect(counts.period.signed).toEqual({ total: 7, direct: 2, accompanied: 5 });
    expect(counts.period.withProgress).toBe(22);
    const signed = await get<Page<{ management: string; signedOn: string }>>(
      `/api/v1/agreements?commissionId=${commissionId}&signedFrom=2021-01-01&signedTo=2021-03-31&management=direct`,
    );
    expect(signed.items.map((a) => a.signedOn).sort()).toEqual(["2021-03-08", "2021-03-24"]);
    // In force on the last day of the quarter: the 7 signed in it, the 22 older ones reported on, and the two
    // general agreements the data also records (INE–IECM for the 2020–2021 process; Contraloría, parent of one).
    const inForce = await get<Page<{ key: string }>>(
      `/api/v1/agreements?commissionId=${commissionId}&inForceOn=2021-03-31&limit=1`,
    );
    expect(inForce.total).toBe(31);
    const opinions = await get<Page<{ number: string }>>(
      `/api/v1/pertinence-opinions?commissionId=${commissionId}&year=2021&limit=100`,
    );
    expect(opinions.total).toBe(12);
    expect(opinions.items.map((o) => o.number)).toContain("IECM/UTVOE/OP/12/2021");
  });

  it("holds the activities of section III with their counts", async () => {
    const kinds = await get<Page<{ id: string; key: string }>>(
      "/api/v1/catalog-entries?catalog=activity_kind&limit=100",
    );
    const kind = (key: string) => kinds.items.find((k) => k.key === key)?.id as string;
    const programmes = await get<
      Page<{ lines: { number: number; actions: { id: string; letter: string }[] }[] }>
    >(`/api/v1/work-programmes?commissionId=${commissionId}&year=2021`);
    const action = (line: number, letter: string) =>
      programmes.items[0]?.lines.find((l) => l.number === line)?.actions.find((a) => a.letter === letter)
        ?.id as string;
    const count = async (query: string) =>
      (
        await get<Page<unknown>>(
          `/api/v1/activities?commissionId=${commissionId}&from=2021-01-01&to=2021-03-31&limit=1&${query}`,
        )
      ).total;

    expect(await count(`kindId=${kind("university_talk")}`)).toBe(8);
    expect(await count(`kindId=${kind("email_to_list")}&actionId=${action(3, "B")}`)).toBe(21);
    expect(await count(`kindId=${kind("email_to_list")}&actionId=${action(5, "A")}`)).toBe(28);
    expect(await count(`kindId=${kind("executive_note")}&actionId=${action(1, "B")}`)).toBe(8);
    expect(await count(`kindId=${kind("sivople_report")}`)).toBe(13);
  });

  it("derives the 49 e-mails of tables 3.2 and 5 A from the campaigns of its two lists, which hold no contacts", async () => {
    const rows = await queryRows<{ list: string; campaigns: number; derived: number; contacts: number }>(
      t.context.db,
      sql`select l.name as list, count(c.id)::int as campaigns,
            count(a.id) filter (where k.key = 'email_to_list' and a.audience = l.name)::int as derived,
            (select count(*)::int from contacts where list_id = l.id) as contacts
          from outreach_lists l join campaigns c on c.list_id = l.id
          left join activities a on a.id = c.activity_id left join catalog_entries k on k.id = a.kind_id
          group by l.id, l.name order by l.name`,
    );
    expect(rows.map((r) => [r.list, r.campaigns, r.derived, r.contacts])).toEqual([
      ["Red de Observación IECM", 21, 21, 0],
      ["Voto Chilango", 28, 28, 0],
    ]);
  });

  it("finds records accent-insensitively and answers errors as problem+json in Spanish", async () => {
    const hits = await get<{ items: { type: string; title: string }[] }>(
      "/api/v1/search?q=vinculacion%20ciudadania%20extranjero",
    );
    expect(hits.items.length).toBeGreaterThan(0);
    const bad = await app.inject({ method: "GET", url: "/api/v1/sessions?from=2021-02-29" });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers["content-type"]).toContain("application/problem+json");
    expect(bad.json()).toMatchObject({ code: "validation_failed" });
  });

  it("publishes OpenAPI 3 and the interactive docs", async () => {
    const spec = await get<{ openapi: string; paths: Record<string, unknown> }>("/api/v1/openapi.json");
    expect(spec.openapi).toMatch(/^3\./);
    for (const path of [
      "/api/v1/sessions",
      "/api/v1/resolutions",
      "/api/v1/agreements",
      "/api/v1/activities",
      "/api/v1/search",
      "/api/v1/imports",
    ]) {
      expect(Object.keys(spec.paths)).toContain(path);
    }
    const docs = await app.inject({ method: "GET", url: "/api/docs/" });
    expect(docs.statusCode).toBe(200);
  });
});
