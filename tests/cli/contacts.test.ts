/**
 * `vincula contacts` as the operator runs it (embedded database; the use cases are tested on both engines):
 * a preview that saves nothing, an import with --commit, and one person's data as JSON, the read logged.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOutreachList } from "../../src/domain/outreach/lists.ts";
import type { UseCaseContext } from "../../src/domain/shared/context.ts";
import { openDatabase } from "../../src/platform/db/open.ts";
import { contactListReads } from "../../src/platform/db/schema.ts";
import { runCli } from "../support/cli.ts";
import { buildCommission } from "../support/factories.ts";

const dir = mkdtempSync(join(tmpdir(), "vincula-cli-contacts-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("vincula contacts [pglite]", () => {
  const dataDir = join(dir, "data");
  const env = { VINCULA_DATA_DIR: dataDir, VINCULA_ACTOR: "operadora" };
  const file = join(dir, "contactos.csv");

  beforeAll(async () => {
    const database = await openDatabase({ kind: "pglite", dataDir });
    try {
      await database.migrate();
      const ctx: UseCaseContext = { actor: { kind: "system", name: "test" }, db: database.db };
      const commission = await buildCommission(ctx, { key: "cvoe" });
      await createOutreachList(ctx, {
        commissionId: commission.id,
        key: "voto-chilango",
        name: "Voto Chilango",
        purpose: "Informar sobre el voto desde el extranjero",
        retentionMonths: 36,
        privacyNoticeVersion: "2021-01",
      });
    } finally {
      await database.close();
    }
    writeFileSync(
      file,
      [
        "correo,nombre,fuente del consentimiento,fecha de consentimiento",
        "ana@example.com,Ana,formulario web,10/01/2021",
        "Ana@Example.com,Ana otra vez,formulario web,10/01/2021",
        "luis@example.com,Luis,,10/01/2021",
      ].join("\n"),
    );
  }, 120_000);

  it("previews, imports with --commit, and exports one person's data", { timeout: 120_000 }, async () => {
    const preview = await runCli(["contacts", "import", "--list", "voto-chilango", file], env);
    expect(preview.code, preview.stderr).toBe(0);
    expect(preview.stdout).toContain(
      "Fila 3 (Ana@Example.com): correo: «ana@example.com» repite el correo de la fila 2",
    );
    expect(preview.stdout).toContain("Fila 4 (luis@example.com): fuente del consentimiento: falta la fuente");
    expect(preview.stdout).toContain("3 filas: 1 válidas, 2 rechazadas. No se guardó nada");

    const committed = await runCli(["contacts", "import", "--list", "voto-chilango", file, "--commit"], env);
    expect(committed.code, committed.stderr).toBe(0);
    expect(committed.stdout).toMatch(/Se importaron 1 contactos/);

    const exported = await runCli(["contacts", "export-person", "ANA@example.com"], env);
    expect(exported.code, exported.stderr).toBe(0);
    const data = JSON.parse(exported.stdout);
    expect(data.contacts).toHaveLength(1);
    expect(data.contacts[0]).toMatchObject({ name: "Ana", list: { key: "voto-chilango" } });

    const missing = await runCli(["contacts", "import", "--list", "no-existe", file], env);
    expect(missing.code).toBe(4);

    const database = await openDatabase({ kind: "pglite", dataDir });
    try {
      const reads = await database.db.select().from(contactListReads);
      expect(reads.map((read) => [read.actor, read.purpose])).toEqual([["cli:operadora", "person-export"]]);
    } finally {
      await database.close();
    }
  });
});
