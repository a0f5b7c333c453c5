import { readFileSync } from "node:fs";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { openTestApp, type TestApp } from "../../../tests/support/app.ts";
import { describeEachEngine } from "../../../tests/support/databases.ts";
import { buildCommission } from "../../../tests/support/factories.ts";
import { areas, commissions, organisations } from "../../platform/db/schema.ts";
import { agreementResource } from "../agreements/agreements.resources.ts";
import { importDatasetText } from "../dataset/import-dataset.ts";
import { checkReportPeriod } from "../reports/check-report-period.ts";
import type { Actor } from "../shared/context.ts";
import type { Dashboard } from "./dashboard.schema.ts";
import { getDashboard } from "./get-dashboard.ts";

const DEMO = readFileSync(join(import.meta.dirname, "../../../demo/cvoe-2021-q1.yaml"), "utf8");

describeEachEngine("the dashboard of a commission", (t) => {
  let commissionId: string;
  let testApp: TestApp;
  beforeAll(async () => {
    await importDatasetText(t.context, DEMO);
    commissionId = (await t.context.db.query.commissions.findFirst({ where: eq(commissions.key, "cvoe") }))
      ?.id as string;
    testApp = await openTestApp(t.database);
  });
  afterAll(async () => testApp?.close());

  const dashboard = (query: Record<string, unknown>) => getDashboard(t.context, { commissionId, ...query });

  it("lists the next sessions from the reference date, named as the report names them", async () => {
    const board = await dashboard({ year: 2021, today: "2021-03-01" });
    expect(board.nextSessions).toEqual([
      {
        id: expect.any(String),
        key: "2021-ord-3",
        name: "Tercera sesión ordinaria",
        kind: "ordinary",
        number: 3,
        date: "2021-03-25",
        startTime: null,
        modality: "remote",
        place: null,
        status: "held",
      },
    ]);
    // On the day of a session it is still «next»; the day after, nothing is left in the demo.
    expect((await dashboard({ today: "2021-02-25" })).nextSessions.map((s) => s.number)).toEqual([2, 3]);
    expect((await dashboard({ today: "2021-03-26" })).nextSessions).toEqual([]);
  });

  it("counts the quarter's programme progress per strategic line from the activities and justifications", async () => {
    const board = await dashboard({ year: 2021, today: "2021-03-01" });
    expect(board.programme?.title).toBe("Programa Anual de Trabajo y Calendario de Sesiones 2021");
    const q1 = board.programmeProgress.map((line) => [line.number, line.quarters[0]]);
    const progress = (programmed: number, done: number, justified: number, isLineJustified = false) => ({
      quarter: 1,
      programmed,
      done,
      justified,
      pending: programmed - done - justified,
      doneOutsideProgramme: 0,
      isLineJustified,
    });
    expect(q1).toEqual([
      [1, progress(3, 3, 0)],
      // Line 2 reports through agreements and opinions, not activities: only 2 E has an activity.
      [2, progress(6, 1, 0)],
      // 3 C is programmed for the fourth quarter only (its first-quarter justification does not make it programmed).
      [3, progress(3, 3, 0)],
      [4, progress(0, 0, 0, true)],
      [5, progress(2, 2, 0)],
      // 6 C and 6 D are justified; 6 E and 6 F are programmed for the third quarter.
      [6, progress(4, 2, 2)],
    ]);
    expect(board.programmeProgress[5]?.quarters[2]).toMatchObject({ programmed: 6, done: 0, pending: 6 });
    expect(board.programmeProgress[0]?.title).toBe(
      "Seguimiento a la vinculación con el Instituto Nacional Electoral",
    );
  });

  it("counts the year's activities per line and month of their start", async () => {
    const board = await dashboard({ year: 2021, today: "2021-03-01" });
    const rows = board.activitiesByLineAndMonth.map((row) => [row.number, row.months.slice(0, 4), row.total]);
    expect(rows).toEqual([
      [1, [11, 12, 14, 0], 37],
      [2, [0, 0, 1, 0], 1],
      // Three continuous activities span the whole quarter: each counts once, in January.
      [3, [5, 9, 16, 0], 30],
      [4, [0, 0, 0, 0], 0],
      [5, [14, 20, 12, 0], 46],
      [6, [2, 3, 4, 0], 9],
    ]);
    expect(board.activitiesByLineAndMonth.every((row) => row.months.length === 12)).toBe(true);
    // A year without a programme or activities: no lines.
    expect((await dashboard({ year: 2022, today: "2022-01-10" })).activitiesByLineAndMonth).toEqual([]);
  });

  it("rates attendance over the held sessions whose list names each member and party", async () => {
    const march = await dashboard({ year: 2021, today: "2021-03-01" });
    expect(march.attendanceRates.sessionsHeld).toBe(2);
    expect(march.attendanceRates.members).toEqual([
      {
        personId: expect.any(String),
        name: "Erika Estrada Ruiz",
        role: "chair",
        expected: 2,
        attended: 2,
        rate: 1,
      },
      {
        personId: expect.any(String),
        name: "César Ernesto Ramos Mega",
        role: "member",
        expected: 2,
        attended: 2,
        rate: 1,
      },
      {
        personId: expect.any(String),
        name: "Bernardo Valle Monroy",
        role: "member",
        expected: 2,
        attended: 2,
        rate: 1,
      },
      {
        personId: expect.any(String),
        name: "Cecilia Aída Hernández Cruz",
        role: "technical_secretary",
        expected: 2,
        attended: 2,
        rate: 1,
      },
    ]);
    // The year seen from the next one: all three sessions. PRD and ELIGE missed the third.
    const year = await dashboard({ year: 2021, today: "2022-01-10" });
    expect(year.attendanceRates.sessionsHeld).toBe(3);
    expect(year.attendanceRates.members.map((m) => m.rate)).toEqual([1, 1, 1, 1]);
    expect(year.attendanceRates.parties.map((p) => [p.acronym, p.attended, p.expected, p.rate])).toEqual([
      ["PAN", 0, 3, 0],
      ["PRI", 3, 3, 1],
      ["PRD", 2, 3, 0.6667],
      ["PVEM", 3, 3, 1],
      ["PT", 0, 3, 0],
      ["MC", 0, 3, 0],
      ["MORENA", 3, 3, 1],
      ["ELIGE", 2, 3, 0.6667],
      ["PES", 3, 3, 1],
      ["RSP", 0, 3, 0],
      ["FXM", 0, 3, 0],
    ]);
    // A year still to come has no sessions held.
    expect((await dashboard({ year: 2022, today: "2021-03-01" })).attendanceRates.sessionsHeld).toBe(0);
  });

  it("summarises the period checks of the current quarter", async () => {
    const board = await dashboard({ year: 2021, today: "2021-03-01" });
    const all = await checkReportPeriod(t.context, { commissionId, period: "2021-Q1" });
    expect(board.findings).toMatchObject({
      period: "2021-Q1",
      total: all.length,
      blocking: 0,
      bySeverity: {
        error: 0,
        warning: all.filter((f) => f.severity === "warning").length,
        info: all.filter((f) => f.severity === "info").length,
      },
    });
    expect(board.findings?.items).toHaveLength(10);
    expect(board.findings?.items.map((f) => f.code)).toContain("agreement_signed_without_opinion");
    // A past year is seen through its last quarter; a year without a programme has no checks.
    expect((await dashboard({ year: 2021, today: "2022-05-01" })).findings?.period).toBe("2021-Q4");
    expect((await dashboard({ year: 2022, today: "2022-05-01" })).findings).toBeNull();
  });

  it("lists the agreements in force whose validity ends within 90 days, soonest first", async () => {
    const [ine] = await t.context.db.select().from(organisations).where(eq(organisations.key, "ine"));
    const agreement = (key: string, fields: Record<string, unknown>) =>
      agreementResource.create(t.context, {
        commissionId,
        key,
        title: `Convenio ${key}`,
        counterpartIds: [ine?.id],
        management: "direct",
        stage: "in_force",
        signedOn: "2020-06-01",
        validFrom: "2020-06-01",
        ...fields,
      });
    await agreement("vence-15-abril", { validTo: "2021-04-15" });
    await agreement("vence-hoy", { validTo: "2021-03-01" });
    await agreement("vence-en-90-dias", { validTo: "2021-05-30" });
    await agreement("vence-en-91-dias", { validTo: "2021-05-31" });
    await agreement("vencido", { validTo: "2021-02-28" });
    await agreement("indefinido", { isIndefinite: true });
    await agreement("en-negociacion", { stage: "negotiation", signedOn: undefined, validTo: "2021-04-01" });
    const board = await dashboard({ year: 2021, today: "2021-03-01" });
    expect(board.expiringAgreements.map((a) => [a.key, a.validTo, a.daysLeft])).toEqual([
      ["vence-hoy", "2021-03-01", 0],
      ["vence-15-abril", "2021-04-15", 45],
      ["vence-en-90-dias", "2021-05-30", 90],
    ]);
    expect(board.expiringAgreements[0]).toMatchObject({
      title: "Convenio vence-hoy",
      counterparts: ["Instituto Nacional Electoral"],
    });
  });

  it("answers over HTTP to whoever reads the records, with checks only for those who read reports", async () => {
    const { app, tokenFor } = testApp;
    const url = `/api/v1/dashboard?commissionId=${commissionId}&year=2021&today=2021-03-01`;
    const response = await app.inject({ method: "GET", url });
    expect(response.statusCode).toBe(200);
    const board = response.json() as Dashboard;
    expect(board.commission.acronym).toBe("CVOE");
    expect(board.nextSessions[0]?.name).toBe("Tercera sesión ordinaria");
    expect(board.findings?.period).toBe("2021-Q1");

    const [area] = await t.context.db.select().from(areas).where(eq(areas.key, "utvoe"));
    const as = async (role: "party_representative" | "area_liaison" | "commission_member") =>
      app.inject({
        method: "GET",
        url,
        headers: {
          authorization: `Bearer ${await tokenFor([{ commissionId, role, areaId: role === "area_liaison" ? (area?.id ?? null) : null }])}`,
        },
      });
    const party = await as("party_representative");
    expect(party.statusCode).toBe(403);
    expect(party.json().code).toBe("forbidden");
    const liaison = await as("area_liaison");
    expect(liaison.statusCode).toBe(200);
    expect(liaison.json().findings).toBeNull();
    expect(liaison.json().attendanceRates.sessionsHeld).toBe(2);
    expect((await as("commission_member")).json().findings.period).toBe("2021-Q1");
  });

  it("refuses an invalid query, another commission's reader and an unknown commission", async () => {
    const { app, tokenFor } = testApp;
    const invalid = await app.inject({
      method: "GET",
      url: "/api/v1/dashboard?commissionId=cvoe&year=veinte",
    });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().code).toBe("validation_failed");
    expect(
      invalid
        .json()
        .errors.map((e: { path: string }) => e.path)
        .sort(),
    ).toEqual(["commissionId", "year"]);
    const badDate = await app.inject({
      method: "GET",
      url: `/api/v1/dashboard?commissionId=${commissionId}&today=2021-02-29`,
    });
    expect(badDate.statusCode).toBe(400);
    expect(badDate.json().errors[0].message).toContain("no es una fecha válida");

    const other = await buildCommission(t.context);
    const forbidden = await app.inject({
      method: "GET",
      url: `/api/v1/dashboard?commissionId=${commissionId}`,
      headers: {
        authorization: `Bearer ${await tokenFor([{ commissionId: other.id, role: "technical_secretariat", areaId: null }])}`,
      },
    });
    expect(forbidden.statusCode).toBe(403);
    const unknownId = "00000000-0000-4000-8000-000000000000";
    const unknown = await app.inject({ method: "GET", url: `/api/v1/dashboard?commissionId=${unknownId}` });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe("not_found");

    const guest: Actor = {
      kind: "account",
      id: "00000000-0000-4000-8000-000000000001",
      username: "invitada",
      name: "Invitada",
      isAdministrator: false,
      grants: [{ commissionId, role: "guest", areaId: null }],
    };
    await expect(getDashboard({ actor: guest, db: t.context.db }, { commissionId })).rejects.toMatchObject({
      code: "forbidden",
    });
  });
});
