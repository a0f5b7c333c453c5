import { afterAll, beforeAll, expect, it } from "vitest";
import { openTestApp, type TestApp } from "../../../tests/support/app.ts";
import { describeEachEngine } from "../../../tests/support/databases.ts";

describeEachEngine("a new installation through the API", (t) => {
  let testApp: TestApp;
  let app: TestApp["app"];
  beforeAll(async () => {
    testApp = await openTestApp(t.database);
    app = testApp.app;
  });
  afterAll(async () => testApp?.close());

  it("asks for the institution before areas, then accepts them", async () => {
    const early = await app.inject({
      method: "POST",
      url: "/api/v1/areas",
      payload: { key: "utvoe", name: "UTVOE" },
    });
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({ code: "institution_missing" });
    expect(early.json().detail).toContain("institución");

    const missing = await app.inject({ method: "GET", url: "/api/v1/institution" });
    expect(missing.statusCode).toBe(404);

    const bad = await app.inject({
      method: "PUT",
      url: "/api/v1/institution",
      payload: { key: "IECM", name: "" },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers["content-type"]).toContain("application/problem+json");

    const set = await app.inject({
      method: "PUT",
      url: "/api/v1/institution",
      payload: { key: "iecm", name: "Instituto Electoral de la Ciudad de México", acronym: "IECM" },
    });
    expect(set.statusCode).toBe(200);
    const area = await app.inject({
      method: "POST",
      url: "/api/v1/areas",
      payload: { key: "utvoe", name: "UTVOE" },
    });
    expect(area.statusCode).toBe(201);
  });

  it("answers unknown routes and malformed JSON with problem+json, never a stack trace", async () => {
    const unknown = await app.inject({ method: "GET", url: "/api/v1/nothing-here" });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ code: "route_not_found" });
    const malformed = await app.inject({
      method: "POST",
      url: "/api/v1/people",
      headers: { "content-type": "application/json" },
      payload: '{"key": "x", ',
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.body).not.toMatch(/at .*\.ts:\d+/);
  });
});
