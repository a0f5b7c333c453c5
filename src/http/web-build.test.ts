import { mkdirSync, mkdtempSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { webBuildStaleReason } from "./web-build.ts";

describe("when the web build is stale", () => {
  it("rebuilds for a missing build, a newer source, or a newer lock file", () => {
    const root = mkdtempSync(join(tmpdir(), "vincula-web-build-"));
    const web = join(root, "web");
    mkdirSync(join(web, "src"), { recursive: true });
    mkdirSync(join(web, "dist"), { recursive: true });
    const at = (path: string, seconds: number) => utimesSync(path, seconds, seconds);
    writeFileSync(join(web, "src", "main.tsx"), "");
    writeFileSync(join(root, "package-lock.json"), "{}");
    expect(webBuildStaleReason(web)).toBe("web/dist no existe");

    writeFileSync(join(web, "dist", "index.html"), "");
    at(join(web, "src", "main.tsx"), 1000);
    at(join(root, "package-lock.json"), 1000);
    at(join(web, "dist", "index.html"), 2000);
    expect(webBuildStaleReason(web)).toBeUndefined();

    at(join(root, "package-lock.json"), 3000);
    expect(webBuildStaleReason(web)).toBe("package-lock.json es más reciente que web/dist");
    at(join(root, "package-lock.json"), 1000);
    at(join(web, "src", "main.tsx"), 3000);
    expect(webBuildStaleReason(web)).toBe("hay fuentes de web/ más recientes que web/dist");
  });
});
