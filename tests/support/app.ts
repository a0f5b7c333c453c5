/** The real Fastify app over a test database, with its own temporary file store. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { buildApp } from "../../src/http/app.ts";
import type { Database } from "../../src/platform/db/open.ts";
import { LocalFileStore } from "../../src/platform/files.ts";

export type TestApp = { app: FastifyInstance; filesDir: string; close(): Promise<void> };

export async function openTestApp(
  database: Database,
  options: { maxUploadBytes?: number } = {},
): Promise<TestApp> {
  const filesDir = mkdtempSync(join(tmpdir(), "vincula-files-"));
  const app = await buildApp({
    database,
    files: new LocalFileStore(filesDir),
    config: { actorName: "test", logLevel: "silent", maxUploadBytes: options.maxUploadBytes ?? 1_000_000 },
    logger: false,
  });
  return {
    app,
    filesDir,
    close: async () => {
      await app.close();
      rmSync(filesDir, { recursive: true, force: true });
    },
  };
}
