import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase } from "../../tests/support/databases.ts";
import { LocalFileStore } from "../platform/files.ts";
import { buildApp } from "./app.ts";
import { NONCE_PLACEHOLDER } from "./web-app.ts";

/** A stand-in for web/dist: what Vite writes, with the nonce placeholder. */
function fakeBuild(): string {
  const root = mkdtempSync(join(tmpdir(), "vincula-web-"));
  mkdirSync(join(root, "assets"));
  writeFileSync(
    join(root, "index.html"),
    `<!doctype html><html lang="es-MX"><head><meta property="csp-nonce" nonce="${NONCE_PLACEHOLDER}">` +
      `<script type="module" src="/assets/index-abc.js" nonce="${NONCE_PLACEHOLDER}"></script></head>` +
      `<body><div id="root"></div></body></html>`,
  );
  writeFileSync(join(root, "assets", "index-abc.js"), "console.log('vincula');\n");
  return root;
}

describe("the web interface's page and files", () => {
  let close: () => Promise<void>;
  let app: Awaited<ReturnType<typeof buildApp>>;
  let bare: Awaited<ReturnType<typeof buildApp>>;

  beforeAll(async () => {
    const opened = await openTestDatabase("pglite");
    const files = new LocalFileStore(mkdtempSync(join(tmpdir(), "vincula-files-")));
    const config = { logLevel: "silent" as const, maxUploadBytes: 1000 };
    app = await buildApp({ database: opened.database, files, config, logger: false, webRoot: fakeBuild() });
    bare = await buildApp({ database: opened.database, files, config, logger: false });
    close = async () => {
      await app.close();
      await bare.close();
      await opened.drop();
    };
  });
  afterAll(() => close?.());

  it("answers the page at / and at every path of the browser's router, with a fresh nonce each time", async () => {
    const [home, sessions] = await Promise.all([
      app.inject({ url: "/" }),
      app.inject({ url: "/sesiones?anio=2021" }),
    ]);
    for (const page of [home, sessions]) {
      expect(page.statusCode).toBe(200);
      expect(page.headers["content-type"]).toMatch(/^text\/html/);
      expect(page.headers["cache-control"]).toBe("no-store");
      expect(page.body).not.toContain(NONCE_PLACEHOLDER);
    }
    const nonceOf = (body: string) => /nonce="([^"]+)"/.exec(body)?.[1];
    expect(nonceOf(home.body)).toBeDefined();
    expect(nonceOf(home.body)).not.toBe(nonceOf(sessions.body));
    const policy = String(home.headers["content-security-policy"]);
    expect(policy).toContain(`style-src 'self' 'nonce-${nonceOf(home.body)}'`);
    expect(policy).toContain("script-src 'self'");
    expect(policy).toContain("connect-src 'self'");
    expect(policy).toContain("frame-ancestors 'none'");
    // Frames only from Vincula: the report page's sandboxed preview (docs/decisions/019).
    expect(policy).toContain("frame-src 'self'");
    expect(policy).not.toContain("unsafe");
  });

  it("serves built files for a year, and a missing one, an API path or a write as problems", async () => {
    const script = await app.inject({ url: "/assets/index-abc.js" });
    expect(script.statusCode).toBe(200);
    expect(script.headers["cache-control"]).toContain("immutable");
    expect(script.headers["content-security-policy"]).toContain("default-src 'none'");
    for (const url of ["/assets/missing.js", "/api/v1/nothing-here", "/api"]) {
      const missing = await app.inject({ url });
      expect(missing.statusCode, url).toBe(404);
      expect(missing.headers["content-type"], url).toMatch(/^application\/problem\+json/);
    }
    const post = await app.inject({ method: "POST", url: "/sesiones", payload: {} });
    expect(post.statusCode).toBe(404);
    expect(post.json().code).toBe("route_not_found");
    const traversal = await app.inject({ url: "/assets/..%2f..%2fpackage.json" });
    expect(traversal.body).not.toContain('"name": "vincula"');
  });

  it("without a build, points to the API from / with the no-script HTML policy", async () => {
    const page = await bare.inject({ url: "/" });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("npm run build:web");
    expect(page.headers["content-security-policy"]).toContain("default-src 'none'");
    expect(page.headers["content-security-policy"]).not.toContain("script-src");
  });
});
