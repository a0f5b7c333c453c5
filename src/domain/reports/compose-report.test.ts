import { readFileSync } from "node:fs";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { describeEachEngine } from "../../../tests/support/databases.ts";
import { smallDataset } from "../../../tests/support/dataset-fixture.ts";
import { uniqueKey } from "../../../tests/support/factories.ts";
import { renderMarkdown } from "../../documents/render-markdown.ts";
import { resolveDocument } from "../../documents/report-document.ts";
import { commissions } from "../../platform/db/schema.ts";
import { importDataset, importDatasetText } from "../dataset/import-dataset.ts";
import { checkReportPeriod } from "./check-report-period.ts";
import { collectReportFacts } from "./collect-report-facts.ts";
import { composeReport } from "./compose-report.ts";

const DEMO = readFileSync(join(import.meta.dirname, "../../../demo/cvoe-2021-q1.yaml"), "utf8");

describeEachEngine("composing the demo quarter's report", (t) => {
  let markdown: string;
  beforeAll(async () => {
    await importDatasetText(t.context, DEMO);
    const commission = await t.context.db.query.commissions.findFirst({ where: eq(commissions.key, "cvoe") });
    const facts = await collectReportFacts(t.context, { commissionId: commission?.id, period: "2021-Q1" });
    const document = composeReport(facts);
    resolveDocument(document);
    markdown = renderMarkdown(document);
  });

  it("derives the sessions section from the records, dates and weekdays computed", () => {
    expect(markdown).toContain(
      "PRIMER INFORME TRIMESTRAL DE ACTIVIDADES DE LA COMISIÓN PERMANENTE DE VINCULACIÓN CON ORGANISMOS EXTERNOS 2021",
    );
    expect(markdown).toContain("la Comisión celebró tres sesiones ordinarias en modalidad a distancia");
    expect(markdown).toContain("Celebrada el jueves 25 de marzo de 2021");
    expect(markdown).not.toContain("29 de febrero");
    expect(markdown).toContain("Presidencia: Erika Estrada Ruiz");
  });

  it("names the members alphabetically and tells the signing ceremony of 2 E once", () => {
    expect(markdown).toContain("y por Bernardo Valle Monroy y César Ernesto Ramos Mega.");
    expect(
      markdown.match(
        /se celebró el acto protocolario de firma del convenio entre el IECM y el Instituto de la Juventud/gi,
      ),
    ).toHaveLength(1);
  });

  it("lists the ten resolutions under their sessions with the split in words", () => {
    expect(markdown).toContain(
      "adoptó un total de 10 acuerdos: cuatro en la primera sesión ordinaria, dos en la segunda sesión ordinaria y cuatro en la tercera sesión ordinaria",
    );
    const first = markdown.indexOf("Primera sesión ordinaria, jueves 21 de enero de 2021:");
    const third = markdown.indexOf("Tercera sesión ordinaria, jueves 25 de marzo de 2021:");
    expect(first).toBeGreaterThan(0);
    expect(markdown.indexOf("CVOE/004/21")).toBeGreaterThan(first);
    expect(markdown.indexOf("CVOE/004/21")).toBeLessThan(third);
    expect(markdown.indexOf("CVOE/010/21")).toBeGreaterThan(third);
  });

  it("has one chapter per strategic line and one part per action, with activities or their justification", () => {
    for (const line of ["1\\.", "2\\.", "3\\.", "4\\.", "5\\.", "6\\."])
      expect(markdown).toMatch(new RegExp(`^## ${line}`, "m"));
    expect(markdown).toContain("programadas para el cuarto trimestre de 2021");
    expect(markdown).toContain("Miércoles 06 y viernes 08 de enero de 2021");
  });

  it("reproduces the reference's tables 2.1–2.5, numbered per chapter and cited by their number", () => {
    expect(markdown).toContain("**Tabla 2.1.** Gestión directa de convenios interinstitucionales");
    expect(markdown).toContain("**Tabla 2.5.** Opiniones de pertinencia emitidas");
    expect(markdown).toContain(
      "se gestionó la suscripción de dos convenios interinstitucionales, de los cuales da cuenta la tabla 2.1",
    );
    expect(markdown).toContain(
      "suscripción de siete instrumentos jurídicos, de los cuales se da cuenta en la tabla 2.2",
    );
    expect(markdown).toContain("reportaron avances en 22 convenios (tabla 2.3)");
    expect(markdown).toContain("se emitieron doce opiniones de pertinencia, que la tabla 2.5 pormenoriza");
    // The reference printed «Lunes 26 de febrero de 2021»: the weekday is computed, so it is Friday here.
    expect(markdown).toContain("Viernes 26 de febrero de 2021");
    expect(markdown).not.toMatch(/Lunes 26 de febrero/);
    expect(markdown).toContain("Primera, segunda y tercera");
    expect(markdown).toContain(
      "El miércoles 24 de marzo de 2021, a través de medios electrónicos, se celebró el acto protocolario",
    );
    const table22 = markdown.slice(markdown.indexOf("**Tabla 2.2.**"), markdown.indexOf("**Tabla 2.3.**"));
    expect(table22.split("\n").filter((line) => /^\| \d+\. \|/.test(line))).toHaveLength(7);
  });

  it("reproduces the activity tables of section III with their counts: notes, sessions followed, SIVOPLE, 3.1, 3.2", () => {
    expect(markdown).toContain("realizándose ocho notas ejecutivas");
    expect(markdown).toContain("se realizaron 13 reportes");
    expect(markdown).toContain("**Tabla 3.1.** Pláticas en universidades");
    expect(markdown).toContain("**Tabla 3.2.** Información difundida a la Red de Observación");
    expect(markdown).toContain("se enviaron 21 correos electrónicos con información relevante (tabla 3.2)");
    expect(markdown).toContain("Voto Chilango 28 correos electrónicos");
    const table31 = markdown.slice(markdown.indexOf("**Tabla 3.1.**"), markdown.indexOf("**Tabla 3.2.**"));
    expect(table31.split("\n").filter((line) => line.startsWith("| ") && /2021/.test(line))).toHaveLength(8);
    // Every activity of the quarter appears: those no table shows are listed.
    expect(markdown).toContain("Pulso Electoral Migrante");
  });
});

describeEachEngine("composing and checking an annual report", (t) => {
  it("lists a year's sessions one per row, abbreviates the attendance columns and summarises the programme by quarter", async () => {
    const suffix = uniqueKey("annual");
    const d = smallDataset(suffix);
    const second = d.sessions?.[1] as NonNullable<typeof d.sessions>[number];
    // Four more ordinary sessions, one of them extraordinary, through the year; an activity in the fourth quarter.
    for (const [number, date, kind] of [
      [3, "2021-05-27", "ordinary"],
      [1, "2021-07-08", "extraordinary"],
      [4, "2021-09-30", "ordinary"],
      [5, "2021-11-25", "ordinary"],
    ] as const) {
      d.sessions?.push({ ...second, key: `2021-${kind}-${number}`, number, date, kind, agenda: [] });
    }
    d.activities?.push({
      ...(d.activities[0] as NonNullable<typeof d.activities>[number]),
      key: "note-q4",
      dates: ["2021-10-14"],
    });
    // Action 1A: nothing in the second quarter, but the reason is recorded.
    const actionA = d.programmes?.[0]?.lines?.[0]?.actions?.[0] as { justifications?: unknown[] };
    actionA.justifications = [{ quarter: 2, text: "Sin sesiones del Consejo General en el trimestre." }];
    await importDataset(t.context, d);
    const commission = await t.context.db.query.commissions.findFirst({
      where: eq(commissions.key, `cx-${suffix}`),
    });
    const facts = await collectReportFacts(t.context, { commissionId: commission?.id, period: "2021" });
    const document = composeReport(facts);
    resolveDocument(document);
    const markdown = renderMarkdown(document);

    expect(markdown).toContain("INFORME ANUAL DE ACTIVIDADES DE LA");
    expect(markdown).toContain("la Comisión celebró seis sesiones");
    expect(markdown).toContain("| Sesión | Fecha |");
    expect(markdown).toContain("| Primera sesión extraordinaria | Jueves 8 de julio de 2021 |");
    expect(markdown).toMatch(
      /\| Integrantes e invitados \| 1ª ord\. \| 2ª ord\. \| 3ª ord\. \| 1ª ext\. \| 4ª ord\. \| 5ª ord\. \|/,
    );
    expect(markdown).toContain("correspondiente al periodo comprendido entre enero y diciembre de 2021");
    // Action 1A: two activities in Q1 (one spans February and March), none in Q2 (justified) and Q3, one in Q4.
    expect(markdown).toContain(
      "| 1 A) | El seguimiento puntual a las sesiones del Consejo | 2 | J | 0 | 1 |",
    );
    // Action 1B: programmed for Q3 only, justified in Q1 although not programmed there.
    expect(markdown).toContain("| 1 B) | Pláticas en universidades | — | — | 0 | — |");

    // The checks ask for an activity or a justification in each programmed quarter of the year.
    const findings = await checkReportPeriod(t.context, { commissionId: commission?.id, period: "2021" });
    const missing = findings
      .filter((f) => f.code === "action_without_activity_or_justification")
      .map((f) => f.message);
    expect(missing).toEqual([
      expect.stringContaining("La acción 1.A está programada para el tercer trimestre de 2021"),
      expect.stringContaining("La acción 1.B está programada para el tercer trimestre de 2021"),
    ]);
  });
});
