/**
 * The web interface (BENCH_ONLY=web, and at the end of `npm run bench`): the JavaScript a browser must download
 * before the first page can render — the entry script of web/dist/index.html and the modules it preloads —
 * gzip'd at level 9 (the budget is 350 kB), and the time from pressing «Entrar» to the Inicio page
 * rendered with the demo data (its sessions and the findings of the checks on screen), in Debian's Chromium over
 * the real app on PGlite. Figures only.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { gzipSync } from "node:zlib";
import { createAccount } from "../src/domain/accounts/accounts.ts";
import { importDatasetText } from "../src/domain/dataset/import-dataset.ts";
import type { UseCaseContext } from "../src/domain/shared/context.ts";
import { buildApp } from "../src/http/app.ts";
import { ensureWebBuild, WEB_DIST } from "../src/http/web-build.ts";
import { openDatabase } from "../src/platform/db/open.ts";
import { LocalFileStore } from "../src/platform/files.ts";
import { hasChromium, launchChromium, VIEWPORT } from "../tests/support/browser.ts";

const SAMPLES = Number(process.env.BENCH_WEB_SAMPLES ?? 10);
const PASSWORD = "contraseña de la medición 2021";

export type InitialScript = { file: string; bytes: number; gzipBytes: number };

/** The scripts index.html loads at once: the entry module and every `modulepreload`. */
export function initialScripts(dist = WEB_DIST): InitialScript[] {
  const html = readFileSync(join(dist, "index.html"), "utf8");
  const files = [
    ...html.matchAll(/<script[^>]+src="\/([^"]+\.js)"/g),
    ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="\/([^"]+\.js)"/g),
  ].map((match) => match[1] as string);
  return [...new Set(files)].map((file) => {
    const bytes = readFileSync(join(dist, file));
    return { file, bytes: bytes.length, gzipBytes: gzipSync(bytes, { level: 9 }).length };
  });
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

/** Sign-in → Inicio rendered, SAMPLES times, each in a fresh browser context (no cache, no cookie). */
export async function measureSignInToHome(): Promise<{ samples: number[]; firstMs: number }> {
  const database = await openDatabase({ kind: "pglite", dataDir: undefined });
  await database.migrate();
  const system: UseCaseContext = { actor: { kind: "system", name: "bench" }, db: database.db };
  await importDatasetText(
    system,
    readFileSync(new URL("../demo/cvoe-2021-q1.yaml", import.meta.url), "utf8"),
  );
  const commission = await database.db.query.commissions.findFirst();
  if (!commission) throw new Error("the demo has no commission");
  await createAccount(system, {
    username: "secretaria",
    name: "Secretaría técnica",
    roles: [{ commissionId: commission.id, role: "technical_secretariat" }],
    password: PASSWORD,
  });
  const app = await buildApp({
    database,
    files: new LocalFileStore(mkdtempSync(join(tmpdir(), "vincula-bench-files-"))),
    config: { logLevel: "silent", maxUploadBytes: 1_000_000 },
    logger: false,
    webRoot: WEB_DIST,
  });
  const baseUrl = await app.listen({ host: "127.0.0.1", port: 0 });
  const chromium = await launchChromium();
  const samples: number[] = [];
  try {
    for (let i = 0; i < SAMPLES; i++) {
      const context = await chromium.browser.newContext({ viewport: VIEWPORT, locale: "es-MX" });
      const page = await context.newPage();
      await page.goto(`${baseUrl}/entrar`);
      await page.getByLabel(/^Usuario/).fill("secretaria");
      await page.getByLabel(/^Contraseña/).fill(PASSWORD);
      const start = performance.now();
      await page.getByRole("button", { name: "Entrar" }).click();
      await page.getByRole("row", { name: /^Primera sesión ordinaria/ }).waitFor();
      await page.getByText(/hallazgos$/).waitFor();
      // The dashboard's figures: the programme table, the activities chart drawn, the attendance tables.
      await page.getByRole("heading", { name: "Avance del programa de trabajo" }).waitFor();
      await page.locator(".recharts-bar-rectangle").first().waitFor();
      await page.getByRole("figure", { name: "Asistencia de las representaciones partidistas" }).waitFor();
      samples.push(performance.now() - start);
      await context.close();
    }
  } finally {
    await chromium.close();
    await app.close();
    await database.close();
  }
  return { samples, firstMs: samples[0] ?? Number.NaN };
}

export async function runWebBench(write: (line: string) => void): Promise<void> {
  await ensureWebBuild(write);
  write("\n## Web interface");
  const scripts = initialScripts();
  const total = scripts.reduce((sum, s) => sum + s.gzipBytes, 0);
  const raw = scripts.reduce((sum, s) => sum + s.bytes, 0);
  for (const script of scripts)
    write(
      `  ${script.file.padEnd(40)} ${(script.bytes / 1024).toFixed(1).padStart(8)} kB ${(script.gzipBytes / 1024).toFixed(1).padStart(8)} kB gzip`,
    );
  write(
    `initial JavaScript: ${(raw / 1024).toFixed(1)} kB, ${(total / 1024).toFixed(1)} kB gzip (budget 350 kB gzip)`,
  );
  if (!hasChromium) {
    write("sign-in → Inicio: not measured (no Chromium at /usr/bin/chromium)");
    return;
  }
  const { samples, firstMs } = await measureSignInToHome();
  write(
    `sign-in → Inicio rendered (demo data, Chromium, ${samples.length} fresh contexts): median ${median(samples).toFixed(0)} ms, ` +
      `first ${firstMs.toFixed(0)} ms, slowest ${Math.max(...samples).toFixed(0)} ms (target 1,500 ms)`,
  );
}
