/**
 * The generated report against the real one (demo/reference/primer-informe-trimestral-2021.txt, whose tables are
 * tab-separated lines), read back from the files it produces — the DOCX's XML and the PDF's text — never from the
 * document tree:
 *  - every table of the reference (sessions, attendance, the three of 1 B, SIVOPLE, tablas 2.1–2.5, 3.1 and 3.2,
 *    Voto Chilango e-mails, workshops, events, international notes) has its generated table, under the same part,
 *    with the same caption and number, the same header and every row in the same order, every cell equal after
 *    normalisation (whitespace collapsed; a written date compared by its value, never by its weekday; a cell's
 *    final period and a space before a comma ignored). In the DOCX cell by cell, a followed body's name merged
 *    over its rows; in the PDF text, every row's cells one after another, each row right after the previous one
 *    (only a page break or a merged body name may stand between them);
 *  - every deviation from the reference is a numbered entry of demo/CORRECTIONS.md, cited where it is applied; a
 *    cell correction that matches no cell or changes nothing fails as stale, and every cited number must exist;
 *  - the ten resolutions under their sessions; every section, strategic line and lettered part as a heading, in
 *    order; the recorded justification of every part with nothing in the quarter; every «tabla X.Y» of the text
 *    pointing at the next table, captioned «Tabla X.Y»; the count stated before a table being its number of rows.
 * The report is generated once per engine (DOCX and PDF, a few seconds each; the file takes about 25 s on both
 * engines); the last block generates it from a broken copy of the demo data (a row missing, two rows swapped, a
 * wrong mark) to show that the comparison fails where it should, and only there.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { importDatasetText } from "../src/domain/dataset/import-dataset.ts";
import { generateReport } from "../src/domain/reports/generate-report.ts";
import type { UseCaseContext } from "../src/domain/shared/context.ts";
import { commissions } from "../src/platform/db/schema.ts";
import { describeEachEngine, openTestDatabase } from "./support/databases.ts";
import {
  blocksUnder,
  collapse,
  type DocxBlock,
  findInOrder,
  hasPoppler,
  headingLevel,
  normaliseDates,
  pdfForm,
  pdfSearchText,
  readDocx,
  readPdfText,
  rowEndAt,
} from "./support/report-text.ts";

const ROOT = join(import.meta.dirname, "..");
const DEMO = readFileSync(join(ROOT, "demo/cvoe-2021-q1.yaml"), "utf8");
const REFERENCE = readFileSync(join(ROOT, "demo/reference/primer-informe-trimestral-2021.txt"), "utf8").split(
  "\n",
);
/** Line n of the reference, 1-based as demo/CORRECTIONS.md cites them. */
const line = (n: number) => REFERENCE[n - 1] ?? "";

/**
 * The form in which texts are compared: whitespace collapsed; dates as «[2021-01-21]» (the weekday is not
 * compared: the generator computes it and the reference has wrong ones, CORRECTIONS 10 and section 3; a missing
 * «de» before the month is read too, CORRECTIONS 9); no space before a comma or period and no final period (the
 * reference is inconsistent about both, CORRECTIONS 48).
 */
const normalise = (text: string) =>
  normaliseDates(collapse(text))
    .replace(/\s+([,.;:])/g, "$1")
    .replace(/\.$/, "");

type Rows = string[][];

/**
 * A cell the records hold differently from the reference: `says` becomes `holds` (both as printed), in the cell at
 * `at` ([row, column] of the body, row −1 being the header) or wherever it occurs in the table. Corrections apply
 * in order, so one may start from what an earlier one made.
 */
type Correction = { entry: number; says: string; holds: string; at?: [number, number] };

type TableSpec = {
  name: string;
  /** The reference's lines (1-based, inclusive), the header first; blank lines inside are page-break artefacts. */
  lines: [number, number];
  /** Reference lines that continue the previous row after a page break (with the CORRECTIONS entry). */
  continuations?: { line: number; entry: number }[];
  /** How many lines of the reference the header takes (1 unless a group heading spans some columns). */
  headerLines?: number;
  /** The headings the generated table is under, and its position among the tables there. */
  part: string[];
  index?: number;
  /** The reference's caption line, for a numbered table. */
  caption?: number;
  /** The column whose cells are merged over the rows of one followed body (blank in the reference's next rows). */
  mergedColumn?: number;
  corrections?: Correction[];
  /** Rows dropped, moved or reordered, after the cell corrections (`rows` are normalised). */
  rows?: (rows: Rows) => Rows;
};

/** Applies the cell corrections; one that matches no cell or changes nothing is stale, an error. */
function correct(name: string, rows: Rows, corrections: Correction[] = []): void {
  for (const c of corrections) {
    const [says, holds] = [normalise(c.says), normalise(c.holds)];
    if (says === holds) throw new Error(`${name}: CORRECTIONS ${c.entry} changes nothing`);
    let applied = 0;
    rows.forEach((row, r) => {
      row.forEach((cell, k) => {
        if (c.at && (c.at[0] !== r - 1 || c.at[1] !== k)) return;
        if (cell !== says) return;
        row[k] = holds;
        applied += 1;
      });
    });
    if (applied === 0) throw new Error(`${name}: CORRECTIONS ${c.entry} («${c.says}») matches no cell`);
  }
}

/** The reference table as the generated one must be: its header and body rows, normalised and corrected. */
function expectedTable(spec: TableSpec): { header: string[]; pdfHeader: string[]; rows: Rows } {
  const lines = REFERENCE.slice(spec.lines[0] - 1, spec.lines[1]).map((text, i) => ({
    line: spec.lines[0] + i,
    cells: text.split("\t").map(normalise),
  }));
  const headerCount = spec.headerLines ?? 1;
  const headerLines = lines.slice(0, headerCount).map((l) => l.cells);
  const width = Math.max(...headerLines.map((cells) => cells.length));
  // A header of two lines (a group heading over some columns) is read as its cells in reading order.
  const header =
    headerCount === 1 ? (headerLines[0] as string[]) : headerLines.flat().filter((cell) => cell !== "");
  const rows: Rows = [];
  for (const { line: n, cells } of lines.slice(headerCount)) {
    // Blank lines, and the header printed again after a page break (CORRECTIONS 48).
    if (cells.every((cell) => cell === "")) continue;
    if (headerLines.some((h) => h.join("\t") === cells.join("\t"))) continue;
    const padded = [...cells, ...Array<string>(Math.max(0, width - cells.length)).fill("")];
    if (spec.continuations?.some((c) => c.line === n)) {
      const previous = rows[rows.length - 1] as string[];
      padded.forEach((cell, k) => {
        if (cell) previous[k] = normalise(`${previous[k]} ${cell}`);
      });
      continue;
    }
    rows.push(padded);
  }
  const table = [header, ...rows];
  correct(spec.name, table, spec.corrections);
  const [correctedHeader, ...corrected] = table as [string[], ...Rows];
  let body = spec.rows ? spec.rows(corrected) : corrected;
  if (correctedHeader[0] === "No") {
    // The reference numbers its rows 1…n; the generator numbers the rows it shows.
    corrected.forEach((row, i) => {
      if (row[0] !== String(i + 1))
        throw new Error(`${spec.name}: reference row ${i + 1} is numbered ${row[0]}`);
    });
    body = body.map((row, i) => [String(i + 1), ...row.slice(1)]);
  }
  // The PDF's text reads a two-row header by height: the group headings at the top, then the headers that span
  // both rows (centred between them), then the second row.
  const [first = [], second = []] = headerLines;
  const flat = [
    ...first.flatMap((cell, k) => (cell === "" ? [] : [{ line: 1, spansBoth: second[k] === "" }])),
    ...second.flatMap((cell) => (cell === "" ? [] : [{ line: 2, spansBoth: false }])),
  ].map((place, index) => ({ ...place, index }));
  const pdfHeader =
    headerCount === 1
      ? correctedHeader
      : [
          ...flat.filter((c) => c.line === 1 && !c.spansBoth),
          ...flat.filter((c) => c.spansBoth),
          ...flat.filter((c) => c.line === 2),
        ].map((c) => correctedHeader[c.index] as string);
  return { header: correctedHeader, pdfHeader, rows: body };
}

/** Moves body row `from` (1-based) to position `to`. */
function move(rows: Rows, from: number, to: number): Rows {
  const copy = [...rows];
  const [row] = copy.splice(from - 1, 1);
  copy.splice(to - 1, 0, row as string[]);
  return copy;
}
const dateOf = (cell: string | undefined) => /\[(\d{4}-\d{2}-\d{2})\]/.exec(cell ?? "")?.[1] ?? "";
const ORDINALS = ["primera", "segunda", "tercera", "cuarta"];
const firstWord = (value: string | undefined) => (value ?? "").split(/[\s,]/)[0]?.toLowerCase() ?? "";

const ORDINARIA: Correction = {
  entry: 49,
  says: "Tercera sesión Ordinaria",
  holds: "Tercera sesión ordinaria",
};
const ARCHIVO: Correction = {
  entry: 31,
  says: "Unidad Técnica de Archivo Logística y Apoyo a los Órganos Desconcentrados",
  holds: "Unidad Técnica de Archivo, Logística y Apoyo a los Órganos Desconcentrados",
};

const TABLES: TableSpec[] = [
  {
    name: "sessions (section I)",
    lines: [57, 58],
    part: ["I."],
    corrections: [
      ORDINARIA,
      {
        entry: 1,
        at: [0, 2],
        says: "Celebrada el jueves 25 de febrero de 2021",
        holds: "Celebrada el jueves 25 de marzo de 2021",
      },
    ],
  },
  {
    name: "attendance (section I)",
    lines: [62, 96],
    // Two header rows: «Integrantes e invitados» and «Asistencia a las sesiones» over the sessions.
    headerLines: 2,
    part: ["I."],
    index: 1,
    corrections: [
      ORDINARIA,
      { entry: 34, says: "Presidencia: Erika Estrada Ruíz", holds: "Presidencia: Erika Estrada Ruiz" },
      { entry: 35, says: "Integrante: Ernesto Ramos Mega", holds: "Integrante: César Ernesto Ramos Mega" },
      {
        entry: 36,
        says: "Secretaría técnica: Cecilia Aida Hernández Cruz",
        holds: "Secretaría técnica: Cecilia Aída Hernández Cruz",
      },
      {
        entry: 33,
        says: "Encargado del despacho de la Secretaría Ejecutiva, encargado Juan Manuel Lucatero Radillo",
        holds: "Encargado del despacho de la Secretaría Ejecutiva, Juan Manuel Lucatero Radillo",
      },
      {
        entry: 30,
        says: "Unidad Técnica de Servicio Informáticos, Estefanía Mena Ibarra",
        holds: "Unidad Técnica de Servicios Informáticos, Estefanía Mena Ibarra",
      },
      {
        entry: 32,
        says: "En representación de la Contraloría Interna del IECM, Juan Manuel Rodríguez Martínez",
        holds: "En representación de la Contraloría Interna, Juan Manuel Rodríguez Martínez",
      },
    ],
  },
  {
    name: "executive notes on the INE Consejo General (1 B)",
    lines: [164, 172],
    part: ["III.", "1.", "B)"],
    mergedColumn: 2,
    corrections: [
      {
        entry: 51,
        says: "Sesión del Consejo General.",
        holds: "Consejo General del Instituto Nacional Electoral",
      },
    ],
  },
  {
    name: "sessions of INE commissions followed (1 B)",
    lines: [176, 191],
    part: ["III.", "1.", "B)"],
    index: 1,
    mergedColumn: 2,
    corrections: [
      {
        entry: 8,
        says: "Comisión de Capacitación y Organización.",
        holds: "Comisión de Capacitación y Organización Electoral",
      },
    ],
    // Rows 12–15 are the Consejo Local's (CORRECTIONS 6); rows 10 and 11 in date order (CORRECTIONS 46).
    rows: (rows) => {
      const [tenth, eleventh] = [rows[9] as string[], rows[10] as string[]];
      return [...rows.slice(0, 9), [eleventh[0], eleventh[1], tenth[2]], [tenth[0], tenth[1], ""]] as Rows;
    },
  },
  {
    name: "sessions of the INE Consejo Local followed (1 B)",
    lines: [195, 198],
    part: ["III.", "1.", "B)"],
    index: 2,
    mergedColumn: 2,
    // One row per session: the commissions table's rows 12–15 in date order, of which this table's three rows
    // are a repetition (CORRECTIONS 6).
    rows: (own) => {
      const sessions = expectedRows(188, 191);
      const dates = sessions.map((row) => dateOf(row[1]));
      if (!own.every((row) => dates.includes(dateOf(row[1])))) {
        throw new Error("CORRECTIONS 6: the Consejo Local table has a session the commissions table lacks");
      }
      const label = sessions[0]?.[2] ?? "";
      return sessions
        .sort((a, b) => dateOf(a[1]).localeCompare(dateOf(b[1])))
        .map((row, i) => [row[0] as string, row[1] as string, i === 0 ? label : ""]);
    },
  },
  {
    name: "SIVOPLE reports (1 C)",
    lines: [204, 218],
    part: ["III.", "1.", "C)"],
    corrections: [
      {
        entry: 52,
        says: "Sistema de Vinculación con los Organismos Públicos Locales Electorales.",
        holds:
          "Reporte de actualización del Sistema de Vinculación con los Organismos Públicos Locales Electorales (SIVOPLE)",
      },
    ],
    // One value merged down all the rows, as the reference prints it.
    mergedColumn: 2,
    // «Lunes 29 de febrero de 2021» does not exist: that row is not recorded (CORRECTIONS 4).
    rows: (rows) => rows.filter((row) => !row[1]?.includes("invalid")),
  },
  {
    name: "Tabla 2.1, agreements managed directly (2 A)",
    lines: [230, 232],
    caption: 228,
    part: ["III.", "2.", "A)"],
    corrections: [
      {
        entry: 13,
        says: "Convenio de Colaboración con el Tribunal Electoral de la Ciudad de México.",
        holds:
          "Convenio de colaboración entre el IECM y el Tribunal Electoral de la Ciudad de México (TECDMX)",
      },
      {
        entry: 14,
        says: "Convenio de Apoyo y Colaboración con el Instituto de la Juventud de la Ciudad de México",
        holds:
          "Convenio general de apoyo y colaboración entre el IECM y el Instituto de la Juventud de la Ciudad de México (INJUVE)",
      },
    ],
  },
  {
    // Titles without their final period (CORRECTIONS 17) are the normalisation's.
    name: "Tabla 2.2, instruments signed (2 B)",
    lines: [242, 252],
    caption: 240,
    continuations: [{ line: 251, entry: 16 }],
    part: ["III.", "2.", "B)"],
  },
  {
    name: "Tabla 2.3, agreements with progress reported (2 C)",
    lines: [262, 286],
    caption: 260,
    part: ["III.", "2.", "C)"],
    corrections: [
      {
        entry: 53,
        says: "Universidad Nacional Autónoma de México (UNAM) Facultad de Psicología",
        holds: "Facultad de Psicología de la UNAM",
      },
      {
        entry: 53,
        says: "Secretaría de Pueblos y Barrios Originarios y Comunidades Indígenas Residentes de la Ciudad de México (SEPI)",
        holds:
          "Secretaría de Pueblos y Barrios Originarios y Comunidades Indígenas Residentes de la Ciudad de México",
      },
      {
        entry: 18,
        says: "Convenio específico al convenio general apoyo y colaboración",
        holds: "Convenio específico al convenio general de apoyo y colaboración",
      },
      {
        entry: 19,
        says: "Instituto Electoral del Estado Puebla",
        holds: "Instituto Electoral del Estado de Puebla",
      },
      // «…Sor Juana, A.C» (CORRECTIONS 20) is equal once the final period is left out.
    ],
    // By the first session in which progress was reported, then by counterpart (CORRECTIONS 47).
    rows: (rows) =>
      [...rows].sort(
        (a, b) =>
          ORDINALS.indexOf(firstWord(a[3])) - ORDINALS.indexOf(firstWord(b[3])) ||
          (a[2] as string).localeCompare(b[2] as string, "es"),
      ),
  },
  {
    name: "Tabla 2.4, accompanied agreements (2 D)",
    lines: [294, 302],
    caption: 292,
    continuations: [{ line: 298, entry: 15 }],
    part: ["III.", "2.", "D)"],
    // The titles of Tabla 2.2 (CORRECTIONS 15, 38), the areas by their names (31), one per line (15).
    corrections: [
      {
        entry: 15,
        says: "Convenio de apoyo y colaboración entre el IECM y Talleres Gráficos de México",
        holds: "Convenio de Apoyo y Colaboración entre el IECM y Talleres Gráficos de México (TGM)",
      },
      {
        entry: 38,
        says: "Convenio de apoyo y colaboración interinstitucional entre el IECM y la Secretaría de Desarrollo Urbano y Vivienda",
        holds:
          "Convenio de Apoyo y Colaboración Interinstitucional entre el IECM y la Secretaría de Desarrollo Urbano y Vivienda de la Ciudad de México (SEDUVI)",
      },
      ARCHIVO,
      {
        entry: 15,
        says: "Dirección Ejecutiva de Educación Cívica y Construcción de Ciudadanía. Unidad Técnica de Género y Derechos Humanos",
        holds:
          "Dirección Ejecutiva de Educación Cívica y Construcción de Ciudadanía\nUnidad Técnica de Género y Derechos Humanos",
      },
    ],
  },
  {
    name: "Tabla 2.5, pertinence opinions (2 F)",
    lines: [314, 327],
    caption: 312,
    part: ["III.", "2.", "F)"],
    corrections: [
      { entry: 54, says: "UTVOE", holds: "Unidad Técnica de Vinculación con Organismos Externos" },
      {
        entry: 22,
        says: "UTVOE y Secretaría Ejecutiva",
        holds: "Unidad Técnica de Vinculación con Organismos Externos\nSecretaría Ejecutiva",
      },
      {
        entry: 21,
        says: "Dirección Ejecutiva de Educación Cívica y Construcción de Ciudadanía y la Unidad Técnica de Derechos Humanos y Género.",
        holds:
          "Dirección Ejecutiva de Educación Cívica y Construcción de Ciudadanía\nUnidad Técnica de Género y Derechos Humanos",
      },
      {
        entry: 29,
        says: "Unidad Técnica de Derechos Humanos y Género",
        holds: "Unidad Técnica de Género y Derechos Humanos",
      },
      ARCHIVO,
    ],
  },
  {
    name: "Tabla 3.1, university talks (3 A)",
    lines: [337, 345],
    caption: 335,
    part: ["III.", "3.", "A)"],
    corrections: [
      {
        entry: 55,
        says: "Universidad Autónoma de la Ciudad de México (UACM).",
        holds: "Universidad Autónoma de la Ciudad de México",
      },
      { entry: 55, says: "UACM.", holds: "Universidad Autónoma de la Ciudad de México" },
      {
        entry: 20,
        says: "Universidad del Claustro de Sor Juana.",
        holds: "Universidad del Claustro de Sor Juana, A.C.",
      },
    ],
  },
  {
    name: "Tabla 3.2, e-mails to the observation network (3 B)",
    lines: [353, 376],
    caption: 351,
    part: ["III.", "3.", "B)"],
    corrections: [
      {
        entry: 23,
        says: "Invitación a seguir la transmisión de la 2 ^o sesión extraordinaria del Consejo General del IECM.",
        holds:
          "Invitación a seguir la transmisión de la 2ª sesión extraordinaria del Consejo General del IECM.",
      },
      {
        entry: 23,
        says: "Invitación a seguir la transmisión de la 5 ^a sesión extraordinaria del Consejo General del IECM",
        holds:
          "Invitación a seguir la transmisión de la 5ª sesión extraordinaria del Consejo General del IECM",
      },
    ],
  },
  {
    name: "e-mails to the Voto Chilango base (5 A)",
    lines: [405, 435],
    part: ["III.", "5.", "A)"],
    corrections: [
      {
        entry: 24,
        says: "Envío de información sobre credencialización, registro en la Lista Nominal de Electores Residentes en el Extranjero (LNERE) y la Diputación Migrante a miembros de la <i>US-Mexico Foundation</i> , Red UNAM DC y MXDC.",
        holds:
          "Envío de información sobre credencialización, registro en la Lista Nominal de Electores Residentes en el Extranjero (LNERE) y la Diputación Migrante a miembros de la US-Mexico Foundation, Red UNAM DC y MXDC.",
      },
      {
        entry: 25,
        says: 'Envío de invitación a "Invita a una consejera a tu casa" con la Red Global-MX en Europa".',
        holds: 'Envío de invitación a "Invita a una consejera a tu casa" con la Red Global-MX en Europa.',
      },
    ],
    // Row 3 (12 and 15 January) before row 2 (13 January): date order (CORRECTIONS 45).
    rows: (rows) => move(rows, 3, 2),
  },
  {
    name: "workshops with the INE (5 B)",
    lines: [454, 456],
    part: ["III.", "5.", "B)"],
  },
  {
    name: "«Invita a una o un consejero a tu casa» events (5 B)",
    lines: [460, 468],
    part: ["III.", "5.", "B)"],
    index: 1,
    corrections: [
      {
        entry: 27,
        says: '"Invita a un Consejera a tu casa" con el Consulado General de México en Los Ángeles.',
        holds: '"Invita a un consejero a tu casa" con el Consulado General de México en Los Ángeles.',
      },
      {
        entry: 26,
        says: '"Invita a un Consejera a tu casa" dirigido a la Red Global-MX en Europa".',
        holds: '"Invita a un Consejera a tu casa" dirigido a la Red Global-MX en Europa.',
      },
      {
        entry: 27,
        says: '"Invita a un Consejera a tu casa" dirigido a la Red Global-MX en Europa.',
        holds: '"Invita a una consejera a tu casa" dirigido a la Red Global-MX en Europa.',
      },
      {
        entry: 26,
        says: '"Invita a un Consejera a tu casa" con el Consulado General de México en Dallas".',
        holds: '"Invita a un Consejera a tu casa" con el Consulado General de México en Dallas.',
      },
      {
        entry: 27,
        says: '"Invita a un Consejera a tu casa" con el Consulado General de México en Dallas.',
        holds: '"Invita a un consejero a tu casa" con el Consulado General de México en Dallas.',
      },
    ],
  },
  {
    name: "notes on international elections (6 B)",
    lines: [486, 490],
    part: ["III.", "6.", "B)"],
    mergedColumn: 3,
  },
];

/** Body rows of reference lines, normalised (for rows a correction moves from one table to another). */
function expectedRows(from: number, to: number): Rows {
  return REFERENCE.slice(from - 1, to)
    .filter((text) => text.trim() !== "")
    .map((text) => text.split("\t").map(normalise));
}

// ---------------------------------------------------------------------------------------------------------------
// The generated report, read back

/** A generated table (the index-th under the part's heading): header and body normalised, grid, caption. */
function generatedTable(blocks: DocxBlock[], part: string[], index = 0) {
  const under = blocksUnder(blocks, part);
  const table = under.filter((block) => block.kind === "table")[index];
  if (table?.kind !== "table") throw new Error(`no table ${index + 1} under ${part.join(" ")}`);
  const before = under[under.indexOf(table) - 1];
  return {
    // The header's cells in reading order, over all its rows (merged continuations left out).
    header: table.rows
      .slice(0, table.headerRows)
      .flat()
      .filter((cell) => !cell.isCovered && cell.text.trim() !== "")
      .map((cell) => normalise(cell.text)),
    rows: table.rows.slice(table.headerRows).map((row) => row.map((cell) => normalise(cell.text))),
    grid: table.rows.slice(table.headerRows),
    caption: before?.kind === "paragraph" && before.style === "Caption" ? before.text : undefined,
    /** The paragraph before the table (and its caption): the sentence that introduces it. */
    sentence: under
      .slice(0, under.indexOf(table))
      .reverse()
      .find((block) => block.kind === "paragraph" && block.style !== "Caption"),
  };
}

/** What differs between a generated table in the DOCX and the reference's, one line each (empty: equal). */
function docxDifferences(blocks: DocxBlock[], spec: TableSpec): string[] {
  const expected = expectedTable(spec);
  const actual = generatedTable(blocks, spec.part, spec.index);
  const differences: string[] = [];
  if (actual.header.join(" | ") !== expected.header.join(" | ")) {
    differences.push(`header: ${actual.header.join(" | ")} ≠ ${expected.header.join(" | ")}`);
  }
  for (let i = 0; i < Math.max(actual.rows.length, expected.rows.length); i++) {
    const [a, e] = [actual.rows[i]?.join(" | "), expected.rows[i]?.join(" | ")];
    if (a !== e) differences.push(`row ${i + 1}: ${a ?? "(missing)"} ≠ ${e ?? "(missing)"}`);
  }
  if (spec.mergedColumn !== undefined) {
    // A followed body's name is one cell merged down over its rows: every blank below it continues the merge.
    actual.grid.forEach((row, i) => {
      const cell = row[spec.mergedColumn as number];
      if (cell && !cell.isCovered && cell.text === "")
        differences.push(`row ${i + 1}: a blank cell, not merged`);
    });
  }
  return differences;
}

/** The PDF's searchable text, and where each heading of the DOCX is in its body (after the index). */
function pdfIndex(raw: string, blocks: DocxBlock[]) {
  const text = pdfSearchText(raw);
  const headings = blocks.filter(
    (block): block is Extract<DocxBlock, { kind: "paragraph" }> => headingLevel(block) !== undefined,
  );
  const needles = headings.map((h) => pdfForm(normalise(h.text)));
  // The index lists every heading first; the body's headings come after it, in the same order.
  const inIndex = findInOrder(text, needles);
  const positions: number[] = [];
  let from = inIndex.end;
  for (const needle of needles) {
    const at = text.indexOf(needle, from);
    positions.push(at);
    if (at >= 0) from = at + needle.length;
  }
  return { text, headings, positions, indexComplete: inIndex.missing < 0 };
}
type PdfIndex = ReturnType<typeof pdfIndex>;

/** The PDF text of a part: from its heading to the next heading. */
function pdfPart(pdf: PdfIndex, path: string[]): string | undefined {
  let index = -1;
  for (const label of path) index = pdf.headings.findIndex((h, i) => i > index && h.text.startsWith(label));
  const start = pdf.positions[index] ?? -1;
  if (index < 0 || start < 0) return undefined;
  const end = pdf.positions.slice(index + 1).find((p) => p > start) ?? pdf.text.length;
  return pdf.text.slice(start, end);
}

/**
 * What the PDF lacks of a reference table: in its part, the table's header, then every row right after the
 * previous one — its cells one after another (or, across a page break, each cell's first part before it and the
 * rest after). Between rows may stand only a page break or a merged body name, which is looked for on its own, in
 * order: Typst prints it at the middle of its rows.
 */
function pdfDifferences(pdf: PdfIndex, docx: DocxBlock[], spec: TableSpec): string[] {
  const expected = expectedTable(spec);
  const part = pdfPart(pdf, spec.part);
  if (part === undefined) return [`heading ${spec.part.join(" ")} not found`];
  // The table's header, after those of the tables before it under the heading that have the same one.
  const header = pdfForm(expected.pdfHeader.join(""));
  const sameHeaderBefore = blocksUnder(docx, spec.part)
    .filter((block) => block.kind === "table")
    .slice(0, spec.index ?? 0)
    .filter(
      (table) => pdfForm((table.rows[0] ?? []).map((cell) => normalise(cell.text)).join("")) === header,
    );
  let position = -1;
  for (let k = 0; k <= sameHeaderBefore.length; k++) {
    position = part.indexOf(header, position + 1);
    if (position < 0) return [`header ${expected.header.join(" | ")} not found`];
  }
  // The header repeated at the top of a page is not part of the table.
  const region = part.slice(position + header.length).replaceAll(`§${header}`, "§");
  const labels = expected.rows.map((row) => pdfForm(row[spec.mergedColumn ?? -1] ?? "")).filter(Boolean);
  const differences: string[] = [];
  position = 0;
  expected.rows.forEach((row, i) => {
    for (let skipped = true; skipped; ) {
      const label = labels.find((l) => region.startsWith(l, position));
      skipped = region.startsWith("§", position) || label !== undefined;
      position += region.startsWith("§", position) ? 1 : (label?.length ?? 0);
    }
    const cells = row.filter((_, k) => k !== spec.mergedColumn).map(pdfForm);
    const end = rowEndAt(region, cells, position);
    if (end >= 0) {
      position = end;
      return;
    }
    differences.push(`row ${i + 1}: ${row.join(" | ")} is not the next row`);
    // Go on from where the row is, if it is anywhere further on.
    const at = region.indexOf(cells.join(""), position);
    if (at >= 0) position = at + cells.join("").length;
  });
  if (findInOrder(region.replaceAll("§", ""), labels).missing >= 0) {
    differences.push(`merged names not in order: ${labels.join(", ")}`);
  }
  return differences;
}

async function generate(context: UseCaseContext, withPdf: boolean) {
  const commission = await context.db.query.commissions.findFirst({ where: eq(commissions.key, "cvoe") });
  const { files } = await generateReport(context, {
    commissionId: commission?.id,
    period: "2021-Q1",
    formats: withPdf ? ["docx", "pdf"] : ["docx"],
  });
  const docx = await readDocx(files.find((f) => f.format === "docx")?.bytes as Uint8Array);
  const pdf = files.find((f) => f.format === "pdf");
  return { docx, pdf: pdf ? pdfIndex(readPdfText(pdf.bytes), docx) : undefined };
}

// ---------------------------------------------------------------------------------------------------------------
// The reference's text outside the tables

/** Every heading of the reference, from the introduction on: sections, strategic lines, lettered parts. */
function referenceHeadings(): { line: number; text: string; path: string[] }[] {
  const headings: { line: number; text: string; path: string[] }[] = [];
  let strategicLine = "";
  REFERENCE.forEach((text, i) => {
    const n = i + 1;
    if (n < 33 || text.includes("\t")) return;
    if (/^(Introducción|I{1,3}\. .+)$/.test(text)) {
      headings.push({ line: n, text, path: [text.split(" ")[0] as string] });
    } else if (n > 144 && /^\d\. [A-ZÁÉÍÓÚ]/.test(text)) {
      strategicLine = text.slice(0, 2);
      headings.push({ line: n, text, path: ["III.", strategicLine] });
    } else if (n > 144 && /^(- )?[A-F][.)] /.test(text)) {
      // «- D. …**» typed as a bullet with bold markers (CORRECTIONS 41); «A.» in lines 5 and 6 (CORRECTIONS 56).
      const heading = text
        .replace(/^- /, "")
        .replace(/\*+$/, "")
        .replace(/^([A-F])\. /, "$1) ");
      headings.push({ line: n, text: heading, path: ["III.", strategicLine, heading.slice(0, 2)] });
    }
  });
  return headings;
}

/** The non-blank lines of the reference between a heading and the next one. */
function referenceBody(headingLine: number): string[] {
  const next = referenceHeadings().find((h) => h.line > headingLine)?.line ?? REFERENCE.length + 1;
  return REFERENCE.slice(headingLine, next - 1).filter((text) => text.trim() !== "");
}

const NUMBERS = [
  "cero",
  "uno",
  "dos",
  "tres",
  "cuatro",
  "cinco",
  "seis",
  "siete",
  "ocho",
  "nueve",
  "diez",
  "once",
  "doce",
  "trece",
  "catorce",
  "quince",
  "dieciséis",
  "diecisiete",
  "dieciocho",
  "diecinueve",
  "veinte",
  "veintiuno",
  "veintidós",
  "veintitrés",
  "veinticuatro",
  "veinticinco",
  "veintiséis",
  "veintisiete",
  "veintiocho",
  "veintinueve",
  "treinta",
];
/** «ocho» → 8, «21» → 21, «una» → 1, «veintiún» → 21. */
function numberOf(word: string): number {
  if (/^\d+$/.test(word)) return Number(word);
  return NUMBERS.indexOf(word.toLowerCase().replace(/^(veinti|)(un|una|ún)$/, "$1uno"));
}
/** The number written right before `noun` in a sentence (figures or words), or -1. */
function countBefore(sentence: string, noun: string): number {
  const match = new RegExp(`(\\S+)\\s+${noun}`, "i").exec(collapse(sentence));
  return match ? numberOf(match[1] as string) : -1;
}

/** The sentences that state how many rows follow: where, what they count, and the reference's line. */
const COUNTS: { part: string[]; index?: number; noun: string; line?: number; entry?: number }[] = [
  { part: ["III.", "1.", "B)"], noun: "notas ejecutivas", line: 162 },
  // 14 in the reference, one of them on a day that does not exist (CORRECTIONS 4, 5).
  { part: ["III.", "1.", "C)"], noun: "reportes", line: 202, entry: 5 },
  { part: ["III.", "2.", "A)"], noun: "convenios", line: 226 },
  { part: ["III.", "2.", "B)"], noun: "instrumentos jurídicos", line: 238 },
  { part: ["III.", "2.", "C)"], noun: "convenios", line: 258 },
  { part: ["III.", "2.", "F)"], noun: "opiniones de pertinencia", line: 310 },
  { part: ["III.", "3.", "B)"], noun: "correos electrónicos", line: 349 },
  { part: ["III.", "5.", "A)"], noun: "correos electrónicos", line: 403 },
  { part: ["III.", "5.", "B)"], index: 1, noun: "ediciones" },
];

describeEachEngine("the generated report against the reference", (t) => {
  let docx: DocxBlock[] = [];
  let pdf: PdfIndex | undefined;
  beforeAll(async () => {
    await importDatasetText(t.context, DEMO);
    ({ docx, pdf } = await generate(t.context, hasPoppler));
  }, 120_000);

  for (const spec of TABLES) {
    it(`has every row of the reference's ${spec.name} in the DOCX, cell by cell`, () => {
      expect(docxDifferences(docx, spec)).toEqual([]);
      if (spec.caption) {
        // «Tabla 3.1 Pláticas…» against «Tabla 3.1. Pláticas…»: the period after the number (CORRECTIONS 48).
        const label = (value: string) => normalise(value).replace(/^(Tabla \d+\.\d+)\.?/, "$1");
        const caption = generatedTable(docx, spec.part, spec.index).caption ?? "(no caption)";
        expect(label(caption)).toBe(label(line(spec.caption)));
      }
    });
    it.skipIf(!hasPoppler)(`has every row of the reference's ${spec.name} in the PDF, in order`, () => {
      expect(pdfDifferences(pdf as PdfIndex, docx, spec)).toEqual([]);
    });
  }

  it("numbers the same tables as the reference, and every «tabla X.Y» of the text is the next table", () => {
    const captions = docx.filter((b) => b.kind === "paragraph" && b.style === "Caption");
    const numbers = (texts: string[]) => texts.map((text) => /^Tabla (\d+\.\d+)/.exec(text)?.[1]);
    expect(numbers(captions.map((c) => (c.kind === "paragraph" ? c.text : "")))).toEqual(
      numbers(TABLES.filter((s) => s.caption).map((s) => line(s.caption as number))),
    );
    const cited: string[] = [];
    docx.forEach((block, i) => {
      if (block.kind !== "paragraph" || block.style === "Caption") return;
      for (const [, number] of block.text.matchAll(/\btabla (\d+\.\d+)/gi)) {
        cited.push(number as string);
        const next = docx
          .slice(i + 1)
          .find((b) => b.kind === "table" || (b.kind === "paragraph" && b.style === "Caption"));
        // The sentence introduces its table: the next table is the one captioned with that number.
        expect(next?.kind === "paragraph" ? next.text : "(an unnumbered table)").toMatch(
          new RegExp(`^Tabla ${number?.replace(".", "\\.")}\\.`),
        );
      }
    });
    // The reference cites Tabla 2.1 for the instruments of 2.2 and the agreements of 2.3 (CORRECTIONS 11, 12).
    expect(cited).toEqual(expect.arrayContaining(["2.1", "2.2", "2.3"]));
    if (pdf) {
      for (const number of cited) {
        const [ref, caption] = [pdfForm(`tabla ${number}`), pdfForm(`Tabla ${number}`)];
        expect(findInOrder(pdf.text, [ref, caption]).missing, `tabla ${number} in the PDF`).toBe(-1);
      }
    }
  });

  it("states before each table the number of rows it has, the reference's count", () => {
    for (const { part, index, noun, line: n, entry } of COUNTS) {
      const table = generatedTable(docx, part, index);
      const sentence = table.sentence?.kind === "paragraph" ? table.sentence.text : "";
      expect(countBefore(sentence, noun), `${part.join(" ")}: «${sentence}»`).toBe(table.rows.length);
      if (n !== undefined) {
        const reference = countBefore(line(n), noun);
        expect(table.rows.length, `line ${n}`).toBe(entry === 5 ? reference - 1 : reference);
      }
    }
    // Section I: «tres sesiones ordinarias», one column each.
    const sessions = generatedTable(docx, ["I."]);
    expect(
      countBefore(sessions.sentence?.kind === "paragraph" ? sessions.sentence.text : "", "sesiones"),
    ).toBe(3);
    expect(countBefore(line(55), "sesiones")).toBe(sessions.header.length);
  });

  it("lists the ten resolutions under their sessions, with the reference's split", () => {
    // «Tercera sesión ordinaria, jueves 25 de marzo de 2021:», then its resolutions.
    const SESSION_HEADING = /^\p{Lu}\S* sesión ordinaria, [^,]+:$/u;
    const reference: string[][] = [];
    for (let n = 102; n <= 120; n++) {
      const text = line(n);
      if (SESSION_HEADING.test(text)) reference.push([normalise(text)]);
      const item = /^- \*\*(CVOE\/\d{3}\/\d{2}\.)\*\* (.+)$/.exec(text);
      if (item) reference[reference.length - 1]?.push(normalise(`${item[1]} ${item[2]}`));
    }
    const generated: string[][] = [];
    for (const block of blocksUnder(docx, ["II."])) {
      if (block.kind !== "paragraph") continue;
      if (SESSION_HEADING.test(block.text)) generated.push([normalise(block.text)]);
      else if (/^CVOE\//.test(block.text)) generated[generated.length - 1]?.push(normalise(block.text));
    }
    expect(reference.flat().filter((t) => t.startsWith("CVOE/"))).toHaveLength(10);
    expect(generated).toEqual(reference);
    // «un total de 10 acuerdos, cuatro … dos … cuatro …»
    const summary = blocksUnder(docx, ["II."]).find(
      (b) => b.kind === "paragraph" && /un total de/.test(b.text),
    );
    const words = (text: string) =>
      [...collapse(text).matchAll(/(\S+) (?:de ellos )?en la (primera|segunda|tercera) sesión/g)].map((m) =>
        numberOf(m[1] as string),
      );
    const sizes = reference.map((group) => group.length - 1);
    expect(words(summary?.kind === "paragraph" ? summary.text : "")).toEqual(sizes);
    expect(words(line(100))).toEqual(sizes);
    expect(countBefore(summary?.kind === "paragraph" ? summary.text : "", "acuerdos")).toBe(10);
    if (pdf) {
      // An item may run across a page break («§»).
      const part = (pdfPart(pdf, ["II."]) ?? "").replaceAll("§", "");
      expect(findInOrder(part, reference.flat().map(pdfForm)).missing).toBe(-1);
    }
  });

  it("has every section, strategic line and lettered part of the reference as a heading, in order", () => {
    const generated = docx
      .filter((b) => headingLevel(b) !== undefined)
      .map((b) => (b.kind === "paragraph" ? normalise(b.text) : ""));
    const reference = referenceHeadings();
    expect(reference.map((h) => h.path.length)).toEqual(expect.arrayContaining([1, 2, 3]));
    expect(generated).toEqual(reference.map((h) => normalise(h.text)));
    if (pdf) {
      expect(pdf.indexComplete, "every heading in the PDF's index").toBe(true);
      expect(pdf.positions.filter((p) => p < 0)).toEqual([]);
    }
  });

  it("says, in a part with nothing in the quarter, the justification recorded for it", () => {
    const empty = referenceHeadings().filter((h) =>
      referenceBody(h.line).some((text) => /no se report/i.test(text)),
    );
    // 3 C, line 4, 6 C, 6 D, 6 E, 6 F.
    expect(empty.map((h) => h.path.slice(1).join(" "))).toEqual([
      "3. C)",
      "4.",
      "6. C)",
      "6. D)",
      "6. E)",
      "6. F)",
    ]);
    for (const heading of empty) {
      const expected = referenceBody(heading.line).map((text) =>
        // «programas para el cuarto trimestre» (CORRECTIONS 40).
        normalise(text.replace("se encuentran programas para", "se encuentran programadas para")),
      );
      const under = blocksUnder(docx, heading.path);
      expect(
        under.filter((b) => b.kind === "table"),
        heading.text,
      ).toEqual([]);
      expect(
        under.map((b) => (b.kind === "paragraph" ? normalise(b.text) : "(table)")),
        heading.text,
      ).toEqual(expected);
      if (pdf) expect(pdfPart(pdf, heading.path)).toContain(pdfForm(expected.join("")));
    }
  });
});

describe("the tolerances of the comparison", () => {
  it("cite entries that demo/CORRECTIONS.md has", () => {
    const corrections = readFileSync(join(ROOT, "demo/CORRECTIONS.md"), "utf8");
    const entries = new Set([...corrections.matchAll(/^\| (\d+) +\|/gm)].map((m) => Number(m[1])));
    const cited = TABLES.flatMap((spec) => [
      ...(spec.corrections ?? []).map((c) => c.entry),
      ...(spec.continuations ?? []).map((c) => c.entry),
    ]);
    const inComments = [...readFileSync(import.meta.filename, "utf8").matchAll(/CORRECTIONS (\d+)/g)].map(
      (m) => Number(m[1]),
    );
    expect([...cited, ...inComments].filter((entry) => !entries.has(entry))).toEqual([]);
  });
});

describe.skipIf(!hasPoppler)("the comparison, on a report generated from broken data", () => {
  // A copy of the demo data with a row missing (Tabla 3.2 row 5), two rows swapped (events 3 and 4) and one wrong
  // attendance mark (PAN present at the first session): each must show, in the DOCX and in the PDF.
  let docx: DocxBlock[] = [];
  let pdf: PdfIndex | undefined;
  let close: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    const data = parse(DEMO);
    // Tabla 3.2's rows are campaigns of the Red de Observación IECM list, made activities on import.
    const network = data.outreachLists.find((l: { key: string }) => l.key === "red-observacion-iecm");
    network.campaigns = network.campaigns.filter((c: { key: string }) => c.key !== "2021-3b-correo-05");
    const [third, fourth] = ["2021-5b-invita-03", "2021-5b-invita-04"].map((key) =>
      data.activities.find((a: { key: string }) => a.key === key),
    );
    [third.title, fourth.title] = [fourth.title, third.title];
    const pan = data.sessions[0].attendance.find((a: { party?: string }) => a.party === "pan");
    pan.present = true;
    const database = await openTestDatabase("pglite");
    close = database.drop;
    const context = { actor: { kind: "system", name: "test" }, db: database.database.db } as UseCaseContext;
    await importDatasetText(context, stringify(data));
    ({ docx, pdf } = await generate(context, true));
  }, 120_000);
  afterAll(async () => {
    await close?.();
  });

  const spec = (name: string) => TABLES.find((s) => s.name.startsWith(name)) as TableSpec;
  it("notices the missing row, the swapped rows and the wrong mark, and nothing else", () => {
    for (const name of ["Tabla 3.2", "«Invita", "attendance"]) {
      expect(docxDifferences(docx, spec(name)), name).not.toEqual([]);
      expect(pdfDifferences(pdf as PdfIndex, docx, spec(name)), name).not.toEqual([]);
    }
    expect(docxDifferences(docx, spec("Tabla 3.2"))[0]).toMatch(/^row 5: .*2021-02-03.* ≠ .*2021-02-02/);
    expect(pdfDifferences(pdf as PdfIndex, docx, spec("Tabla 3.2"))[0]).toMatch(/^row 5: /);
    expect(docxDifferences(docx, spec("«Invita"))).toHaveLength(2);
    for (const name of ["Tabla 2.2", "Tabla 3.1", "e-mails to the Voto"]) {
      expect(docxDifferences(docx, spec(name)), name).toEqual([]);
      expect(pdfDifferences(pdf as PdfIndex, docx, spec(name)), name).toEqual([]);
    }
  });
});
