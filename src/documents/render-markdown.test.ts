import fc from "fast-check";
import MarkdownIt from "markdown-it";
import { parseFragment } from "parse5";
import { describe, expect, it } from "vitest";
import { elements, type Node, textOf } from "../../tests/support/html.ts";
import { HOSTILE_TEXT, sampleReport } from "../../tests/support/sample-report.ts";
import { renderMarkdown } from "./render-markdown.ts";
import { type Inline, paragraph, type ReportDocument, text } from "./report-document.ts";

/** The Markdown as a renderer that allows raw HTML shows it (the harshest setting for escaping). */
function toHtml(markdown: string) {
  return parseFragment(new MarkdownIt({ html: true }).render(markdown));
}

/** The lines of the GFM table right after a caption line (a blank line between them). */
function tableAfter(lines: string[], caption: string): string[] {
  const start = lines.indexOf(caption) + 2;
  const end = lines.findIndex((line, index) => index >= start && !line.startsWith("|"));
  return lines.slice(start, end === -1 ? undefined : end);
}

function documentWith(content: Inline[][]): ReportDocument {
  return { ...sampleReport(), cover: { lines: [] }, blocks: content.map((inlines) => paragraph(...inlines)) };
}

describe("renderMarkdown", () => {
  const markdown = renderMarkdown(sampleReport());
  const lines = markdown.split("\n");

  it("prints the cover, the índice and the headings with their labels", () => {
    expect(lines[0]).toBe("**COMISIÓN PERMANENTE DE VINCULACIÓN CON ORGANISMOS EXTERNOS**");
    expect(markdown).toContain("APROBADO MEDIANTE ACUERDO\\\nCVOE/013/21\n");
    const toc = lines.indexOf("## ÍNDICE");
    expect(lines.slice(toc + 2, toc + 8)).toEqual([
      "- Introducción",
      "- I. Sesiones de la Comisión y asistencia",
      "- III. Principales resultados",
      "  - 2\\. Suscripción de convenios interinstitucionales",
      "    - A) La realización de gestiones tendentes a la suscripción de convenios.",
      "  - 4\\. Seguimiento a las labores de observación electoral",
    ]);
    expect(lines).toContain("# III. Principales resultados");
    expect(lines).toContain("## 2. Suscripción de convenios interinstitucionales");
    expect(lines).toContain("### A) La realización de gestiones tendentes a la suscripción de convenios.");
  });

  it("captions numbered tables and resolves references to them in running text", () => {
    expect(lines).toContain("**Tabla 2.1.** Gestión directa de convenios interinstitucionales");
    expect(lines).toContain("**Tabla 2.2.** Instrumentos jurídicos suscritos");
    expect(lines).toContain(
      "Se gestionó la suscripción de dos convenios, de los cuales da cuenta la tabla 2.1.",
    );
    expect(lines).toContain("Tabla 2.2 lista los instrumentos suscritos.");
    expect(lines).toContain(
      "Durante el primer trimestre de 2021 la Comisión celebró **tres sesiones ordinarias**, la primera el jueves 21 de enero de 2021.[^1]",
    );
    expect(lines).toContain("- **CVOE/001/21.** Aprobación del orden del día.");
  });

  it("prints each table row with its «No.», several paragraphs of a cell joined by <br>", () => {
    const direct = tableAfter(lines, "**Tabla 2.1.** Gestión directa de convenios interinstitucionales");
    expect(direct).toHaveLength(4);
    expect(direct[0]).toBe("| No. | Instrumento e Institución | Objeto | Fecha de suscripción |");
    expect(direct[1]).toBe("| ---: | --- | --- | --- |");
    expect(direct[2]).toMatch(/^\| 1\. \| Convenio de Colaboración/);
    expect(direct[3]).toMatch(
      /^\| 2\. \| .* \| Objeto<br>Segundo párrafo \| miércoles 24 de marzo de 2021 \|$/,
    );
    const signed = tableAfter(lines, "**Tabla 2.2.** Instrumentos jurídicos suscritos");
    expect(signed).toHaveLength(42);
    expect(signed[41]).toMatch(/^\| 40\. \| Convenio número 40 /);
  });

  it("repeats an empty cell where a cell above spans down", () => {
    const unnumbered = tableAfter(lines, "No se reportan actividades en el periodo de referencia.");
    expect(unnumbered).toEqual([
      "| Fecha | Instancia Electoral |",
      "| --- | --- |",
      "| viernes 15 de enero de 2021 | Sesión del Consejo General. |",
      "| miércoles 27 de enero de 2021 |  |",
    ]);
  });

  it("references footnotes as [^1] and defines them at the end", () => {
    expect(markdown.match(/\[\^1\]/g)).toHaveLength(2);
    expect(markdown.endsWith("\n\n[^1]: Las sesiones se celebraron a distancia.\n")).toBe(true);
  });

  it("escapes the hostile text in lists and in table cells", () => {
    const listLine = lines.find((line) => line.startsWith("- Texto con"));
    expect(listLine).toContain("\\*negritas\\*");
    expect(listLine).toContain("\\<script\\>");
    expect(listLine).toContain("\\_itálicas\\_");
    const cellLine = lines.find((line) => line.startsWith("| 2. | Texto con"));
    expect(cellLine).toContain("\\| tubo |");
  });

  it("renders, through a Markdown parser, to the literal text and no element from the data", () => {
    const html = toHtml(markdown);
    const all = elements(html);
    expect(textOf(html).split(HOSTILE_TEXT)).toHaveLength(3);
    expect(all.filter((element) => element.tagName === "script")).toEqual([]);
    expect(all.filter((element) => element.tagName === "table")).toHaveLength(3);
    const hostileCell = all.find((element) => element.tagName === "td" && textOf(element) === HOSTILE_TEXT);
    expect(hostileCell && elements(hostileCell)).toHaveLength(1);
    const strong = all.filter((element) => element.tagName === "strong").map(textOf);
    expect(strong).toContain("tres sesiones ordinarias");
    expect(strong).toContain("Tabla 2.1.");
    expect(all.filter((element) => element.tagName === "em").map(textOf)).toEqual([
      "Código de Instituciones y Procedimientos Electorales de la Ciudad de México",
    ]);
    const headings = all.filter((element) => /^h[1-3]$/.test(element.tagName)).map(textOf);
    expect(headings).toContain("2. Suscripción de convenios interinstitucionales");
    expect(all.filter((element) => element.tagName === "ol")).toEqual([]);
  });

  it("keeps text that looks like block syntax as text, and emphasis around punctuation", () => {
    const markdown = renderMarkdown(
      documentWith([
        [text("1. no es una lista")],
        [text("# no es un título")],
        [text("- no es una viñeta")],
        [text("=== tampoco")],
        [text("Artículo 5", { bold: true }), text("bis de la ley")],
        [text("«entre comillas»", { bold: true }), text("seguido")],
        [text("pal", { italic: true }), text("abra")],
        [
          text("uno", { bold: true }),
          text("dos", { bold: true, italic: true }),
          text("tres", { italic: true }),
        ],
        [text("Véase"), { kind: "footnote", content: [text("1) Nota")] }, text("(anexo)")],
      ]),
    );
    const html = toHtml(markdown);
    const paragraphs = elements(html).filter((element) => element.tagName === "p");
    expect(paragraphs.map(textOf)).toEqual([
      "1. no es una lista",
      "# no es un título",
      "- no es una viñeta",
      "=== tampoco",
      "Artículo 5bis de la ley",
      "«entre comillas»seguido",
      "palabra",
      "unodostres",
      "Véase[^1](anexo)",
      "[^1]: 1) Nota",
    ]);
    const styled = (tag: string) =>
      elements(html)
        .filter((element) => element.tagName === tag)
        .map(textOf);
    expect(styled("strong")).toEqual(["Artículo 5", "«entre comillas»", "uno", "dos"]);
    expect(styled("em")).toEqual(["pal", "dos", "tres"]);
    expect(elements(html).filter((element) => element.tagName === "a")).toEqual([]);
  });

  it("renders any text with any emphasis literally (property)", () => {
    const characters = [..." !\"#$%&'()*+,-./0123456789:;<=>?@AZaz[\\]^_`{|}~«»¿¡áÉñ"];
    const run = fc.record({
      value: fc.string({ unit: fc.constantFrom(...characters), maxLength: 8 }),
      bold: fc.boolean(),
      italic: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(run, { minLength: 1, maxLength: 5 }), (runs) => {
        const expected = runs.map((r) => r.value).join("");
        fc.pre(expected.trim() !== "");
        const inlines = runs.map((r) => text(r.value, { bold: r.bold, italic: r.italic }));
        const html = toHtml(renderMarkdown(documentWith([inlines])));
        const all = elements(html);
        expect(
          all.map((element) => element.tagName).filter((tag) => !["p", "strong", "em"].includes(tag)),
        ).toEqual([]);
        expect(textOf(html).trim()).toBe(expected.trim());
        // Every visible character keeps its own style.
        const styleOf = (bold: boolean, italic: boolean) => `${bold ? "b" : ""}${italic ? "i" : ""}`;
        const expectedStyles = runs.flatMap((r) =>
          [...r.value].filter((c) => c.trim() !== "").map((c) => `${c}${styleOf(r.bold, r.italic)}`),
        );
        const actualStyles: string[] = [];
        const walk = (node: Node, bold: boolean, italic: boolean) => {
          if (node.nodeName === "#text" && "value" in node) {
            for (const c of node.value)
              if (c.trim() !== "") actualStyles.push(`${c}${styleOf(bold, italic)}`);
          }
          if ("childNodes" in node) {
            const tag = "tagName" in node ? node.tagName : "";
            for (const child of node.childNodes)
              walk(child, bold || tag === "strong", italic || tag === "em");
          }
        };
        walk(html, false, false);
        expect(actualStyles).toEqual(expectedStyles);
      }),
      { numRuns: 500 },
    );
  });
});
