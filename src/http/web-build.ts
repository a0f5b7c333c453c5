/**
 * The web interface is built by Vite from web/ into web/dist. `vincula serve` and the browser tests build it when
 * web/dist is missing or older than any source of it (or than package-lock.json: new library versions), so `npm install && npm start` needs no other step.
 */
import { execFile } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const execFileAsync = promisify(execFile);

export const WEB_DIR = fileURLToPath(new URL("../../web/", import.meta.url));
export const WEB_DIST = join(WEB_DIR, "dist");

/** Newest modification time of the files under `path` (a file's own when it is one). */
function newestModification(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestModification(join(path, entry)));
  return newest;
}

/** Why the build must be (re)made, or undefined when web/dist is up to date; `webDir` for tests. */
export function webBuildStaleReason(webDir: string = WEB_DIR): string | undefined {
  const index = join(webDir, "dist", "index.html");
  if (!existsSync(index)) return "web/dist no existe";
  const built = statSync(index).mtimeMs;
  const sources = ["src", "public", "index.html", "vite.config.ts"].map((name) => join(webDir, name));
  if (Math.max(...sources.map(newestModification)) > built)
    return "hay fuentes de web/ más recientes que web/dist";
  // New versions of the libraries the app bundles (npm install after a pull) change the lock file.
  if (newestModification(join(webDir, "..", "package-lock.json")) > built)
    return "package-lock.json es más reciente que web/dist";
  return undefined;
}

/** Builds web/dist with Vite when it is missing or stale; returns whether it built. */
export async function ensureWebBuild(log: (line: string) => void = () => {}): Promise<boolean> {
  const reason = webBuildStaleReason();
  if (!reason) return false;
  log(`Construyendo la interfaz web (${reason})…`);
  // A child process with NODE_ENV=production: under a test runner (NODE_ENV=test) Vite would bundle React's
  // development build.
  const vitePackage = createRequire(import.meta.url).resolve("vite/package.json");
  const vite = join(dirname(vitePackage), "bin", "vite.js");
  await execFileAsync(
    process.execPath,
    [vite, "build", "--config", join(WEB_DIR, "vite.config.ts"), "--logLevel", "warn"],
    { env: { ...process.env, NODE_ENV: "production" }, maxBuffer: 16 * 1024 * 1024 },
  );
  return true;
}
