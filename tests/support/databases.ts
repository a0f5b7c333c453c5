/**
 * Runs a database test suite against every engine: PGlite always, PostgreSQL when the run has a server (always
 * under CI). Each suite gets its own fresh, migrated database, so suites run in parallel and never share data.
 */
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import pg from "pg";
import { afterAll, beforeAll, describe, inject } from "vitest";
import type { UseCaseContext } from "../../src/domain/shared/context.ts";
import { type Database, openDatabase } from "../../src/platform/db/open.ts";
import { TEMPLATE_DATABASE, withDatabase } from "./global-setup.ts";

export type EngineName = "pglite" | "postgres";

export type TestDatabase = {
  engine: EngineName;
  /** Valid inside tests (after beforeAll). */
  database: Database;
  context: UseCaseContext;
  /** The connection string of the PostgreSQL database (postgres engine only). */
  url?: string;
};

export function availableEngines(): EngineName[] {
  return inject("postgresUrl") ? ["pglite", "postgres"] : ["pglite"];
}

/** Opens a fresh migrated database of the given engine; `drop()` removes it. */
export async function openTestDatabase(
  engine: EngineName,
): Promise<{ database: Database; url?: string; drop(): Promise<void> }> {
  if (engine === "pglite") {
    const snapshot = readFileSync(inject("pgliteSnapshot"));
    const database = await openDatabase({
      kind: "pglite",
      dataDir: undefined,
      loadDataDir: new Blob([snapshot]),
    });
    return { database, drop: () => database.close() };
  }
  const serverUrl = inject("postgresUrl");
  if (!serverUrl) throw new Error("No PostgreSQL server for this run");
  const name = `vincula_test_${randomUUID().replaceAll("-", "")}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name} template ${TEMPLATE_DATABASE}`);
  await admin.end();
  const url = withDatabase(serverUrl, name);
  const database = await openDatabase({ kind: "postgres", url });
  return {
    database,
    url,
    drop: async () => {
      await database.close();
      const cleaner = new pg.Client({ connectionString: serverUrl });
      await cleaner.connect();
      await cleaner.query(`drop database if exists ${name} with (force)`);
      await cleaner.end();
    },
  };
}

/** `describe` once per engine, with a fresh database for the block. */
export function describeEachEngine(name: string, body: (db: TestDatabase) => void): void {
  for (const engine of availableEngines()) {
    describe(`${name} [${engine}]`, () => {
      const handle = { engine } as TestDatabase;
      let drop: (() => Promise<void>) | undefined;
      beforeAll(async () => {
        const opened = await openTestDatabase(engine);
        drop = opened.drop;
        handle.database = opened.database;
        handle.url = opened.url;
        handle.context = { actor: { kind: "system", name: "test" }, db: opened.database.db };
      }, 60_000);
      afterAll(async () => {
        await drop?.();
      });
      body(handle);
    });
  }
}
