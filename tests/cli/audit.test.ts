/**
 * `vincula audit` as the operator runs it: the demo imported from the command line is all in the trail, which
 * verifies; then one byte of one entry is edited in the database (with the append-only trigger disabled, as an
 * attacker with the owner's rights would) and `vincula audit verify` fails with code 5, naming that entry.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, openDatabase, queryRows } from "../../src/platform/db/open.ts";
import { runCli } from "../support/cli.ts";
import { availableEngines, openTestDatabase } from "../support/databases.ts";
import { DEMO_PATH } from "../support/large-dataset.ts";

const dir = mkdtempSync(join(tmpdir(), "vincula-cli-audit-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

for (const engine of availableEngines()) {
  describe(`vincula audit [${engine}]`, () => {
    const dataDir = mkdtempSync(join(dir, `${engine}-`));
    let env: Record<string, string> = { VINCULA_DATA_DIR: dataDir, VINCULA_ACTOR: "operadora" };
    let server: Awaited<ReturnType<typeof openTestDatabase>> | undefined;

    /** Works on the database with a connection of this process (PGlite: opened and closed again). */
    async function withDatabase<T>(work: (database: Database) => Promise<T>): Promise<T> {
      if (server) return work(server.database);
      const embedded = await openDatabase({ kind: "pglite", dataDir });
      try {
        return await work(embedded);
      } finally {
        await embedded.close();
      }
    }

    beforeAll(async () => {
      if (engine === "postgres") {
        server = await openTestDatabase("postgres");
        env = { ...env, DATABASE_URL: server.url as string };
      }
    }, 120_000);
    afterAll(async () => {
      await server?.drop();
    });

    it("verifies the trail of an import, then names the one entry whose byte was edited", {
      timeout: 120_000,
    }, async () => {
      const imported = await runCli(["import", DEMO_PATH], env);
      expect(imported.code, imported.stderr).toBe(0);

      const intact = await runCli(["audit", "verify"], env);
      expect(intact.code, intact.stderr).toBe(0);
      const [, count, seal] =
        intact.stdout.match(/^Bitácora íntegra: (\d+) entradas; último sello ([0-9a-f]{64})\.$/m) ?? [];
      expect(Number(count)).toBeGreaterThan(500);

      const log = await runCli(["audit", "log", "--table", "agreements", "--limit", "3"], env);
      expect(log.code, log.stderr).toBe(0);
      expect(log.stdout).toMatch(/cli:operadora {2}alta agreements [0-9a-f-]{36}/);
      expect(log.stdout).toMatch(/^3 de \d+ entradas \(las más recientes\)\.$/m);

      // One character of one agreement's title, inside the entry's `after`.
      const target = await withDatabase(async ({ db }) => {
        const [entry] = await queryRows<{ id: number; title: string }>(
          db,
          sql`select id::int as id, after->>'title' as title from audit_log
               where table_name = 'agreements' and operation = 'insert' order by id limit 1 offset 3`,
        );
        const title = entry?.title as string;
        const edited = `${title.slice(0, 10)}${title[10] === "x" ? "y" : "x"}${title.slice(11)}`;
        await db.transaction(async (tx) => {
          await tx.execute(sql`alter table audit_log disable trigger audit_log_append_only`);
          await tx.execute(
            sql`update audit_log set after = jsonb_set(after, '{title}', to_jsonb(${edited}::text)) where id = ${entry?.id}`,
          );
          await tx.execute(sql`alter table audit_log enable trigger audit_log_append_only`);
        });
        return entry?.id as number;
      });

      const tampered = await runCli(["audit", "verify"], env);
      expect(tampered.code).toBe(5);
      expect(tampered.stdout).toContain(`Bitácora alterada: entrada ${target} (`);
      expect(tampered.stdout).toContain("agreements");
      expect(tampered.stdout).toContain("la entrada fue alterada o cambió de lugar");
      expect(tampered.stdout).toContain(`${target - 1} entradas anteriores están íntegras`);
      expect(tampered.stdout).not.toContain(seal as string);

      const json = await runCli(["audit", "verify", "--json"], env);
      expect(json.code).toBe(5);
      expect(JSON.parse(json.stdout)).toMatchObject({
        ok: false,
        problem: { id: target, table: "agreements" },
      });
    });
  });
}
