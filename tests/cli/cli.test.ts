import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { runCli } from "../support/cli.ts";
import { availableEngines, openTestDatabase } from "../support/databases.ts";

const DEMO = join(import.meta.dirname, "../../demo/cvoe-2021-q1.yaml");

describe("vincula --help", () => {
  it("documents every command and its exit codes", async () => {
    const result = await runCli(["--help"], {});
    expect(result.code).toBe(0);
    for (const command of ["serve", "migrate", "import", "export", "search", "check", "report"]) {
      expect(result.stdout).toContain(command);
    }
    expect(result.stdout).toContain("Códigos de salida");
    const importHelp = await runCli(["import", "--help"], {});
    expect(importHelp.stdout).toContain("--dry-run");
  });

  it("rejects an unknown command with exit code 2", async () => {
    const result = await runCli(["frobnicate"], {});
    expect(result.code).toBe(2);
  });

  it("stops with a Spanish message and exit code 2 on a bad configuration", async () => {
    const result = await runCli(["migrate"], { DATABASE_URL: "mysql://nope" });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("DATABASE_URL");
  });
});

for (const engine of availableEngines()) {
  describe(`vincula import/export/search/check on the demo data [${engine}]`, () => {
    const dir = mkdtempSync(join(tmpdir(), "vincula-cli-"));
    let env: Record<string, string> = { VINCULA_DATA_DIR: dir };
    let drop: (() => Promise<void>) | undefined;
    afterAll(async () => {
      await drop?.();
      rmSync(dir, { recursive: true, force: true });
    });

    // Each command is a new process that opens the database: slow on purpose, as a user would run it.
    it("imports the demo, refuses a broken file naming every problem, and leaves the records as they were", {
      timeout: 240_000,
    }, async () => {
      if (engine === "postgres") {
        const opened = await openTestDatabase("postgres");
        drop = opened.drop;
        env = { ...env, DATABASE_URL: opened.url as string };
      }
      const imported = await runCli(["import", DEMO], env);
      expect(imported.stderr).toContain("[1/");
      expect(imported.code, imported.stderr).toBe(0);
      expect(imported.stdout).toContain("sessions: 3");
      expect(imported.stdout).toContain("resolutions: 10");

      const before = await runCli(["export", "--commission", "cvoe"], env);
      expect(before.code, before.stderr).toBe(0);

      // The reference's own defects, imported as typed, plus an unknown person.
      const broken = parse(readFileSync(DEMO, "utf8"));
      broken.activities.find((a: { key: string }) => a.key.includes("sivople")).dates = ["2021-02-29"];
      broken.sessions[0].attendance[0].person = "erika-estrada-ruíz";
      broken.resolutions[9].number = "CVOE/009/21";
      const file = join(dir, "broken.yaml");
      writeFileSync(file, stringify(broken));
      const rejected = await runCli(["import", file, "--replace"], env);
      expect(rejected.code).toBe(3);
      expect(rejected.stderr).toMatch(/activities\[\d+\]\.dates\[0\]: «2021-02-29» no es una fecha válida/);
      expect(rejected.stderr).toContain("sessions[0].attendance[0].person: «erika-estrada-ruíz»");
      expect(rejected.stderr).toContain("resolutions[9].number: «CVOE/009/21» número de acuerdo repetido");

      const after = await runCli(["export", "--commission", "cvoe"], env);
      expect(after.stdout).toBe(before.stdout);

      const again = await runCli(["import", DEMO], env);
      expect(again.code).toBe(4);
      expect(again.stderr).toContain("commission_exists");
    });

    it("searches accent-insensitively and checks the records", { timeout: 120_000 }, async () => {
      const search = await runCli(["search", "pertinencia", "unam", "--json"], env);
      expect(search.code, search.stderr).toBe(0);
      const hits = JSON.parse(search.stdout) as { type: string; title: string }[];
      expect(hits.some((hit) => hit.type === "pertinence_opinion")).toBe(true);

      const check = await runCli(["check", "--commission", "cvoe", "--json"], env);
      const findings = JSON.parse(check.stdout) as { code: string; severity: string }[];
      expect(findings.filter((f) => f.severity === "error")).toEqual([]);
      expect(check.code).toBe(0);

      const out = join(dir, "informes");
      const report = await runCli(
        ["report", "--commission", "cvoe", "--period", "2021-Q1", "--format", "md", "--out", out],
        env,
      );
      expect(report.code, report.stderr).toBe(0);
      const markdown = readFileSync(join(out, "informe-cvoe-2021-Q1.md"), "utf8");
      expect(markdown).toContain("Tercera sesión ordinaria, jueves 25 de marzo de 2021:");
      expect(report.stdout).toMatch(/sha256 [0-9a-f]{64}/);

      const missing = await runCli(["check", "--commission", "nope"], env);
      expect(missing.code).toBe(4);
      expect(missing.stderr).toContain("No existe la comisión «nope»");
    });
  });
}
