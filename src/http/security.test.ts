/**
 * Hardening through HTTP (issue 4, part 4; docs/decisions/014): sign-in lock-out and rate limit, CSRF on cookie
 * sessions, security headers and content security policies, HSTS only over HTTPS, size and shape limits, the
 * handler timeout, and errors that tell the log everything and the client nothing.
 */
import { createHash } from "node:crypto";
import { sql } from "drizzle-orm";
import type { InjectOptions } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestApp, PASSWORD, type TestApp } from "../../tests/support/app.ts";
import { describeEachEngine } from "../../tests/support/databases.ts";
import { ensureInstitution, uniqueKey } from "../../tests/support/factories.ts";
import { minimalPdf } from "../../tests/support/files.ts";
import type { FileStore } from "../platform/files.ts";
import { checkRequestValues, htmlContentSecurityPolicy, LIMITS } from "./security.ts";

const anonymous = { authorization: "" };

describeEachEngine("hardening over HTTP", (t) => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await openTestApp(t.database);
    await ensureInstitution(t.context);
  });
  afterAll(async () => testApp?.close());
  const inject = (options: InjectOptions) => testApp.app.inject(options);
  const signInAs = (username: string, password: string, remoteAddress: string) =>
    inject({
      method: "POST",
      url: "/api/v1/auth/sign-in",
      payload: { username, password },
      headers: anonymous,
      remoteAddress,
    });

  it("locks an account after five wrong passwords: then 423 with the right password, the usual 401 without it", async () => {
    const { username } = await testApp.signIn("administrator");
    for (let attempt = 1; attempt <= 5; attempt++) {
      const wrong = await signInAs(username, "no es la contraseña", "10.0.0.1");
      expect(wrong.statusCode, `attempt ${attempt}`).toBe(401);
    }
    // To whoever lacks the password a locked account looks like any other: no hint that it exists or is locked.
    const guessing = await signInAs(username, "otra contraseña", "10.0.0.1");
    const unknown = await signInAs(uniqueKey("nadie"), "otra contraseña", "10.0.0.1");
    expect(guessing.statusCode).toBe(401);
    expect(guessing.json()).toEqual(unknown.json());
    const locked = await signInAs(username, PASSWORD, "10.0.0.1");
    expect(locked.statusCode).toBe(423);
    expect(locked.json()).toMatchObject({ code: "account_locked" });
    expect(locked.json().detail).toMatch(/bloqueada/);
  });

  it("refuses the eleventh attempt from one address with 429, while another address may still try", async () => {
    const { username } = await testApp.signIn("administrator");
    for (let attempt = 1; attempt <= 10; attempt++) {
      const response = await signInAs(uniqueKey("nadie"), "no es la contraseña", "10.0.0.2");
      expect(response.statusCode, `attempt ${attempt}`).toBe(401);
    }
    const limited = await signInAs(username, PASSWORD, "10.0.0.2");
    expect(limited.statusCode).toBe(429);
    expect(limited.json()).toMatchObject({ code: "too_many_attempts" });
    expect((await signInAs(username, PASSWORD, "10.0.0.3")).statusCode).toBe(200);
  });

  it("requires the CSRF token on a cookie session's writes, and none with a bearer token", async () => {
    const session = await testApp.signIn("administrator");
    const area = () => {
      const key = uniqueKey("area");
      return { key, name: `Área ${key}` };
    };
    const post = (headers: Record<string, string>) =>
      inject({
        method: "POST",
        url: "/api/v1/areas",
        payload: area(),
        headers: { ...anonymous, ...headers },
      });

    const missing = await post({ cookie: session.cookie });
    expect(missing.statusCode).toBe(403);
    expect(missing.json()).toMatchObject({ code: "csrf_failed" });
    const wrong = await post({ cookie: session.cookie, "x-csrf-token": `${session.csrf}x` });
    expect(wrong.json()).toMatchObject({ code: "csrf_failed" });
    expect((await post({ cookie: session.cookie, "x-csrf-token": session.csrf })).statusCode).toBe(201);
    // Reading needs no token; a bearer token is not sent by a browser on its own, so it needs none either.
    const read = await inject({
      method: "GET",
      url: "/api/v1/areas",
      headers: { ...anonymous, cookie: session.cookie },
    });
    expect(read.statusCode).toBe(200);
    const token = await testApp.tokenFor("administrator");
    expect((await post({ authorization: `Bearer ${token}` })).statusCode).toBe(201);
  });

  it("sends security headers and a strict content security policy with every answer", async () => {
    for (const url of ["/api/v1/health", "/api/v1/sessions", "/api/v1/no-such-route"]) {
      const response = await inject({ method: "GET", url });
      expect(response.headers["content-security-policy"], url).toBe(
        "default-src 'none';base-uri 'none';form-action 'none';frame-ancestors 'none'",
      );
      expect(response.headers["x-content-type-options"]).toBe("nosniff");
      expect(response.headers["x-frame-options"]).toBe("DENY");
      expect(response.headers["referrer-policy"]).toBe("no-referrer");
      expect(response.headers["strict-transport-security"]).toBeUndefined(); // plain HTTP
    }
    const root = await inject({ method: "GET", url: "/" });
    expect(root.headers["content-security-policy"]).toMatch(/^default-src 'none'; style-src 'none';/);
    expect(root.headers["content-security-policy"]).not.toMatch(/script/);
  });

  it("lets the report preview use its own stylesheet, by hash, and nothing else", async () => {
    const csp = htmlContentSecurityPolicy("<style>p { color: red; }</style><p style='x'>a</p>");
    const hash = createHash("sha256").update("p { color: red; }").digest("base64");
    expect(csp).toContain(`style-src 'sha256-${hash}'`);
    expect(csp).toContain("style-src-attr 'unsafe-inline'");
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toMatch(/script|unsafe-eval/);
    expect(csp).toContain("frame-ancestors 'none'");
    // A report's HTML may be framed by Vincula's own report page (docs/decisions/019), still without scripts.
    const framed = htmlContentSecurityPolicy("<style>p { color: red; }</style>", { frameable: true });
    expect(framed).toContain("frame-ancestors 'self'");
    expect(framed).not.toMatch(/script|frame-ancestors 'none'/);

    // The preview of a real quarter: src/http/routes/reports.routes.test.ts.
  });

  it("gives the interactive documentation, and only it, the policy it needs", async () => {
    const docs = await inject({ method: "GET", url: "/api/docs" });
    expect(docs.statusCode).toBe(200);
    const csp = docs.headers["content-security-policy"] as string;
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/'unsafe-eval'|script-src[^;]*'unsafe-inline'/);
    const bundle = await inject({ method: "GET", url: "/api/docs/static/swagger-ui-bundle.js" });
    expect(bundle.statusCode).toBe(200);
    expect(bundle.headers["content-security-policy"]).toBe(csp);
    const api = await inject({ method: "GET", url: "/api/v1/openapi.json" });
    expect(api.headers["content-security-policy"]).toMatch(/^default-src 'none'/);
  });

  it("limits sizes, characters and nesting before any use case, with the field's path", async () => {
    const post = (payload: unknown) =>
      inject({ method: "POST", url: "/api/v1/areas", payload: payload as object });
    const area = { key: uniqueKey("area") };

    const huge = await inject({
      method: "POST",
      url: "/api/v1/areas",
      headers: { "content-type": "application/json" },
      payload: JSON.stringify({ ...area, name: "x".repeat(LIMITS.bodyBytes) }),
    });
    expect(huge.statusCode).toBe(413);
    expect(huge.json()).toMatchObject({ code: "payload_too_large" });

    const long = await post({ ...area, name: "x".repeat(LIMITS.bodyStringLength + 1) });
    expect(long.statusCode).toBe(400);
    expect(long.json()).toMatchObject({ code: "validation_failed", errors: [{ path: "name" }] });
    const nul = await post({ ...area, name: "Área\u0000" });
    expect(nul.json().errors).toEqual([
      expect.objectContaining({ path: "name", message: expect.stringMatching(/nulo/) }),
    ]);
    const surrogate = await post({ ...area, name: "Área \ud800" });
    expect(surrogate.statusCode).toBe(400);
    let deep: unknown = "fondo";
    for (let level = 0; level < 40; level++) deep = { level: deep };
    expect((await post({ ...area, name: deep })).json().errors[0].message).toMatch(/anidación/);
    const polluted = await inject({
      method: "POST",
      url: "/api/v1/areas",
      headers: { "content-type": "application/json" },
      payload: `{"key":"a","name":"b","__proto__":{"isAdministrator":true}}`,
    });
    expect(polluted.statusCode).toBe(400);
    expect(polluted.json()).toMatchObject({ code: "bad_request" });
    const xml = await inject({
      method: "POST",
      url: "/api/v1/areas",
      headers: { "content-type": "application/xml" },
      payload: "<area/>",
    });
    expect(xml.statusCode).toBe(415);

    const query = await inject({
      method: "GET",
      url: `/api/v1/search?q=${"a".repeat(LIMITS.queryStringLength + 1)}`,
    });
    expect(query.statusCode).toBe(400);
    expect(query.json().errors[0].path).toBe("q");
    const param = await inject({ method: "GET", url: `/api/v1/areas/${"a".repeat(LIMITS.paramLength + 1)}` });
    expect(param.statusCode).toBe(400);
    expect(param.json().detail).toMatch(/demasiado largo/);
    const badUrl = await inject({ method: "GET", url: "/api/v1/areas/%E0%A4%A" });
    expect(badUrl.statusCode).toBe(400);
    expect(badUrl.headers["content-type"]).toMatch(/^application\/problem\+json/);

    const { items } = (await inject({ method: "GET", url: "/api/v1/areas?limit=500" })).json();
    expect(items.some((a: { key: string }) => a.key === area.key)).toBe(false);
  });
});

describeEachEngine("errors that tell the log everything and the client nothing", (t) => {
  const lines: string[] = [];
  const failingFiles: FileStore = {
    put: async () => {
      throw new Error("EACCES: permission denied, open '/var/lib/vincula/files/ab/cdef.tmp'");
    },
    get: async () => new Uint8Array(),
    has: async () => false,
  };
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await openTestApp(t.database, {
      files: failingFiles,
      log: { write: (line) => lines.push(line) },
    });
  });
  afterAll(async () => testApp?.close());

  const expectOpaque = (body: string) => {
    const problem = JSON.parse(body);
    expect(problem).toMatchObject({ status: 500, code: "internal_error" });
    expect(Object.keys(problem).sort()).toEqual(["code", "detail", "status", "title", "type"]);
    expect(body).not.toMatch(/\bat \S+ \(|\.ts:\d+|node_modules|stack/); // no stack trace
    expect(body).not.toMatch(/select|insert|relation|from "|areas|EACCES|\/var\/lib/i); // no SQL, tables or paths
  };

  it("answers an internal error with internal_error and logs its detail", async () => {
    const response = await testApp.app.inject({
      method: "POST",
      url: "/api/v1/attachments?filename=convenio.pdf",
      headers: { "content-type": "application/octet-stream" },
      payload: minimalPdf(),
    });
    expect(response.statusCode).toBe(500);
    expectOpaque(response.body);
    const logged = lines
      .map((line) => JSON.parse(line))
      .find((entry) => entry.err?.message?.includes("EACCES"));
    expect(logged?.err.stack).toMatch(/EACCES[\s\S]*\bat /);
  });

  it("answers a database error with internal_error and logs the SQL error", async () => {
    await t.database.db.execute(sql.raw("alter table areas rename to areas_hidden"));
    try {
      const response = await testApp.app.inject({ method: "GET", url: "/api/v1/areas" });
      expect(response.statusCode).toBe(500);
      expectOpaque(response.body);
      const logged = lines
        .map((line) => JSON.parse(line))
        .find((entry) => /areas/.test(entry.err?.message ?? ""));
      expect(JSON.stringify(logged?.err)).toMatch(/areas/);
    } finally {
      await t.database.db.execute(sql.raw("alter table areas_hidden rename to areas"));
    }
  });
});

describe("the edge's other limits", () => {
  it("stops waiting for a handler after its timeout with 503 request_timeout", async () => {
    const { buildApp } = await import("./app.ts");
    const { openTestDatabase } = await import("../../tests/support/databases.ts");
    const { LocalFileStore } = await import("../platform/files.ts");
    const opened = await openTestDatabase("pglite");
    const app = await buildApp({
      database: opened.database,
      files: new LocalFileStore("/nonexistent"),
      config: { logLevel: "silent", maxUploadBytes: 1 },
      logger: false,
    });
    app.get("/slow", { config: { permission: "public.read" }, handlerTimeout: 50 }, async () => {
      await new Promise((resolve) => setTimeout(resolve, 300));
      return { late: true };
    });
    const response = await app.inject({ method: "GET", url: "/slow" });
    expect(response.statusCode).toBe(503);
    expect(response.json()).toMatchObject({ code: "request_timeout" });
    await app.close();
    await opened.drop();
  });

  it("trusts X-Forwarded-Proto only from a configured proxy: HSTS and Secure cookies over HTTPS", async () => {
    const { openTestDatabase } = await import("../../tests/support/databases.ts");
    const opened = await openTestDatabase("pglite");
    const behindProxy = await openTestApp(opened.database, { trustProxy: ["127.0.0.1"] });
    const direct = await openTestApp(opened.database);
    const { username } = await behindProxy.signIn("administrator");
    const signIn = (app: TestApp, remoteAddress: string) =>
      app.app.inject({
        method: "POST",
        url: "/api/v1/auth/sign-in",
        payload: { username, password: PASSWORD },
        headers: { ...anonymous, "x-forwarded-proto": "https", "x-forwarded-for": "203.0.113.7" },
        remoteAddress,
      });
    const proxied = await signIn(behindProxy, "127.0.0.1");
    expect(proxied.statusCode).toBe(200);
    expect(proxied.headers["strict-transport-security"]).toBe("max-age=31536000");
    expect(proxied.headers["set-cookie"]).toMatch(/; Secure/);
    // The same headers from an address that is not the proxy, or to a server that trusts no proxy: plain HTTP.
    for (const response of [await signIn(behindProxy, "198.51.100.9"), await signIn(direct, "127.0.0.1")]) {
      expect(response.statusCode).toBe(200);
      expect(response.headers["strict-transport-security"]).toBeUndefined();
      expect(response.headers["set-cookie"]).not.toMatch(/; Secure/);
    }
    await behindProxy.close();
    await direct.close();
    await opened.drop();
  });

  it("checks values without recursion, however deep", () => {
    let deep: unknown = [];
    for (let level = 0; level < 100_000; level++) deep = [deep];
    expect(() => checkRequestValues(deep, "body")).toThrow(/Hay errores/);
    expect(() => checkRequestValues({ a: ["b", { c: "d" }] }, "body")).not.toThrow();
    expect(() => checkRequestValues({ "clave\u0000": 1 }, "querystring")).toThrow();
  });
});
