import { parse } from "parse5";
import { describe, expect, it } from "vitest";
import { type Element, elements, type Node, textOf } from "../../tests/support/html.ts";
import { HOSTILE_TEXT, sampleReport } from "../../tests/support/sample-report.ts";
import { renderHtml } from "./render-html.ts";
import { cell } from "./report-document.ts";

const attribute = (element: Element, name: string) => element.attrs.find((a) => a.name === name)?.value;
const byTag = (root: Node, tag: string) => elements(root).filter((element) => element.tagName === tag);

function renderSample() {
  const html = renderHtml(sampleReport());
  const document = parse(html);
  const all = elements(document);
  const byId = (id: string) => all.find((element) => attribute(element, "id") === id);
  return { html, document, all, byId };
}

describe("renderHtml", () => {
  it("is a complete Spanish (Mexico) page with its own stylesheet and nothing that runs", () => {
    const { document, all } = renderSample();
    const [html] = byTag(document, "html");
    expect(html && attribute(html, "lang")).toBe("es-MX");
    expect(byTag(document, "meta").some((meta) => attribute(meta, "charset") === "utf-8")).toBe(true);
    expect(textOf(byTag(document, "title")[0] as Element)).toBe(
      "Primer informe trimestral de actividades 2021",
    );
    expect(byTag(document, "style")).toHaveLength(1);
    expect(byTag(document, "script")).toHaveLength(0);
    expect(
      all.flatMap((element) => element.attrs.map((a) => a.name)).filter((n) => n.startsWith("on")),
    ).toEqual([]);
    expect(all.filter((e) => ["link", "img", "iframe", "object"].includes(e.tagName))).toEqual([]);
  });

  it("prints the hostile text literally wherever it appears, creating no element from it", () => {
    const { document } = renderSample();
    const [body] = byTag(document, "body");
    const text = textOf(body as Element);
    expect(text.split(HOSTILE_TEXT)).toHaveLength(3); // the list item and the table cell
    const [listItem] = byTag(document, "li").filter((li) => textOf(li) === HOSTILE_TEXT);
    expect(listItem && elements(listItem)).toHaveLength(1);
  });

  it("captions numbered tables «Tabla 2.1. Caption» above them and points references at them", () => {
    const { document, byId } = renderSample();
    expect(byTag(document, "caption").map(textOf)).toEqual([
      "Tabla 2.1. Gestión directa de convenios interinstitucionales",
      "Tabla 2.2. Instrumentos jurídicos suscritos",
    ]);
    const paragraphs = byTag(document, "p");
    const reference = paragraphs.find((p) => textOf(p).startsWith("Se gestionó"));
    expect(reference && textOf(reference)).toBe(
      "Se gestionó la suscripción de dos convenios, de los cuales da cuenta la tabla 2.1.",
    );
    const [link] = byTag(reference as Element, "a");
    const target = byId((attribute(link as Element, "href") ?? "").slice(1));
    expect(target?.tagName).toBe("table");
    expect(textOf(byTag(target as Element, "caption")[0] as Element)).toMatch(/^Tabla 2\.1\. /);
    expect(paragraphs.map(textOf)).toContain("Tabla 2.2 lista los instrumentos suscritos.");
  });

  it("lists the headings of the índice with links to them", () => {
    const { document, byId } = renderSample();
    const [nav] = byTag(document, "nav");
    const links = byTag(nav as Element, "a");
    expect(links.map(textOf)).toEqual([
      "Introducción",
      "I. Sesiones de la Comisión y asistencia",
      "III. Principales resultados",
      "2. Suscripción de convenios interinstitucionales",
      "A) La realización de gestiones tendentes a la suscripción de convenios.",
      "4. Seguimiento a las labores de observación electoral",
    ]);
    for (const link of links) {
      const heading = byId((attribute(link, "href") ?? "").slice(1));
      expect(heading?.tagName).toMatch(/^h[1-3]$/);
      expect(textOf(heading as Element)).toBe(textOf(link));
    }
    expect(byTag(document, "h3").map(textOf)).toEqual([
      "A) La realización de gestiones tendentes a la suscripción de convenios.",
    ]);
  });

  it("numbers footnotes as superscript links to a «Notas» list at the end", () => {
    const { document, byId } = renderSample();
    const [sup] = byTag(document, "sup");
    expect(sup && textOf(sup)).toBe("1");
    const [link] = byTag(sup as Element, "a");
    const note = byId((attribute(link as Element, "href") ?? "").slice(1));
    expect(note?.tagName).toBe("li");
    expect(textOf(note as Element)).toContain("Las sesiones se celebraron a distancia.");
    const [back] = byTag(note as Element, "a");
    expect(byId((attribute(back as Element, "href") ?? "").slice(1))).toBe(link);
    const notes = byTag(document, "section").find((s) => attribute(s, "class") === "notes");
    expect(textOf(byTag(notes as Element, "h2")[0] as Element)).toBe("Notas");
    expect(byTag(notes as Element, "ol")[0]?.childNodes.filter((n) => n.nodeName === "li")).toHaveLength(1);
    const main = byTag(document, "main")[0] as Element;
    expect(main.childNodes.filter((n) => "tagName" in n).at(-1)).toBe(notes);
  });

  it("prints a «No.» column, one row per record, and several paragraphs in a cell", () => {
    const { document } = renderSample();
    const [direct, signed] = byTag(document, "table") as [Element, Element];
    expect(byTag(direct, "th").map(textOf)).toEqual([
      "No.",
      "Instrumento e Institución",
      "Objeto",
      "Fecha de suscripción",
    ]);
    const rows = byTag(byTag(direct, "tbody")[0] as Element, "tr");
    expect(rows.map((row) => textOf(byTag(row, "td")[0] as Element))).toEqual(["1.", "2."]);
    expect(byTag(byTag(rows[1] as Element, "td")[2] as Element, "p").map(textOf)).toEqual([
      "Objeto",
      "Segundo párrafo",
    ]);
    const signedRows = byTag(byTag(signed, "tbody")[0] as Element, "tr");
    expect(signedRows).toHaveLength(40);
    expect(textOf(byTag(signedRows[39] as Element, "td")[0] as Element)).toBe("40.");
  });

  it("merges a cell with the one below through rowspan, leaving the covered position out", () => {
    const { document } = renderSample();
    const unnumbered = byTag(document, "table")[2] as Element;
    const rows = byTag(byTag(unnumbered, "tbody")[0] as Element, "tr").map((row) => byTag(row, "td"));
    expect(rows.map((cells) => cells.map(textOf))).toEqual([
      ["viernes 15 de enero de 2021", "Sesión del Consejo General."],
      ["miércoles 27 de enero de 2021"],
    ]);
    expect(attribute(rows[0]?.[1] as Element, "rowspan")).toBe("2");
    expect(byTag(unnumbered, "caption")).toHaveLength(0);
  });

  it("puts a group heading over its columns in a first header row, the other headers spanning both rows", () => {
    const report = sampleReport();
    report.blocks.push({
      kind: "table",
      id: "attendance",
      isNumbered: false,
      hasRowNumbers: true,
      columns: [
        { header: "Integrantes e invitados" },
        { header: "Primera sesión ordinaria", group: "Asistencia a las sesiones" },
        { header: "Segunda sesión ordinaria", group: "Asistencia a las sesiones" },
        { header: "Notas" },
      ],
      rows: [[cell("Presidencia"), cell("X"), cell(""), cell("")]],
    });
    const table = byTag(parse(renderHtml(report)), "table").at(-1) as Element;
    const [first, second] = byTag(byTag(table, "thead")[0] as Element, "tr").map((row) => byTag(row, "th"));
    expect(first?.map((th) => [textOf(th), attribute(th, "rowspan"), attribute(th, "colspan")])).toEqual([
      ["No.", "2", undefined],
      ["Integrantes e invitados", "2", undefined],
      ["Asistencia a las sesiones", undefined, "2"],
      ["Notas", "2", undefined],
    ]);
    expect(second?.map(textOf)).toEqual(["Primera sesión ordinaria", "Segunda sesión ordinaria"]);
    expect(byTag(byTag(table, "tbody")[0] as Element, "td").map(textOf)).toEqual([
      "1.",
      "Presidencia",
      "X",
      "",
      "",
    ]);
  });
});
