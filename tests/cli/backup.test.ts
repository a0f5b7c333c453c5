/**
 * `vincula backup` and `vincula restore` as a user runs them, and what a crash does: a restore and an import are
 * killed with SIGKILL half-way (the whole process group, as a power cut or the OOM killer would), and the database
 * — the embedded one in its data directory, or the PostgreSQL server — is then exactly as it was before.
 */
import { createWriteStream, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { stringify } from "yaml";
import { createBackup } from "../../src/domain/backup/create-backup.ts";
import { importDataset, importDatasetText } from "../../src/domain/dataset/import-dataset.ts";
import { type Database, openDatabase } from "../../src/platform/db/open.ts";
import { LocalFileStore } from "../../src/platform/files.ts";
import { databaseDigest, runCliUntil } from "../support/backups.ts";
import { runCli } from "../support/cli.ts";
import { availableEngines, openTestDatabase } from "../support/databases.ts";
import { DEMO_PATH, largeCommission } from "../support/large-dataset.ts";

const DEMO = readFileSync(DEMO_PATH, "utf8");
const system = (database: Database) => ({
  actor: { kind: "system", name: "test" } as const,
  db: database.db,
});
/** Large enough that a restore or an import is still writing when its progress line is read. */
const FACTOR = 20;

const dir = mkdtempSync(join(tmpdir(), "vincula-cli-backup-"));
const bigBackup = join(dir, "large.tar.gz");
const bigDataset = join(dir, "large.yaml");

beforeAll(async () => {
  // A backup of the demo plus one commission 20× the demo's size, made in process.
  const scratch = await openTestDatabase("pglite");
  try {
    await importDatasetText(system(scratch.database), DEMO);
    await importDataset(system(scratch.database), largeCommission(1, FACTOR));
    await createBackup(system(scratch.database), {
      files: new LocalFileStore(join(dir, "scratch-files")),
      output: createWriteStream(bigBackup),
      engine: "pglite",
    });
  } finally {
    await scratch.drop();
  }
  writeFileSync(bigDataset, stringify(largeCommission(2, FACTOR)));
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

for (const engine of availableEngines()) {
  describe(`vincula backup / restore and crashes [${engine}]`, () => {
    const dataDir = mkdtempSync(join(dir, `${engine}-`));
    let env: Record<string, string> = { VINCULA_DATA_DIR: dataDir };
    let server: Awaited<ReturnType<typeof openTestDatabase>> | undefined;
    let before: Record<string, string>;

    /** Every table's digest, read with a connection of this process (PGlite: opened and closed again). */
    async function digest(): Promise<Record<string, string>> {
      if (server) return databaseDigest(server.database.db);
      const embedded = await openDatabase({ kind: "pglite", dataDir });
      try {
        return await databaseDigest(embedded.db);
      } finally {
        await embedded.close();
      }
    }

    beforeAll(async () => {
      if (engine === "postgres") {
        server = await openTestDatabase("postgres");
        env = { ...env, DATABASE_URL: server.url as string };
        await importDatasetText(system(server.database), DEMO);
      } else {
        const snapshot = new Blob([readFileSync(inject("pgliteSnapshot"))]);
        const embedded = await openDatabase({ kind: "pglite", dataDir, loadDataDir: snapshot });
        await importDatasetText(system(embedded), DEMO);
        await embedded.close();
      }
      before = await digest();
    }, 120_000);
    afterAll(async () => {
      await server?.drop();
    });

    it("backs up, and restores only into an empty database or with --replace", {
      timeout: 120_000,
    }, async () => {
      const file = join(dataDir, "demo.tar.gz");
      const backup = await runCli(["backup", "--out", file], env);
      expect(backup.code, backup.stderr).toBe(0);
      expect(backup.stdout).toMatch(/\[\d+\/\d+\] public\.activities: 123 filas/);
      expect(backup.stdout).toMatch(/sha256 del contenido: [0-9a-f]{64}/);

      const refused = await runCli(["restore", file], env);
      expect(refused.code).toBe(3);
      expect(refused.stderr).toContain("Error [database_not_empty]: La base de datos ya tiene registros");

      const damaged = join(dataDir, "damaged.tar.gz");
      const bytes = readFileSync(file);
      const middle = Math.floor(bytes.length / 2);
      bytes[middle] = (bytes[middle] as number) ^ 0xff;
      writeFileSync(damaged, bytes);
      const rejected = await runCli(["restore", damaged, "--replace"], env);
      expect(rejected.code).toBe(3);
      expect(rejected.stderr).toContain(
        "Error [backup_invalid]: La copia de seguridad no es válida o está dañada",
      );

      const missing = await runCli(["restore", join(dataDir, "nope.tar.gz")], env);
      expect(missing.code).toBe(4);
      expect(await digest()).toEqual(before);

      const replaced = await runCli(["restore", file, "--replace"], env);
      expect(replaced.code, replaced.stderr).toBe(0);
      expect(replaced.stdout).toContain("Copia restaurada");
      expect(await digest()).toEqual(before);
    });

    it("a restore killed half-way leaves the database as it was", { timeout: 120_000 }, async () => {
      // Killed once it has inserted the largest table (2,460 activities): past emptying every table, with enough
      // written that PGlite has flushed WAL to disk and must run its crash recovery, and thousands of rows to go.
      const run = await runCliUntil(
        ["restore", bigBackup, "--replace"],
        env,
        /public\.activities: \d+ filas/,
      );
      expect(run.signal, run.output).toBe("SIGKILL");
      expect(run.output).not.toContain("Copia restaurada");
      expect(await digest()).toEqual(before);
    });

    it("an import killed half-way leaves the database as it was, and it still works", {
      timeout: 120_000,
    }, async () => {
      const run = await runCliUntil(["import", bigDataset], env, /\[4\/\d+\] /);
      expect(run.signal, run.output).toBe("SIGKILL");
      expect(run.output).not.toContain("se importó");
      expect(await digest()).toEqual(before);

      const restored = await runCli(["restore", bigBackup, "--replace"], env);
      expect(restored.code, restored.stderr).toBe(0);
      const after = await digest();
      expect(after["public.activities"]).toMatch(new RegExp(`^${123 * (FACTOR + 1)} rows`));
    });
  });
}
