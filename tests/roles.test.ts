/**
 * Who may do what, through HTTP.
 *
 * 1. Every route of the app (read from `app.routeTable`, so a new route is covered the day it is added) is called by
 *    every role; a role is refused exactly the routes whose permission it lacks. The expected permissions of each
 *    role are written out here, independently of src/domain/shared/permissions.ts: changing what a role may do
 *    means changing this test too.
 * 2. Scenarios of the issue: a party representative never sees a draft report, but sees it once approved; an area
 *    liaison reports on its own area's agreements and activities, never on another area's.
 */

import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { and, eq, ne } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importDatasetText } from "../src/domain/dataset/import-dataset.ts";
import type { Grant } from "../src/domain/shared/permissions.ts";
import {
  activities,
  agreementAreas,
  agreements,
  areas,
  commissions,
  programmedActionAreas,
  sessions,
} from "../src/platform/db/schema.ts";
import { openTestApp, type TestApp } from "./support/app.ts";
import { describeEachEngine } from "./support/databases.ts";
import { writeDirectly } from "./support/factories.ts";

const DEMO = readFileSync(join(import.meta.dirname, "../demo/cvoe-2021-q1.yaml"), "utf8");

const SIGNED_IN = ["public.read", "catalogs.read", "sessions.read", "reports.readApproved"];
/** What each role may do in its commission (docs/decisions/010, README «Accounts, roles and sign-in»). */
const EXPECTED: Record<string, string[]> = {
  technical_secretariat: [
    ...SIGNED_IN,
    "records.read",
    "records.write",
    "area.write",
    "reports.read",
    "reports.write",
    "data.import",
    "audit.read",
    "contacts.read",
    "contacts.write",
  ],
  area_liaison: [...SIGNED_IN, "records.read", "area.write"],
  commission_member: [...SIGNED_IN, "records.read", "reports.read", "reports.approve"],
  party_representative: SIGNED_IN,
  guest: SIGNED_IN,
  public: ["public.read"],
};

/** Routes that answer 401/403 by themselves although anyone may reach them: who is signed in, own password. */
const SELF_SERVICE = new Set(["GET /api/v1/auth/me", "POST /api/v1/auth/password"]);

describeEachEngine("roles and routes", (t) => {
  let testApp: TestApp;
  let commissionId: string;
  const headers: Record<string, Record<string, string>> = {};

  beforeAll(async () => {
    await importDatasetText(t.context, DEMO);
    commissionId = (await t.context.db.query.commissions.findFirst({ where: eq(commissions.key, "cvoe") }))
      ?.id as string;
    const area = await t.context.db.query.areas.findFirst({ where: eq(areas.key, "deoeyg") });
    testApp = await openTestApp(t.database);
    for (const role of Object.keys(EXPECTED)) {
      if (role === "public") headers[role] = { authorization: "" };
      else {
        const grant = {
          commissionId,
          role,
          areaId: role === "area_liaison" ? (area?.id ?? null) : null,
        } as Grant;
        headers[role] = { authorization: `Bearer ${await testApp.tokenFor([grant])}` };
      }
    }
  }, 60_000);
  afterAll(async () => testApp?.close());

  it("declares a permission on every route, and refuses each role exactly the routes it may not use", async () => {
    const routes = testApp.app.routeTable.filter((route) => !route.url.startsWith("/api/docs"));
    expect(routes.length).toBeGreaterThan(60);
    const unexpected: string[] = [];
    for (const route of routes) {
      const url = route.url
        .replace(":format", "pdf")
        .replace(":key", "cvoe")
        .replace(/:[A-Za-z]+/g, () => randomUUID());
      for (const [role, permissions] of Object.entries(EXPECTED)) {
        const response = await testApp.app.inject({
          method: route.method as "GET",
          url,
          headers: headers[role],
          ...(route.method === "GET" || route.method === "DELETE" ? {} : { payload: {} }),
        });
        const name = `${route.method} ${route.url}`;
        const isAllowed = permissions.includes(route.permission);
        const refused = response.statusCode === 401 || response.statusCode === 403;
        if (isAllowed && refused && !SELF_SERVICE.has(name))
          unexpected.push(`${role} refused ${name} (${route.permission}): ${response.statusCode}`);
        if (!isAllowed) {
          const expectedStatus = role === "public" ? 401 : 403;
          if (
            response.statusCode !== expectedStatus ||
            !["unauthenticated", "forbidden"].includes(response.json().code)
          )
            unexpected.push(`${role} reached ${name} (${route.permission}): ${response.statusCode}`);
        }
      }
    }
    expect(unexpected).toEqual([]);
  }, 240_000);

  it("never lets a route without a declared permission start", async () => {
    const { buildApp } = await import("../src/http/app.ts");
    const app = await buildApp({
      database: t.database,
      files: { put: async () => "", get: async () => new Uint8Array(), has: async () => false } as never,
      config: { logLevel: "silent", maxUploadBytes: 1000 },
      logger: false,
    });
    expect(() => app.get("/undeclared", async () => "x")).toThrow(/no declara su permiso/);
    await app.close();
  });
});

describeEachEngine("a party representative and an area liaison, through HTTP", (t) => {
  let testApp: TestApp;
  let commissionId: string;
  let secretariat: Record<string, string>;
  let member: Record<string, string>;
  let representative: Record<string, string>;
  let liaison: Record<string, string>;
  let liaisonAreaId: string;

  beforeAll(async () => {
    await importDatasetText(t.context, DEMO);
    commissionId = (await t.context.db.query.commissions.findFirst({ where: eq(commissions.key, "cvoe") }))
      ?.id as string;
    liaisonAreaId = (await t.context.db.query.areas.findFirst({ where: eq(areas.key, "deoeyg") }))
      ?.id as string;
    testApp = await openTestApp(t.database);
    const as = async (role: Grant["role"], areaId: string | null = null) => ({
      authorization: `Bearer ${await testApp.tokenFor([{ commissionId, role, areaId }])}`,
    });
    secretariat = await as("technical_secretariat");
    member = await as("commission_member");
    representative = await as("party_representative");
    liaison = await as("area_liaison", liaisonAreaId);
  }, 60_000);
  afterAll(async () => testApp?.close());

  const call = (headers: Record<string, string>, method: string, url: string, payload?: unknown) =>
    testApp.app.inject({
      method: method as "GET",
      url: `/api/v1${url}`,
      headers,
      payload: payload as object,
    });

  it("hides a draft report from a party representative and shows it once the members approve it", async () => {
    const draft = await call(secretariat, "POST", "/reports", { commissionId, period: "2021-Q1" });
    expect(draft.statusCode).toBe(201);
    const id = draft.json().id as string;
    for (const url of [
      `/reports/${id}`,
      `/reports/${id}/files/pdf`,
      `/reports/preview?commissionId=${commissionId}&period=2021-Q1`,
    ]) {
      const refused = await call(representative, "GET", url);
      expect(refused.statusCode, url).toBe(403);
      expect(refused.json().code).toBe("forbidden");
    }
    // Nor the records behind it, nor anyone's e-mail.
    for (const url of ["/activities", "/agreements", "/accounts", "/audit"]) {
      const refused = await call(representative, "GET", url);
      expect([403, 404], url).toContain(refused.statusCode);
    }

    // The secretariat prepares the session; the members present and approve.
    const session = await call(secretariat, "POST", "/sessions", {
      commissionId,
      kind: "ordinary",
      number: 4,
      date: "2021-04-23",
      modality: "remote",
      status: "held",
    });
    expect(session.statusCode).toBe(201);
    const sessionId = session.json().id as string;
    const item = await call(secretariat, "POST", `/sessions/${sessionId}/agenda-items`, {
      kind: "resolution",
      title: "Aprobación del primer informe trimestral",
    });
    const resolution = await call(secretariat, "POST", "/resolutions", {
      sessionId,
      agendaItemId: item.json().id,
      title: "Aprobación del primer informe trimestral de actividades 2021",
    });
    expect(resolution.statusCode).toBe(201);
    expect(
      (await call(secretariat, "POST", `/reports/${id}/presentation`, { agendaItemId: item.json().id }))
        .statusCode,
    ).toBe(403);
    expect(
      (await call(member, "POST", `/reports/${id}/presentation`, { agendaItemId: item.json().id }))
        .statusCode,
    ).toBe(200);
    const approved = await call(member, "POST", `/reports/${id}/approval`, {
      resolutionId: resolution.json().id,
    });
    expect(approved.statusCode, approved.body).toBe(200);

    const seen = await call(representative, "GET", `/reports/${id}`);
    expect(seen.statusCode).toBe(200);
    expect(seen.json().status).toBe("approved");
    const file = await call(representative, "GET", `/reports/${id}/files/md`);
    expect(file.statusCode).toBe(200);
    expect(file.body).toContain("CVOE/011/21");
  }, 120_000);

  it("lets an area liaison report on its own area's agreements and actions only", async () => {
    const agreementOf = async (own: boolean) => {
      const rows = await t.context.db
        .select({ id: agreements.id, areaId: agreementAreas.areaId })
        .from(agreements)
        .innerJoin(agreementAreas, eq(agreementAreas.agreementId, agreements.id))
        .where(eq(agreements.commissionId, commissionId));
      const byAgreement = new Map<string, string[]>();
      for (const row of rows) byAgreement.set(row.id, [...(byAgreement.get(row.id) ?? []), row.areaId]);
      const found = [...byAgreement].find(([, ids]) => ids.includes(liaisonAreaId) === own);
      return found?.[0] as string;
    };
    const own = await agreementOf(true);
    const other = await agreementOf(false);
    expect(own).toBeDefined();
    expect(other).toBeDefined();
    const [session] = await t.context.db
      .select()
      .from(sessions)
      .where(eq(sessions.commissionId, commissionId));
    const progress = (agreementId: string) => ({
      agreementId,
      sessionId: session?.id,
      text: "Se informó el avance del convenio.",
    });

    // Another area's agreement: neither its progress nor the agreement itself.
    const refused = await call(liaison, "POST", "/agreement-progress", progress(other));
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe("forbidden");
    expect((await call(liaison, "PATCH", `/agreements/${other}`, { title: "Cambiado" })).statusCode).toBe(
      403,
    );
    expect((await call(liaison, "PATCH", `/agreements/${own}`, { title: "Cambiado" })).statusCode).toBe(403);
    const existing = await call(secretariat, "GET", `/agreement-progress?agreementId=${other}`);
    for (const row of existing.json().items as { id: string }[]) {
      expect((await call(liaison, "PATCH", `/agreement-progress/${row.id}`, { text: "x" })).statusCode).toBe(
        403,
      );
      expect((await call(liaison, "DELETE", `/agreement-progress/${row.id}`)).statusCode).toBe(403);
    }

    // Its own area's agreement: progress may be recorded (unless that session already has it, then updated).
    const ownExisting = (await call(secretariat, "GET", `/agreement-progress?agreementId=${own}`)).json()
      .items as { id: string; sessionId: string }[];
    const inSession = ownExisting.find((row) => row.sessionId === session?.id);
    const written = inSession
      ? await call(liaison, "PATCH", `/agreement-progress/${inSession.id}`, { text: "Avance del área." })
      : await call(liaison, "POST", "/agreement-progress", progress(own));
    expect([200, 201], written.body).toContain(written.statusCode);

    // Activities: of an action of its area, yes; of another action, no. In the demo every action is the
    // technical unit's; one of them is shared with the liaison's area here.
    const actions = await t.context.db
      .select({ actionId: programmedActionAreas.actionId })
      .from(programmedActionAreas)
      .orderBy(programmedActionAreas.actionId);
    const ownAction = actions[0]?.actionId as string;
    const otherAction = actions.find((row) => row.actionId !== ownAction)?.actionId as string;
    await writeDirectly(t.context, (tx) =>
      tx.insert(programmedActionAreas).values({ actionId: ownAction, areaId: liaisonAreaId, position: 1 }),
    );
    const kinds = (await call(secretariat, "GET", "/catalog-entries?catalog=activity_kind")).json().items as {
      id: string;
    }[];
    const activityBody = (actionId: string) => ({
      commissionId,
      key: `liaison-${randomUUID().slice(0, 8)}`,
      actionId,
      kindId: kinds[0]?.id,
      title: "Reunión de trabajo del área",
      dates: ["2021-03-10"],
    });
    const other403 = await call(liaison, "POST", "/activities", activityBody(otherAction));
    expect(other403.statusCode, other403.body).toBe(403);
    const created = await call(liaison, "POST", "/activities", activityBody(ownAction));
    expect(created.statusCode, created.body).toBe(201);
    // …and cannot move it to another area's action, nor touch the technical unit's activities.
    const moved = await call(liaison, "PATCH", `/activities/${created.json().id}`, { actionId: otherAction });
    expect(moved.statusCode).toBe(403);
    const theirs = await t.context.db
      .select({ id: activities.id })
      .from(activities)
      .where(and(eq(activities.commissionId, commissionId), ne(activities.actionId, ownAction)));
    expect(theirs.length).toBeGreaterThan(0);
    expect((await call(liaison, "DELETE", `/activities/${theirs[0]?.id}`)).statusCode).toBe(403);
    const stillThere = await t.context.db
      .select()
      .from(agreementAreas)
      .where(and(eq(agreementAreas.agreementId, other), eq(agreementAreas.areaId, liaisonAreaId)));
    expect(stillThere).toEqual([]);
  }, 60_000);
});

describe("the expected table", () => {
  it("covers every role of the application and the public", async () => {
    const { ROLES } = await import("../src/domain/shared/permissions.ts");
    expect(Object.keys(EXPECTED).sort()).toEqual([...ROLES, "public"].sort());
  });
});
