/**
 * Requirement: text with Typst, Word, HTML or Markdown markup characters in any record appears literally in every
 * format and never executes. The demo dataset is imported, every kind of record text that reaches the report is
 * replaced with a hostile string (distinct per field: a marker at both ends names the field), and the report is
 * generated from the records (generateReport) and from a draft with its own introduction and part text
 * (downloadReport). Each file is read back as a person would read it: the DOCX's w:t runs, the PDF through
 * pdftotext/pdfinfo (poppler-utils), the HTML parsed with parse5, the Markdown rendered by markdown-it (raw HTML
 * allowed, the harshest setting) and parsed with parse5.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { and, eq, like } from "drizzle-orm";
import JSZip from "jszip";
import MarkdownIt from "markdown-it";
import { parse, parseFragment } from "parse5";
import { afterAll, beforeAll, expect, it } from "vitest";
import { activityResource } from "../src/domain/activities/activities.resources.ts";
import { agreementResource } from "../src/domain/agreements/agreements.resources.ts";
import {
  areaResource,
  organisationResource,
  partyResource,
  personResource,
} from "../src/domain/catalogs/catalogs.resources.ts";
import { importDatasetText } from "../src/domain/dataset/import-dataset.ts";
import { workProgrammeResource } from "../src/domain/programmes/programmes.resources.ts";
import { recordJustification } from "../src/domain/programmes/record-justification.ts";
import { generateReport, REPORT_FORMATS, type ReportFormat } from "../src/domain/reports/generate-report.ts";
import { createReportDraft, downloadReport } from "../src/domain/reports/report-workflow.ts";
import { updateResolution } from "../src/domain/resolutions/update-resolution.ts";
import { updateAgendaItem } from "../src/domain/sessions/update-agenda-item.ts";
import {
  activities,
  agendaItems,
  agreements,
  areas,
  commissions,
  organisations,
  parties,
  people,
  resolutions,
  sessions,
} from "../src/platform/db/schema.ts";
import { LocalFileStore } from "../src/platform/files.ts";
import { describeEachEngine } from "./support/databases.ts";
import { type Element, elements, type Node } from "./support/html.ts";
import { hasPoppler, poppler } from "./support/report-text.ts";

const DEMO = readFileSync(join(import.meta.dirname, "../demo/cvoe-2021-q1.yaml"), "utf8");

/**
 * Markup of every target: Typst code, math, strong, emph, labels, references, comments, content brackets and
 * escapes; Markdown emphasis, strikethrough, links, code and an escaped star; raw HTML and an entity; a JS-like
 * template. No hyphen: the PDF comparison rejoins words hyphenated at a line end («-\n»), so only a paragraph
 * may start with one (its first line never breaks right after it).
 */
const PAYLOAD = `#set page(width: 1cm) #let x = 1 $x^2$ *b* _i_ **B** __U__ ~~s~~ \\* <tag> {x} ]] [a](http://x) @ref \\ // /* <script>alert(1)</script> &amp; \${x} \`code\` | "q"`;

const FIELDS = [
  "PERSON",
  "PARTY",
  "AREA",
  "ORGANISATION",
  "AGENDA REPORT",
  "RESOLUTION",
  "ACTIVITY TITLE",
  "ACTIVITY DESCRIPTION",
  "AGREEMENT TITLE",
  "AGREEMENT OBJECT",
  "LINE TITLE",
  "ACTION TITLE",
  "LINE JUSTIFICATION",
  "ACTION JUSTIFICATION",
  "INTRODUCTION",
  "PART TEXT",
] as const;
type Field = (typeof FIELDS)[number];

/**
 * What the value starts with: Markdown and Typst syntax that opens a block (a heading, a list, a quote, a Typst
 * heading or import). Values that open a paragraph or a list item get the Markdown ones.
 */
const OPENERS: Record<Field, string> = {
  PERSON: "",
  PARTY: "= ",
  AREA: "* ",
  ORGANISATION: "> ",
  "AGENDA REPORT": "# ",
  RESOLUTION: "+ ",
  "ACTIVITY TITLE": "1. ",
  "ACTIVITY DESCRIPTION": '#import "x.typ": * ',
  "AGREEMENT TITLE": "= ",
  "AGREEMENT OBJECT": "1) ",
  "LINE TITLE": "# ",
  "ACTION TITLE": "+ ",
  "LINE JUSTIFICATION": "1. ",
  "ACTION JUSTIFICATION": "- ",
  INTRODUCTION: "# ",
  "PART TEXT": "+ ",
};

/**
 * The field's marker at both ends (after what opens a block), so that any part of the value long enough to be
 * mistaken for another field's holds a marker: see `isPrinted`.
 */
const hostile = (field: Field) => `${OPENERS[field]}[${field}] ${PAYLOAD} [${field}]`;

/** Only the draft carries an introduction and a part's opening text of its own. */
const DRAFT_ONLY: Field[] = ["INTRODUCTION", "PART TEXT"];

/**
 * Where a value shows more than once in the HTML and the Markdown: the member in the attendance table and in the
 * introduction the template writes (a draft's own introduction replaces it), the signed agreement in tablas 2.2
 * and 2.4, a heading in the text and in the índice.
 */
const PLACES: Partial<Record<Field, { records: number; draft: number }>> = {
  PERSON: { records: 2, draft: 1 },
  "AGREEMENT TITLE": { records: 2, draft: 2 },
  "AGREEMENT OBJECT": { records: 2, draft: 2 },
  "LINE TITLE": { records: 2, draft: 2 },
  "ACTION TITLE": { records: 2, draft: 2 },
};

// ---------------------------------------------------------------------------------------------------------------
// Reading the files back

/**
 * No whitespace at all, words hyphenated at a line end joined again, soft hyphens and word joiners dropped: a
 * long string wraps (in a narrow cell, even inside «</script>»), so only its characters can be compared. A page
 * break (pdftotext's form feed) is kept as «\f».
 */
const compact = (value: string) =>
  value.replace(/-\n/g, "").replace(/[\s\u00ad\u2060]+/g, (space) => (space.includes("\f") ? "\f" : ""));

/**
 * Whether the PDF prints the value: whole, or in two parts with a page break between them. A paragraph (or a
 * table row with merged cells) may break across pages; the footer, the next page's header, the repeated table
 * header and the rest of the row's other cells then come between the two parts. With a marker at both ends of
 * the value, each part holds
 * one of them (or, when the page breaks inside the first, the other part holds all but a few characters of the
 * value), so another field's text cannot stand in for a part.
 */
function isPrinted(printed: string, value: string): boolean {
  if (printed.includes(value)) return true;
  for (let split = 1; split < value.length; split++) {
    const head = value.slice(0, split);
    const tail = value.slice(split);
    for (let at = printed.indexOf(head); at !== -1; at = printed.indexOf(head, at + 1)) {
      const between = printed.slice(at + split, at + split + 2000 + tail.length);
      const next = between.indexOf(tail);
      if (next !== -1 && between.slice(0, next).includes("\f")) return true;
    }
  }
  return false;
}

const XML_ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
/** One pass, so «&amp;amp;» becomes «&amp;» and not «&». */
const decodeXml = (value: string) =>
  value.replace(/&(#x[0-9a-fA-F]+|#\d+|[a-z]+);/g, (entity, name: string) => {
    if (name.startsWith("#x")) return String.fromCodePoint(Number.parseInt(name.slice(2), 16));
    if (name.startsWith("#")) return String.fromCodePoint(Number(name.slice(1)));
    return XML_ENTITIES[name] ?? entity;
  });

type Rendered = {
  docx: { xml: string; text: string };
  pdf: { text: string; pageSizes: string[] };
  html: Node;
  markdown: Node;
};

async function readDocx(bytes: Uint8Array): Promise<Rendered["docx"]> {
  const xml = (await (await JSZip.loadAsync(bytes)).file("word/document.xml")?.async("string")) ?? "";
  const text = [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)]
    .map((m) => decodeXml(m[1] ?? ""))
    .join("");
  return { xml, text };
}

function readPdf(bytes: Uint8Array): Rendered["pdf"] {
  const directory = mkdtempSync(join(tmpdir(), "vincula-injection-"));
  try {
    const path = join(directory, "report.pdf");
    writeFileSync(path, bytes);
    const pages = Number(/Pages:\s+(\d+)/.exec(poppler("pdfinfo", [path]))?.[1]);
    const info = poppler("pdfinfo", ["-f", "1", "-l", String(pages), path]);
    const pageSizes = [...info.matchAll(/Page\s+\d+ size:\s+([\d.]+ x [\d.]+)/g)].map((m) => m[1] ?? "");
    expect(pageSizes).toHaveLength(pages);
    // -raw: the order the text was drawn in, so a wrapped table cell stays in one piece (the reading-order
    // layout would interleave it with the next column's text).
    return { text: poppler("pdftotext", ["-raw", path, "-"]), pageSizes };
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

async function readAll(files: { format: ReportFormat; bytes: Uint8Array }[]): Promise<Rendered> {
  const of = (format: ReportFormat) => {
    const file = files.find((f) => f.format === format);
    if (!file) throw new Error(`no ${format} file`);
    return file.bytes;
  };
  const utf8 = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
  return {
    docx: await readDocx(of("docx")),
    pdf: hasPoppler ? readPdf(of("pdf")) : { text: "", pageSizes: [] },
    html: parse(utf8(of("html"))),
    markdown: parseFragment(new MarkdownIt({ html: true }).render(utf8(of("md")))),
  };
}

/** Every text node under a node. */
function textNodes(node: Node): string[] {
  if (node.nodeName === "#text" && "value" in node) return [node.value];
  return "childNodes" in node ? node.childNodes.flatMap(textNodes) : [];
}

/**
 * The field's value is in the parsed page as text, and whole in every text node that holds its marker: an element
 * produced by its markup (<em> from *b*, <script>, a link) would have split it across nodes.
 */
function expectWholeTextNodes(root: Node, field: Field, format: string, places: number) {
  const holding = textNodes(root).filter((value) => value.includes(`[${field}]`));
  expect(holding.length, `${format}: text nodes with [${field}]`).toBe(places);
  for (const value of holding) expect(value, `${format}: ${field}`).toContain(hostile(field));
}

/** Elements the payload would produce if its markup were interpreted. */
function elementsFromData(root: Node): Element[] {
  const payloadTexts = new Set(["b", "i", "B", "U", "s", "code", "a", "x^2"]);
  return elements(root).filter(
    (element) =>
      ["script", "tag", "del", "s", "img", "blockquote"].includes(element.tagName) ||
      (["em", "strong", "code", "a"].includes(element.tagName) &&
        payloadTexts.has(textNodes(element).join(""))) ||
      element.attrs.some((attr) => attr.value === "http://x"),
  );
}

// ---------------------------------------------------------------------------------------------------------------

describeEachEngine("markup characters in the records come out literally in every format", (t) => {
  const renders: Record<"records" | "draft", Rendered> = {} as never;
  const dataDir = mkdtempSync(join(tmpdir(), "vincula-injection-files-"));

  beforeAll(async () => {
    const ctx = t.context;
    await importDatasetText(ctx, DEMO);
    const commission = await ctx.db.query.commissions.findFirst({ where: eq(commissions.key, "cvoe") });
    const commissionId = commission?.id as string;
    const idOf = async <T extends { id: string }>(found: Promise<T | undefined>, what: string) => {
      const row = await found;
      if (!row) throw new Error(`demo record not found: ${what}`);
      return row.id;
    };

    // Catalogue names: a member (attendance table, introduction), a party and an area (attendance table), an
    // organisation (counterpart of an agreement with progress reported, table 2.3).
    await personResource.update(
      ctx,
      await idOf(
        ctx.db.query.people.findFirst({ where: eq(people.key, "cesar-ernesto-ramos-mega") }),
        "person",
      ),
      { name: hostile("PERSON") },
    );
    await partyResource.update(
      ctx,
      await idOf(ctx.db.query.parties.findFirst({ where: eq(parties.key, "pt") }), "party"),
      { name: hostile("PARTY") },
    );
    await areaResource.update(
      ctx,
      await idOf(ctx.db.query.areas.findFirst({ where: eq(areas.key, "utaj") }), "area"),
      { name: hostile("AREA") },
    );
    await organisationResource.update(
      ctx,
      await idOf(
        ctx.db.query.organisations.findFirst({ where: eq(organisations.key, "alcaldia-tlahuac") }),
        "organisation",
      ),
      { name: hostile("ORGANISATION") },
    );

    // A report presented in a session (section II list) and a resolution (listed under its session).
    const firstSession = await idOf(
      ctx.db.query.sessions.findFirst({
        where: and(eq(sessions.commissionId, commissionId), eq(sessions.key, "2021-ord-1")),
      }),
      "session",
    );
    const reportItem = await idOf(
      ctx.db.query.agendaItems.findFirst({
        where: and(
          eq(agendaItems.sessionId, firstSession),
          eq(agendaItems.kind, "report"),
          like(agendaItems.title, "Informe sobre la realización de la ceremonia%"),
        ),
      }),
      "agenda item",
    );
    await updateAgendaItem(ctx, firstSession, reportItem, { title: hostile("AGENDA REPORT") });
    await updateResolution(
      ctx,
      await idOf(
        ctx.db.query.resolutions.findFirst({ where: eq(resolutions.number, "CVOE/010/21") }),
        "resolution",
      ),
      { title: hostile("RESOLUTION") },
    );

    // An activity in a numbered table (tabla 3.2, its title) and one in a list (line 5 A, its description).
    const activityId = (key: string) =>
      idOf(
        ctx.db.query.activities.findFirst({
          where: and(eq(activities.commissionId, commissionId), eq(activities.key, key)),
        }),
        key,
      );
    await activityResource.update(ctx, await activityId("2021-3b-correo-04"), {
      title: hostile("ACTIVITY TITLE"),
    });
    await activityResource.update(ctx, await activityId("2021-5a-reunion-mujeres-migrantes"), {
      description: hostile("ACTIVITY DESCRIPTION"),
    });

    // An agreement signed in the quarter (tabla 2.2, and 2.4 as it was accompanied): instrument and object.
    await agreementResource.update(
      ctx,
      await idOf(
        ctx.db.query.agreements.findFirst({
          where: and(
            eq(agreements.commissionId, commissionId),
            eq(agreements.key, "arvm-apoyo-coordinacion-2021"),
          ),
        }),
        "agreement",
      ),
      { title: hostile("AGREEMENT TITLE"), object: hostile("AGREEMENT OBJECT") },
    );

    // The programme: a line's title and an action's title (headings, índice), then the justifications of a line
    // without actions (line 4) and of an action without activities (6 E).
    const programme = (await workProgrammeResource.list(ctx, { commissionId, year: 2021 })).items[0];
    if (!programme) throw new Error("demo programme not found");
    const lines = programme.lines.map((line) => ({
      ...line,
      title: line.number === 4 ? hostile("LINE TITLE") : line.title,
      actions: line.actions.map((action) => ({
        ...action,
        title: line.number === 6 && action.letter === "C" ? hostile("ACTION TITLE") : action.title,
      })),
    }));
    await workProgrammeResource.update(ctx, programme.id, { lines });
    const tree = await workProgrammeResource.get(ctx, programme.id);
    const lineFour = tree.lines.find((line) => line.number === 4);
    const actionSixE = tree.lines.find((line) => line.number === 6)?.actions.find((a) => a.letter === "E");
    await recordJustification(ctx, programme.id, {
      lineId: lineFour?.id,
      quarter: 1,
      text: hostile("LINE JUSTIFICATION"),
    });
    await recordJustification(ctx, programme.id, {
      actionId: actionSixE?.id,
      quarter: 1,
      text: hostile("ACTION JUSTIFICATION"),
    });

    const generated = await generateReport(ctx, {
      commissionId,
      period: "2021-Q1",
      formats: [...REPORT_FORMATS],
    });
    renders.records = await readAll(generated.files);

    // A draft with its own introduction and the opening text of part 3 C: rendered from the records on download.
    const draft = await createReportDraft(ctx, {
      commissionId,
      period: "2021-Q1",
      introduction: [hostile("INTRODUCTION")],
      partTexts: { "3C": [hostile("PART TEXT")] },
    });
    const files = new LocalFileStore(dataDir);
    const downloaded = [];
    for (const format of REPORT_FORMATS) {
      const { bytes, isFrozen } = await downloadReport(ctx, files, draft.id, format);
      expect(isFrozen).toBe(false);
      downloaded.push({ format, bytes });
    }
    renders.draft = await readAll(downloaded);
  }, 240_000);

  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it("uses a distinct value per field, none containing another", () => {
    const values = FIELDS.map(hostile);
    expect(new Set(values).size).toBe(FIELDS.length);
    for (const a of values) for (const b of values) if (a !== b) expect(a.includes(b)).toBe(false);
  });

  for (const source of ["records", "draft"] as const) {
    const fields = source === "records" ? FIELDS.filter((f) => !DRAFT_ONLY.includes(f)) : FIELDS;

    it(`${source}: the DOCX holds every value as run text, never as XML`, () => {
      const { xml, text } = renders[source].docx;
      for (const field of fields) expect(text, `DOCX: ${field}`).toContain(hostile(field));
      expect(xml).not.toMatch(/<(script|tag)\b/);
      // The entity in the data is text: escaped once more in the XML.
      expect(xml).toContain("&amp;amp;");
    });

    it.runIf(hasPoppler || process.env.CI)(`${source}: the PDF prints every value`, () => {
      const printed = compact(renders[source].pdf.text);
      const missing = fields.filter((field) => !isPrinted(printed, compact(hostile(field))));
      expect(missing, "fields the PDF does not print").toEqual([]);
    });

    it.runIf(hasPoppler || process.env.CI)(`${source}: the Typst code in the data does not run`, () => {
      // report.typ sets US letter; «#set page(width: 1cm)» run from the data would change every page after it.
      const { pageSizes } = renders[source].pdf;
      expect(pageSizes.length).toBeGreaterThan(5);
      expect(new Set(pageSizes)).toEqual(new Set(["612 x 792"]));
    });

    it(`${source}: the HTML shows every value as text, with no element from the data`, () => {
      const root = renders[source].html;
      for (const field of fields) expectWholeTextNodes(root, field, "HTML", PLACES[field]?.[source] ?? 1);
      expect(elementsFromData(root).map((element) => element.tagName)).toEqual([]);
    });

    it(`${source}: the Markdown renders every value as text, with no element from the data`, () => {
      const root = renders[source].markdown;
      for (const field of fields) expectWholeTextNodes(root, field, "Markdown", PLACES[field]?.[source] ?? 1);
      expect(elementsFromData(root).map((element) => element.tagName)).toEqual([]);
      // The report's own emphasis still renders (the check above is not blind to elements).
      expect(elements(root).some((element) => element.tagName === "strong")).toBe(true);
    });
  }
});
