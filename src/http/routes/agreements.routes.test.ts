import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { openTestApp, type TestApp } from "../../../tests/support/app.ts";
import { describeEachEngine } from "../../../tests/support/databases.ts";
import {
  buildCatalogEntry,
  buildCommission,
  buildOrganisation,
  buildSession,
  uniqueKey,
} from "../../../tests/support/factories.ts";

describeEachEngine("agreements and activities over HTTP", (t) => {
  let app: FastifyInstance;
  let testApp: TestApp;
  let commissionId: string;
  beforeAll(async () => {
    testApp = await openTestApp(t.database, { maxUploadBytes: 1e6 });
    app = testApp.app;
    commissionId = (
      await buildCommission(t.context, { opinionNumberPattern: "IECM/UTVOE/OP/{seq:2}/{yyyy}" })
    ).id;
  });
  afterAll(async () => {
    await testApp?.close();
  });

  const call = (method: "GET" | "POST" | "PATCH" | "DELETE", url: string, payload?: unknown) =>
    app.inject({
      method,
      url: `/api/v1${url}`,
      ...(payload === undefined ? {} : { payload: payload as object }),
    });

  it("creates an agreement, moves its stage, counts it and issues its opinion", async () => {
    const organisation = await buildOrganisation(t.context);
    const created = await call("POST", "/agreements", {
      commissionId,
      key: uniqueKey("convenio"),
      title: "Convenio de colaboración con el TECDMX",
      counterpartIds: [organisation.id],
      management: "direct",
      stage: "negotiation",
    });
    expect(created.statusCode).toBe(201);
    const agreement = created.json();

    const opinion = await call("POST", "/pertinence-opinions", {
      commissionId,
      agreementId: agreement.id,
      subject: "Convenio de colaboración con el TECDMX",
      outcome: "favourable",
      issuedOn: "2021-02-20",
    });
    expect(opinion.statusCode).toBe(201);
    expect(opinion.json().number).toBe("IECM/UTVOE/OP/01/2021");
    const listed = await call("GET", `/pertinence-opinions?commissionId=${commissionId}&year=2021`);
    expect(listed.json().items.map((o: { number: string }) => o.number)).toEqual(["IECM/UTVOE/OP/01/2021"]);
    const patched = await call("PATCH", `/pertinence-opinions/${opinion.json().id}`, {
      outcome: "unfavourable",
    });
    expect(patched.json()).toMatchObject({ outcome: "unfavourable", number: "IECM/UTVOE/OP/01/2021" });

    const signed = await call("POST", `/agreements/${agreement.id}/stage`, {
      stage: "signed",
      date: "2021-03-08",
    });
    expect(signed.statusCode).toBe(200);
    expect(signed.json()).toMatchObject({ stage: "signed", signedOn: "2021-03-08" });
    const back = await call("POST", `/agreements/${agreement.id}/stage`, {
      stage: "negotiation",
      date: "2021-03-09",
    });
    expect(back.statusCode).toBe(409);
    expect(back.headers["content-type"]).toMatch(/^application\/problem\+json/);
    expect(back.json().code).toBe("agreement_stage_not_forward");

    const inForce = await call("GET", `/agreements?commissionId=${commissionId}&inForceOn=2021-03-31`);
    expect(inForce.json().items.map((a: { id: string }) => a.id)).toEqual([agreement.id]);

    const session = await buildSession(t.context, commissionId, { date: "2021-03-25" });
    const progress = await call("POST", "/agreement-progress", {
      agreementId: agreement.id,
      sessionId: session.id,
      text: "Se firmó el convenio.",
    });
    expect(progress.statusCode).toBe(201);
    const counts = await call(
      "GET",
      `/agreement-counts?commissionId=${commissionId}&from=2021-01-01&to=2021-03-31`,
    );
    expect(counts.statusCode).toBe(200);
    expect(counts.json()).toMatchObject({
      signed: { count: 1 },
      inForce: { on: "2021-03-31", count: 1 },
      period: { signed: { total: 1, direct: 1, accompanied: 0 }, withProgress: 1 },
    });
    const halfPeriod = await call("GET", `/agreement-counts?commissionId=${commissionId}&from=2021-01-01`);
    expect(halfPeriod.statusCode).toBe(400);
  });

  it("creates and filters activities through the API", async () => {
    const kind = await buildCatalogEntry(t.context, "activity_kind");
    const created = await call("POST", "/activities", {
      commissionId,
      key: uniqueKey("actividad"),
      kindId: kind.id,
      title: "Reunión del grupo de trabajo interinstitucional",
      dates: ["2021-02-11", "2021-02-18"],
    });
    expect(created.statusCode).toBe(201);
    const refused = await call("POST", "/activities", {
      commissionId,
      key: uniqueKey("actividad"),
      kindId: kind.id,
      title: "Sin fecha",
    });
    expect(refused.statusCode).toBe(400);
    const inFebruary = await call(
      "GET",
      `/activities?commissionId=${commissionId}&from=2021-02-12&to=2021-02-28`,
    );
    expect(inFebruary.json().items.map((a: { id: string }) => a.id)).toEqual([created.json().id]);
    const gap = await call("GET", `/activities?commissionId=${commissionId}&from=2021-02-12&to=2021-02-17`);
    expect(gap.json().total).toBe(0);
  });

  it("documents the routes in OpenAPI", async () => {
    const spec = (await call("GET", "/openapi.json")).json();
    for (const path of [
      "/api/v1/agreements",
      "/api/v1/agreements/{id}/stage",
      "/api/v1/agreement-counts",
      "/api/v1/pertinence-opinions",
      "/api/v1/pertinence-opinions/{id}",
      "/api/v1/agreement-progress",
      "/api/v1/activities",
      "/api/v1/attachments",
      "/api/v1/attachments/{id}/content",
    ])
      expect(spec.paths).toHaveProperty([path]);
    const upload = spec.paths["/api/v1/attachments"].post;
    expect(Object.keys(upload.requestBody.content)).toEqual(["application/octet-stream"]);
    expect(upload.parameters.map((p: { name: string }) => p.name)).toContain("filename");
    const activityFilters = spec.paths["/api/v1/activities"].get.parameters.map(
      (p: { name: string }) => p.name,
    );
    expect(activityFilters).toEqual(expect.arrayContaining(["from", "to", "organisationId", "q"]));
    expect(activityFilters).not.toContain("period");
  });
});
