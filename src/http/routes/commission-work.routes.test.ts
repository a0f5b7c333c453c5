import { randomUUID } from "node:crypto";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { openTestApp, type TestApp } from "../../../tests/support/app.ts";
import { describeEachEngine } from "../../../tests/support/databases.ts";
import { buildParty, ensureInstitution, uniqueKey } from "../../../tests/support/factories.ts";
import { minimalPdf } from "../../../tests/support/files.ts";

describeEachEngine("HTTP: commissions, programmes, sessions and resolutions", (t) => {
  let app: FastifyInstance;
  let testApp: TestApp;

  beforeAll(async () => {
    await ensureInstitution(t.context);
    testApp = await openTestApp(t.database, { maxUploadBytes: 1e6 });
    app = testApp.app;
  });
  afterAll(async () => {
    await testApp?.close();
  });

  const call = async (
    method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE",
    url: string,
    payload?: unknown,
  ) => {
    const response = await app.inject({ method, url: `/api/v1${url}`, payload: payload as object });
    const body = response.body === "" ? null : response.json();
    return { status: response.statusCode, type: response.headers["content-type"], body };
  };

  const createCommission = async () => {
    const response = await call("POST", "/commissions", {
      key: uniqueKey("cvoe"),
      name: "Comisión Permanente de Vinculación con Organismos Externos",
      acronym: "CVOE",
      kind: "permanent",
      resolutionNumberPattern: "{acronym}/{seq:3}/{yy}",
    });
    expect(response.status).toBe(201);
    return response.body as { id: string };
  };

  it("answers a bad body with application/problem+json, a code and a Spanish detail", async () => {
    const response = await call("POST", "/sessions", {
      commissionId: "no-es-un-uuid",
      kind: "ordinaria",
      number: 1,
      date: "2021-02-29",
      modality: "remote",
    });
    expect(response.status).toBe(400);
    expect(response.type).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({
      code: "validation_failed",
      detail: "Hay errores en los datos enviados.",
    });
    const paths = (response.body.errors as { path: string }[]).map((e) => e.path).sort();
    expect(paths).toEqual(["commissionId", "date", "kind"]);
    const date = (response.body.errors as { path: string; message: string }[]).find((e) => e.path === "date");
    expect(date?.message).toMatch(/no es una fecha válida/);

    const pattern = await call("POST", "/commissions", {
      key: uniqueKey("mal"),
      name: "Comisión",
      acronym: "CX",
      kind: "permanent",
      resolutionNumberPattern: "{acronym}/{yy}",
    });
    expect(pattern.status).toBe(400);
    expect(pattern.body.errors[0]).toMatchObject({
      path: "resolutionNumberPattern",
      message: expect.stringMatching(/patrón necesita exactamente un \{seq\}/),
    });
  });

  it("runs a session through its routes: agenda, order, attendance, resolutions and minutes", async () => {
    const commission = await createCommission();
    const person = await call("POST", "/people", { key: uniqueKey("persona"), name: "Erika Estrada Ruiz" });
    const member = await call("POST", "/memberships", {
      commissionId: commission.id,
      personId: person.body.id,
      role: "chair",
      hasVotingRight: true,
    });
    expect(member.status).toBe(201);

    const first = await call("POST", "/sessions", {
      commissionId: commission.id,
      kind: "ordinary",
      number: 1,
      date: "2021-01-21",
      startTime: "11:00",
      modality: "remote",
      status: "held",
    });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ year: 2021, startTime: "11:00" });
    const sessionUrl = `/sessions/${first.body.id}`;

    const one = await call("POST", `${sessionUrl}/agenda-items`, {
      kind: "roll_call",
      title: "Lista de asistencia",
    });
    const two = await call("POST", `${sessionUrl}/agenda-items`, {
      kind: "resolution",
      title: "Orden del día",
    });
    expect([one.status, two.status]).toEqual([201, 201]);
    const order = await call("PUT", `${sessionUrl}/agenda-order`, { itemIds: [two.body.id, one.body.id] });
    expect(order.status).toBe(200);
    expect(order.body.items.map((i: { id: string }) => i.id)).toEqual([two.body.id, one.body.id]);
    const renamed = await call("PATCH", `${sessionUrl}/agenda-items/${two.body.id}`, {
      title: "Aprobación del orden del día",
    });
    expect(renamed.body).toMatchObject({ position: 1, title: "Aprobación del orden del día" });
    // An item by its id alone says its session (where a search result about it leads).
    const found = await call("GET", `/agenda-items/${two.body.id}`);
    expect(found.body).toMatchObject({ id: two.body.id, sessionId: first.body.id, position: 1 });
    expect((await call("GET", `/agenda-items/${randomUUID()}`)).status).toBe(404);

    // The minutes: a file uploaded first, then named on the session; one that does not exist is refused there.
    const uploaded = await app.inject({
      method: "POST",
      url: "/api/v1/attachments?filename=minuta.pdf",
      headers: { "content-type": "application/octet-stream" },
      payload: minimalPdf(),
    });
    expect(uploaded.statusCode).toBe(201);
    const withMinutes = await call("PATCH", sessionUrl, { minutesAttachmentId: uploaded.json().id });
    expect(withMinutes.body).toMatchObject({ minutesAttachmentId: uploaded.json().id });
    const missingFile = await call("PATCH", sessionUrl, { minutesAttachmentId: randomUUID() });
    expect(missingFile.status).toBe(422);
    expect(missingFile.body.errors).toEqual([expect.objectContaining({ path: "minutesAttachmentId" })]);
    expect(
      (await call("PATCH", sessionUrl, { minutesAttachmentId: null })).body.minutesAttachmentId,
    ).toBeNull();
    expect((await call("DELETE", `${sessionUrl}/agenda-items/${one.body.id}`)).status).toBe(204);
    expect((await call("GET", `${sessionUrl}/agenda-items`)).body.items).toHaveLength(1);

    const party = await buildParty(t.context);
    const badAttendance = await call("PUT", `${sessionUrl}/attendance`, {
      entries: [{ category: "party_representative", isPresent: true }],
    });
    expect(badAttendance.status).toBe(400);
    expect(badAttendance.type).toMatch(/^application\/problem\+json/);
    expect(badAttendance.body.errors).toEqual([
      expect.objectContaining({
        path: "entries[0].partyId",
        message: expect.stringMatching(/necesita el partido/),
      }),
    ]);
    const attendance = await call("PUT", `${sessionUrl}/attendance`, {
      entries: [
        { category: "member", personId: person.body.id, isPresent: true },
        { category: "party_representative", partyId: party.id, isPresent: false },
      ],
    });
    expect(attendance.status).toBe(200);
    expect((await call("GET", `${sessionUrl}/attendance`)).body.entries).toHaveLength(2);

    const adopted = await call("POST", "/resolutions", {
      sessionId: first.body.id,
      agendaItemId: two.body.id,
      title: "Aprobación del orden del día",
      votes: [{ personId: person.body.id, vote: "yes" }],
    });
    expect(adopted.status).toBe(201);
    expect(adopted.body).toMatchObject({
      number: "CVOE/001/21",
      votes: [{ personId: person.body.id, vote: "yes" }],
    });
    const second = await call("POST", "/resolutions", { sessionId: first.body.id, title: "Informe" });
    expect(second.body.number).toBe("CVOE/002/21");

    const notLast = await call("DELETE", `/resolutions/${adopted.body.id}`);
    expect(notLast.status).toBe(409);
    expect(notLast.type).toMatch(/^application\/problem\+json/);
    expect(notLast.body).toMatchObject({
      code: "resolution_not_last",
      detail: expect.stringMatching(/hueco/),
    });
    const patched = await call("PATCH", `/resolutions/${second.body.id}`, { title: "Informe trimestral" });
    expect(patched.body).toMatchObject({ number: "CVOE/002/21", title: "Informe trimestral" });
    const listed = await call("GET", `/resolutions?commissionId=${commission.id}&year=2021`);
    expect(listed.body.items.map((r: { number: string }) => r.number)).toEqual([
      "CVOE/001/21",
      "CVOE/002/21",
    ]);

    const later = await call("POST", "/sessions", {
      commissionId: commission.id,
      kind: "ordinary",
      number: 2,
      date: "2021-02-25",
      modality: "remote",
    });
    const minutes = await call("POST", "/resolutions", {
      sessionId: later.body.id,
      title: "Aprobación de la minuta",
    });
    const approved = await call("PUT", `${sessionUrl}/minutes-approval`, { resolutionId: minutes.body.id });
    expect(approved.body.minutesApprovedByResolutionId).toBe(minutes.body.id);
    const backwards = await call("PUT", `/sessions/${later.body.id}/minutes-approval`, {
      resolutionId: adopted.body.id,
    });
    expect(backwards.status).toBe(422);
    expect(backwards.body.code).toBe("inconsistent_reference");
    const sessions = await call("GET", `/sessions?commissionId=${commission.id}&from=2021-02-01`);
    expect(sessions.body.items.map((s: { id: string }) => s.id)).toEqual([later.body.id]);
  });

  it("writes a work programme and its justifications", async () => {
    const commission = await createCommission();
    const created = await call("POST", "/work-programmes", {
      commissionId: commission.id,
      year: 2021,
      title: "Programa Anual de Trabajo 2021",
      lines: [{ number: 1, title: "Vinculación", actions: [{ letter: "A", title: "Foros", quarters: [3] }] }],
    });
    expect(created.status).toBe(201);
    const action = created.body.lines[0].actions[0];
    const justified = await call("PUT", `/work-programmes/${created.body.id}/justifications`, {
      actionId: action.id,
      quarter: 1,
      text: "Programada para el tercer trimestre.",
    });
    expect(justified.status).toBe(200);
    expect(justified.body).toMatchObject({ actionId: action.id, quarter: 1 });
    const listed = await call("GET", `/work-programmes?commissionId=${commission.id}&year=2021`);
    expect(listed.body.items[0].lines[0].actions[0].justifications).toHaveLength(1);
  });

  it("documents the routes in OpenAPI", async () => {
    const response = await app.inject({ method: "GET", url: "/api/v1/openapi.json" });
    const paths = Object.keys(response.json().paths);
    for (const path of [
      "/api/v1/commissions",
      "/api/v1/memberships",
      "/api/v1/work-programmes",
      "/api/v1/work-programmes/{id}/justifications",
      "/api/v1/sessions",
      "/api/v1/sessions/{id}/agenda-items",
      "/api/v1/sessions/{id}/agenda-items/{itemId}",
      "/api/v1/agenda-items/{id}",
      "/api/v1/sessions/{id}/agenda-order",
      "/api/v1/sessions/{id}/attendance",
      "/api/v1/sessions/{id}/minutes-approval",
      "/api/v1/resolutions",
      "/api/v1/resolutions/{id}",
    ])
      expect(paths).toContain(path);
  });
});
