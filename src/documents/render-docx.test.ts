import JSZip from "jszip";
import { beforeAll, describe, expect, it } from "vitest";
import { HOSTILE_TEXT, sampleReport } from "../../tests/support/sample-report.ts";
import { renderDocx } from "./render-docx.ts";
import { paragraph, type ReportDocument, text } from "./report-document.ts";

type Package = {
  document: string;
  styles: string;
  footnotes: string;
  headers: string[];
  footers: string[];
  parts: JSZip;
};

async function openDocx(bytes: Uint8Array): Promise<Package> {
  const zip = await JSZip.loadAsync(bytes);
  const read = async (name: string) => {
    const file = zip.file(name);
    if (!file) throw new Error(`${name} missing from the DOCX`);
    return file.async("string");
  };
  const partsNamed = (kind: string) =>
    Object.keys(zip.files).filter((name) => new RegExp(`^word/${kind}\\d+\\.xml$`).test(name));
  return {
    document: await read("word/document.xml"),
    styles: await read("word/styles.xml"),
    footnotes: await read("word/footnotes.xml"),
    headers: await Promise.all(partsNamed("header").map(read)),
    footers: await Promise.all(partsNamed("footer").map(read)),
    parts: zip,
  };
}

function decodeXml(value: string): string {
  return value
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(Number.parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, decimal: string) => String.fromCodePoint(Number(decimal)))
    .replace(/&amp;/g, "&");
}

/** The text a reader sees: the content of every w:t, unescaped and concatenated. */
function textOf(xml: string): string {
  return [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)]
    .map((match) => decodeXml(match[1] ?? ""))
    .join("");
}

const elementsOf = (xml: string, name: string): string[] =>
  xml.match(new RegExp(`<${name}[ >][\\s\\S]*?</${name}>`, "g")) ?? [];

/** Texts of the paragraphs in a given style. */
const paragraphsInStyle = (xml: string, style: string): string[] =>
  elementsOf(xml, "w:p")
    .filter((p) => p.includes(`<w:pStyle w:val="${style}"/>`))
    .map(textOf);

const instructionsOf = (xml: string): string[] =>
  [...xml.matchAll(/<w:instrText[^>]*>([^<]*)<\/w:instrText>/g)].map((match) =>
    decodeXml(match[1] ?? "").trim(),
  );

describe("renderDocx", () => {
  let docx: Package;
  let bytes: Uint8Array;

  beforeAll(async () => {
    bytes = await renderDocx(sampleReport());
    docx = await openDocx(bytes);
  });

  it("prints every character of the text literally, markup included", () => {
    const body = textOf(docx.document);
    expect(body).toContain(HOSTILE_TEXT);
    expect(body).toContain("Tabla 2.1. Gestión directa de convenios interinstitucionales");
    expect(body).toContain("Tabla 2.2. Instrumentos jurídicos suscritos");
    expect(body).toContain("de los cuales da cuenta la tabla 2.1.");
    expect(body).toContain("Tabla 2.2 lista los instrumentos suscritos.");
  });

  it("opens with the cover lines, centred and in order, then a page break before the index", () => {
    const body = textOf(docx.document);
    const cover = sampleReport().cover.lines;
    const positions = cover.map((line) => body.indexOf(line.text));
    expect(positions.every((position) => position >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(positions.at(-1)).toBeLessThan(body.indexOf("ÍNDICE"));
    expect(paragraphsInStyle(docx.document, "CoverLine")).toEqual(cover.map((line) => line.text));
    expect(docx.styles).toMatch(/w:styleId="CoverLine">.*?<w:jc w:val="center"\/>/);
    const firstBreak = docx.document.indexOf('<w:br w:type="page"/>');
    expect(firstBreak).toBeGreaterThan(docx.document.indexOf("VIERNES 23 DE ABRIL DE 2021"));
    expect(firstBreak).toBeLessThan(docx.document.indexOf("ÍNDICE"));
  });

  it("gives headings Word's built-in heading styles, with their labels", () => {
    expect(paragraphsInStyle(docx.document, "Heading1")).toEqual([
      "Introducción",
      "I. Sesiones de la Comisión y asistencia",
      "III. Principales resultados",
    ]);
    expect(paragraphsInStyle(docx.document, "Heading2")).toEqual([
      "2. Suscripción de convenios interinstitucionales",
      "4. Seguimiento a las labores de observación electoral",
    ]);
    expect(paragraphsInStyle(docx.document, "Heading3")).toEqual([
      "A) La realización de gestiones tendentes a la suscripción de convenios.",
    ]);
    for (const level of [1, 2, 3]) {
      expect(docx.styles).toContain(`<w:style w:type="paragraph" w:styleId="Heading${level}">`);
    }
  });

  it("writes the índice as one linked entry per listed heading with a page field to it, updated on opening", async () => {
    expect(paragraphsInStyle(docx.document, "TOCHeading")).toEqual(["ÍNDICE"]);
    const entries = elementsOf(docx.document, "w:p").filter((p) => /<w:pStyle w:val="TOC[123]"\/>/.test(p));
    expect(entries.length).toBeGreaterThan(3);
    // Each entry links to a heading's bookmark and asks for that bookmark's page.
    const bookmarks = [...docx.document.matchAll(/<w:bookmarkStart w:name="(_Toc\d+)"/g)].map((m) => m[1]);
    for (const entry of entries) {
      const anchor = /w:anchor="(_Toc\d+)"/.exec(entry)?.[1];
      expect(bookmarks).toContain(anchor);
      expect(instructionsOf(entry)).toEqual([expect.stringMatching(new RegExp(`^PAGEREF ${anchor}\\b`))]);
    }
    expect(entries.map(textOf)).toEqual(
      expect.arrayContaining(["Introducción", expect.stringMatching(/^I\. Sesiones/)]),
    );
    const settings = await docx.parts.file("word/settings.xml")?.async("string");
    expect(settings).toContain("<w:updateFields/>");
  });

  it("defines the body, caption and table styles in a serif font and Mexican Spanish", () => {
    expect(docx.styles).toContain('<w:lang w:val="es-MX"/>');
    expect(docx.styles).toContain('w:ascii="Times New Roman"');
    expect(docx.styles).toMatch(/w:styleId="BodyText">.*?<w:jc w:val="both"\/>.*?<\/w:style>/);
    expect(paragraphsInStyle(docx.document, "Caption")).toEqual([
      "Tabla 2.1. Gestión directa de convenios interinstitucionales",
      "Tabla 2.2. Instrumentos jurídicos suscritos",
    ]);
    expect(docx.styles).toMatch(/<w:style w:type="table" w:styleId="VinculaTable">.*?w:type="firstRow"/);
  });

  it("repeats each table's shaded, bold header row on every page and keeps rows whole", () => {
    const tables = elementsOf(docx.document, "w:tbl");
    expect(tables).toHaveLength(3);
    for (const table of tables) {
      expect(table).toContain('<w:tblStyle w:val="VinculaTable"/>');
      expect(table).toContain("<w:tblBorders>");
      const [header, ...rows] = elementsOf(table, "w:tr");
      expect(header).toContain("<w:tblHeader/>");
      expect(header).toContain('w:fill="D9D9D9"');
      for (const cell of elementsOf(header ?? "", "w:r")) expect(cell).toContain("<w:b/>");
      for (const row of rows) {
        expect(row).toContain("<w:cantSplit/>");
        expect(row).not.toContain("<w:tblHeader/>");
      }
    }
  });

  it("numbers rows under «No.» and sizes columns from their relative widths", () => {
    const [direct] = elementsOf(docx.document, "w:tbl");
    const rows = elementsOf(direct ?? "", "w:tr").map((row) => elementsOf(row, "w:tc").map(textOf));
    expect(rows.map((cells) => cells[0])).toEqual(["No.", "1.", "2."]);
    expect(rows[2]?.[1]).toBe(HOSTILE_TEXT);
    expect(rows[2]?.[2]).toBe("ObjetoSegundo párrafo");
    const grid = [...(direct ?? "").matchAll(/<w:gridCol w:w="(\d+)"\/>/g)].map((match) => Number(match[1]));
    const [, instrument = 0, object = 0, date = 0] = grid;
    expect(object / instrument).toBeCloseTo(5 / 3, 2);
    expect(instrument / date).toBeCloseTo(3 / 2, 2);
  });

  it("merges a cell down its rows with a continuation cell in the row below", () => {
    const unnumbered = elementsOf(docx.document, "w:tbl")[2] ?? "";
    const [, first, second] = elementsOf(unnumbered, "w:tr").map((row) => elementsOf(row, "w:tc"));
    expect(first?.[1]).toContain('<w:vMerge w:val="restart"/>');
    expect(textOf(first?.[1] ?? "")).toBe("Sesión del Consejo General.");
    expect(second).toHaveLength(2);
    expect(textOf(second?.[0] ?? "")).toBe("miércoles 27 de enero de 2021");
    expect(second?.[1]).toContain('<w:vMerge w:val="continue"/>');
  });

  it("writes real Word footnotes, referenced from the text", () => {
    expect(textOf(docx.footnotes)).toContain("Las sesiones se celebraron a distancia.");
    expect(docx.footnotes).toContain('<w:footnote w:id="1">');
    expect(docx.document).toContain('<w:footnoteReference w:id="1"/>');
  });

  it("puts the institution and period in the header, «Página X de Y» in the footer, and neither on the cover", () => {
    const footer = docx.footers.find((xml) => textOf(xml).includes("Página"));
    expect(footer).toBeDefined();
    expect(instructionsOf(footer ?? "")).toEqual(["PAGE", "NUMPAGES"]);
    const header = docx.headers.find((xml) => textOf(xml).includes("Primer trimestre de 2021"));
    expect(textOf(header ?? "")).toContain(sampleReport().meta.institution);
    expect(docx.headers.filter((xml) => textOf(xml).trim() === "")).toHaveLength(1);
    expect(docx.document).toContain("<w:titlePg/>");
  });

  it("fills in the document's properties", async () => {
    const core = (await docx.parts.file("docProps/core.xml")?.async("string")) ?? "";
    expect(core).toContain("<dc:title>Primer informe trimestral de actividades 2021</dc:title>");
    expect(core).toContain(
      "<dc:creator>Comisión Permanente de Vinculación con Organismos Externos</dc:creator>",
    );
  });

  it("never reads text as a field, even when it spells one of docx's field names", async () => {
    const document: ReportDocument = {
      ...sampleReport(),
      blocks: [
        { kind: "toc", title: "CURRENT" },
        { kind: "heading", level: 1, text: "TOTAL_PAGES", isInToc: true },
        paragraph(text("CURRENT")),
        { kind: "list", isOrdered: true, items: [[text("SECTION")], [text("TOTAL_PAGES_IN_SECTION")]] },
      ],
    };
    const rendered = await openDocx(await renderDocx(document));
    // The only field is the índice's page of the heading.
    expect(instructionsOf(rendered.document)).toEqual([expect.stringMatching(/^PAGEREF _Toc\d+\b/)]);
    expect(paragraphsInStyle(rendered.document, "Heading1")).toEqual(["TOTAL_PAGES"]);
    expect(textOf(rendered.document)).toContain("CURRENT");
    expect(textOf(rendered.document)).toContain("SECTIONTOTAL_PAGES_IN_SECTION");
  });

  it("starts each numbered list at 1 and leaves headings marked out of the index out of it", async () => {
    const document: ReportDocument = {
      ...sampleReport(),
      blocks: [
        { kind: "toc", title: "ÍNDICE" },
        { kind: "heading", level: 1, label: "I.", text: "Listada", isInToc: true },
        { kind: "heading", level: 2, text: "No listada" },
        { kind: "list", isOrdered: true, items: [[text("uno")], [text("dos")]] },
        paragraph(text("entre listas")),
        { kind: "list", isOrdered: true, items: [[text("otra vez uno")]] },
      ],
    };
    const rendered = await openDocx(await renderDocx(document));
    const listIds = elementsOf(rendered.document, "w:p")
      .map((p) => p.match(/<w:numId w:val="(\d+)"\/>/)?.[1])
      .filter((id) => id !== undefined);
    expect(listIds).toHaveLength(3);
    expect(listIds[0]).toBe(listIds[1]);
    expect(listIds[2]).not.toBe(listIds[0]);
    expect(paragraphsInStyle(rendered.document, "TOC1")).toEqual(["I. Listada"]);
    expect(paragraphsInStyle(rendered.document, "TOC2")).toEqual([]);
    expect(paragraphsInStyle(rendered.document, "Heading2Unlisted")).toEqual(["No listada"]);
  });
});
