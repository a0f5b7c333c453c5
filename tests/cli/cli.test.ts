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

    it("edits the template, presents and approves the quarter's report, and then always gives the frozen files", {
      timeout: 240_000,
    }, async () => {
      // The demo plus the session that approves the report (as the fourth ordinary session of 2021 did).
      const demo = parse(readFileSync(DEMO, "utf8"));
      demo.sessions.push({
        key: "2021-ord-4",
        kind: "ordinary",
        number: 4,
        date: "2021-04-23",
        modality: "remote",
        status: "held",
        agenda: [
          { kind: "agenda_approval", title: "Aprobación del orden del día." },
          { kind: "minutes_approval", title: "Aprobación de la minuta de la tercera sesión ordinaria." },
          { kind: "resolution", title: "Presentación y aprobación del primer informe trimestral 2021." },
        ],
      });
      demo.resolutions.push({
        number: "CVOE/011/21",
        session: "2021-ord-4",
        agendaItem: 3,
        title: "Aprobación del primer informe trimestral de actividades 2021.",
      });
      const file = join(dir, "with-fourth-session.yaml");
      writeFileSync(file, stringify(demo));
      expect((await runCli(["import", file, "--replace"], env)).code).toBe(0);

      // The template: shown as YAML, refused with a precise message, stored when valid.
      const shown = await runCli(["report-template", "--commission", "cvoe"], env);
      expect(shown.code, shown.stderr).toBe(0);
      const template = parse(shown.stdout);
      expect(template.headings.results).toBe("Principales resultados");
      template.headings.results = "{periodo}";
      const templateFile = join(dir, "template.yaml");
      writeFileSync(templateFile, stringify(template));
      const refused = await runCli(["report-template", "--commission", "cvoe", "--set", templateFile], env);
      expect(refused.code).toBe(3);
      expect(refused.stderr).toContain("headings.results: «{periodo}» marcador desconocido {periodo}");
      template.headings.results = "Resultados de la {acronym}";
      writeFileSync(templateFile, stringify(template));
      const stored = await runCli(["report-template", "--commission", "cvoe", "--set", templateFile], env);
      expect(stored.code, stored.stderr).toBe(0);

      // Present in point 3 of the fourth session, approve with CVOE/011/21.
      const wrongPoint = await runCli(
        [
          "report-present",
          "--commission",
          "cvoe",
          "--period",
          "2021-Q1",
          "--session",
          "2021-04-23",
          "--point",
          "9",
        ],
        env,
      );
      expect(wrongPoint.code).toBe(4);
      expect(wrongPoint.stderr).toContain("no tiene punto 9");
      const presented = await runCli(
        [
          "report-present",
          "--commission",
          "cvoe",
          "--period",
          "2021-Q1",
          "--session",
          "2021-04-23",
          "--point",
          "3",
        ],
        env,
      );
      expect(presented.code, presented.stderr).toBe(0);
      const out = join(dir, "aprobado");
      const approved = await runCli(
        [
          "report-approve",
          "--commission",
          "cvoe",
          "--period",
          "2021-Q1",
          "--resolution",
          "CVOE/011/21",
          "--out",
          out,
        ],
        env,
      );
      expect(approved.code, approved.stderr).toBe(0);
      const markdown = readFileSync(join(out, "informe-cvoe-2021-Q1.md"), "utf8");
      expect(markdown).toContain("CVOE/011/21");
      expect(markdown).toContain("# III. Resultados de la CVOE");
      const pdf = readFileSync(join(out, "informe-cvoe-2021-Q1.pdf"));

      // Changing the template afterwards does not change the approved report: `report` writes the frozen files.
      expect((await runCli(["report-template", "--commission", "cvoe", "--reset"], env)).code).toBe(0);
      const later = join(dir, "despues");
      const again = await runCli(
        ["report", "--commission", "cvoe", "--period", "2021-Q1", "--format", "md,pdf", "--out", later],
        env,
      );
      expect(again.code, again.stderr).toBe(0);
      expect(again.stderr).toContain("congelados");
      expect(readFileSync(join(later, "informe-cvoe-2021-Q1.md"), "utf8")).toBe(markdown);
      expect(readFileSync(join(later, "informe-cvoe-2021-Q1.pdf")).equals(pdf)).toBe(true);

      const twice = await runCli(
        ["report-approve", "--commission", "cvoe", "--period", "2021-Q1", "--resolution", "CVOE/011/21"],
        env,
      );
      expect(twice.code).not.toBe(0);
      expect(twice.stderr).toContain("report_frozen");

      // Replacing the commission's records would delete the approved report: refused, nothing changes.
      const replace = await runCli(["import", file, "--replace"], env);
      expect(replace.code).toBe(3);
      expect(replace.stderr).toContain("tiene informes aprobados (2021-Q1)");
    });
  });
}
