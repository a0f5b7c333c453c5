import { afterAll, beforeAll, expect, it } from "vitest";
import { parse } from "yaml";
import { openTestApp, type TestApp } from "../../../tests/support/app.ts";
import { describeEachEngine } from "../../../tests/support/databases.ts";
import { smallDataset } from "../../../tests/support/dataset-fixture.ts";
import { uniqueKey } from "../../../tests/support/factories.ts";

describeEachEngine("whole-commission import and export over HTTP", (t) => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await openTestApp(t.database);
  });
  afterAll(async () => testApp?.close());

  it("validates on a dry run, imports, exports as YAML, and refuses a broken dataset with every problem", async () => {
    const { app } = testApp;
    const suffix = uniqueKey("http");
    const dataset = smallDataset(suffix);

    const dry = await app.inject({ method: "POST", url: "/api/v1/imports?dryRun=true", payload: dataset });
    expect(dry.statusCode).toBe(200);
    expect(dry.json()).toMatchObject({ dryRun: true, counts: { sessions: 2, resolutions: 4 } });
    const notYet = await app.inject({
      method: "GET",
      url: `/api/v1/commissions/by-key/cx-${suffix}/dataset`,
    });
    expect(notYet.statusCode).toBe(404);

    const created = await app.inject({ method: "POST", url: "/api/v1/imports", payload: dataset });
    expect(created.statusCode).toBe(201);
    const exported = await app.inject({
      method: "GET",
      url: `/api/v1/commissions/by-key/cx-${suffix}/dataset?format=yaml`,
    });
    expect(exported.statusCode).toBe(200);
    expect(exported.headers["content-type"]).toContain("application/yaml");
    expect(parse(exported.body).resolutions.map((r: { number: string }) => r.number)).toEqual([
      "CX/001/21",
      "CX/002/21",
      "CX/003/21",
      "CX/004/21",
    ]);

    const broken = smallDataset(uniqueKey("broken"));
    broken.sessions![0]!.date = "2021-13-01";
    broken.activities![0]!.kind = "no-such-kind";
    const rejected = await app.inject({ method: "POST", url: "/api/v1/imports", payload: broken });
    expect(rejected.statusCode).toBe(422);
    expect(rejected.headers["content-type"]).toContain("application/problem+json");
    const body = rejected.json();
    expect(body).toMatchObject({ code: "dataset_invalid" });
    expect(body.detail).toContain("no se importó nada");
    expect(body.errors).toContainEqual(
      expect.objectContaining({ path: "sessions[0].date", value: "2021-13-01" }),
    );
    expect(body.errors).toContainEqual(
      expect.objectContaining({ path: "activities[0].kind", value: "no-such-kind" }),
    );

    const again = await app.inject({ method: "POST", url: "/api/v1/imports", payload: dataset });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: "commission_exists" });
  });
});
