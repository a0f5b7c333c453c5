/**
 * Markdown renderer: a ReportDocument as CommonMark with GitHub's extensions (tables, footnotes).
 *
 * Text is data, so it is escaped to render literally:
 * - syntax anywhere in a line is always backslash-escaped: \ ` * _ { } [ ] < > | ~ $ & (with [ ] < escaped,
 *   ( ) ! cannot form links, images or autolinks; ~ is GFM strikethrough, $ is math on GitHub, & an entity);
 * - syntax only at the start of a block (# + - = and «1.» «1)») is escaped there and not in running text, so
 *   «tabla 2.1» stays readable in the source;
 * - a line break inside a text becomes a space (it would end a table row or start a new block).
 * Bold and italic are ** and _ wherever CommonMark's flanking rules let the delimiters open and close
 * around the run; where they cannot (a run ending in punctuation right before a letter, _ inside a word)
 * the run falls back to <strong>/<em>, inline HTML that GFM allows. Merged cells follow `layOutTable`
 * (report-document.ts): each position covered by a rowSpan from above is an empty cell.
 */
import {
  type Alignment,
  type Block,
  DocumentError,
  type Inline,
  layOutTable,
  type ReportDocument,
  type Resolution,
  resolveDocument,
  tableRefText,
} from "./report-document.ts";

type TableBlock = Extract<Block, { kind: "table" }>;
type Style = "bold" | "italic" | "boldItalic";

const INLINE_SYNTAX = /[\\`*_{}[\]<>|~$&]/g;
const LINE_BREAKS = /[\r\n\u2028\u2029]+/g;
const DELIMITERS: Record<Style, [string, string]> = {
  bold: ["**", "**"],
  italic: ["_", "_"],
  boldItalic: ["**_", "_**"],
};
const HTML_TAGS: Record<Style, [string, string]> = {
  bold: ["<strong>", "</strong>"],
  italic: ["<em>", "</em>"],
  boldItalic: ["<strong><em>", "</em></strong>"],
};
const ALIGN_DELIMITERS: Record<Exclude<Alignment, "justify">, string> = {
  left: ":---",
  center: ":---:",
  right: "---:",
};

/** Renders a ReportDocument as CommonMark/GFM in which every text renders literally. */
export function renderMarkdown(document: ReportDocument): string {
  const resolution = resolveDocument(document);
  const parts = [renderCover(document)];
  let previousList: { isOrdered: boolean; isAlternate: boolean } | undefined;
  for (const block of document.blocks) {
    if (block.kind === "list") {
      // Two lists in a row would merge into one unless the second uses the other marker.
      const isAlternate = previousList?.isOrdered === block.isOrdered && !previousList.isAlternate;
      parts.push(renderList(block.items, block.isOrdered, isAlternate, resolution));
      previousList = { isOrdered: block.isOrdered, isAlternate };
      continue;
    }
    const rendered = renderBlock(block, document, resolution);
    if (rendered !== "") previousList = undefined;
    parts.push(rendered);
  }
  parts.push(renderFootnotes(resolution));
  return `${parts.filter((part) => part !== "").join("\n\n")}\n`;
}

function escapeText(value: string): string {
  return value.replace(LINE_BREAKS, " ").replace(INLINE_SYNTAX, "\\$&");
}

/** Heading text: also every #, since trailing ones would be read as a closing sequence. */
function escapeHeading(value: string): string {
  return escapeText(value).trim().replace(/#/g, "\\#");
}

/** Content opening a block (paragraph, list item, footnote): escapes what would start another block there. */
function atBlockStart(markdown: string): string {
  return markdown
    .trim()
    .replace(/^[#+\-=]/, "\\$&")
    .replace(/^(\d{1,9})([.)])/, "$1\\$2");
}

function renderCover(document: ReportDocument): string {
  const groups: string[][] = [];
  for (const line of document.cover.lines) {
    const escaped = escapeText(line.text).trim();
    if (escaped === "") continue;
    const content = atBlockStart(
      line.isEmphasised ? emphasise(escaped, "bold", undefined, undefined) : escaped,
    );
    const current = groups.at(-1);
    if (current && !line.spaceBefore) current.push(content);
    else groups.push([content]);
  }
  if (groups.length === 0) return "";
  // Lines of one group are one paragraph with hard line breaks (a backslash at the end of the line).
  return [...groups.map((lines) => lines.join("\\\n")), "---"].join("\n\n");
}

function renderBlock(
  block: Exclude<Block, { kind: "list" }>,
  document: ReportDocument,
  resolution: Resolution,
) {
  switch (block.kind) {
    case "heading": {
      const label = block.label ? `${escapeHeading(block.label)} ` : "";
      return `${"#".repeat(block.level)} ${label}${escapeHeading(block.text)}`;
    }
    case "paragraph":
      return atBlockStart(renderInlines(block.content, resolution));
    case "table":
      return renderTable(block, resolution);
    case "pageBreak":
      return "";
    case "toc":
      return renderToc(block.title, document);
  }
}

function renderList(items: Inline[][], isOrdered: boolean, isAlternate: boolean, resolution: Resolution) {
  return items
    .map((item, index) => {
      const marker = isOrdered ? `${index + 1}${isAlternate ? ")" : "."}` : isAlternate ? "+" : "-";
      return `${marker} ${atBlockStart(renderInlines(item, resolution))}`.trimEnd();
    })
    .join("\n");
}

function renderToc(title: string, document: ReportDocument): string {
  const entries: string[] = [];
  let previousDepth = -1;
  for (const block of document.blocks) {
    if (block.kind !== "heading" || !block.isInToc) continue;
    // A list can only nest one level deeper than the item above it.
    const depth = Math.min(block.level - 1, previousDepth + 1);
    previousDepth = depth;
    const text = block.label ? `${block.label} ${block.text}` : block.text;
    entries.push(`${"  ".repeat(depth)}- ${atBlockStart(escapeText(text))}`);
  }
  const heading = `## ${escapeHeading(title)}`;
  return entries.length > 0 ? `${heading}\n\n${entries.join("\n")}` : heading;
}

function renderTable(table: TableBlock, resolution: Resolution): string {
  const numberColumn = table.hasRowNumbers ? ["No."] : [];
  // GFM tables have one header row: a column group («Asistencia a las sesiones») is not printed here.
  const header = [...numberColumn, ...table.columns.map((column) => escapeText(column.header).trim())];
  const delimiter = [
    ...(table.hasRowNumbers ? ["---:"] : []),
    ...table.columns.map((column) => (column.align ? ALIGN_DELIMITERS[column.align] : "---")),
  ];
  const rows = layOutTable(table).map((slots, rowIndex) => [
    ...(table.hasRowNumbers ? [`${rowIndex + 1}.`] : []),
    ...slots.map((slot) =>
      slot.kind === "cell"
        ? slot.cell.paragraphs
            .map((paragraph) => renderInlines(paragraph, resolution).trim())
            .filter((paragraph) => paragraph !== "")
            .join("<br>")
        : "",
    ),
  ]);
  const lines = [header, delimiter, ...rows].map((cells) => `| ${cells.join(" | ")} |`);
  const caption = renderCaption(resolution.tableLabels.get(table.id), table.caption);
  return caption ? `${caption}\n\n${lines.join("\n")}` : lines.join("\n");
}

/** «**Tabla 2.1.** Caption», the label or the caption alone when the table has only one. */
function renderCaption(label: string | undefined, caption: string | undefined): string {
  const text = caption === undefined ? "" : escapeText(caption).trim();
  if (label) {
    const labelText = escapeText(label);
    return text
      ? `${emphasise(`${labelText}.`, "bold", undefined, " ")} ${text}`
      : emphasise(labelText, "bold", undefined, undefined);
  }
  return atBlockStart(text);
}

function renderFootnotes(resolution: Resolution): string {
  return resolution.footnotes
    .map((content, index) => `[^${index + 1}]: ${atBlockStart(renderInlines(content, resolution))}`.trimEnd())
    .join("\n\n");
}

type Piece = { markdown: string; style?: Style };

/**
 * Inlines as one line of Markdown. Adjacent runs of one style are merged and the blanks at the edges of a
 * styled run moved outside it («**a **» would not close); then each styled run gets the delimiters its
 * neighbours allow.
 */
function renderInlines(inlines: Inline[], resolution: Resolution): string {
  const pieces: Piece[] = [];
  const push = (markdown: string, style?: Style) => {
    if (markdown === "") return;
    const last = pieces.at(-1);
    if (last && !last.style && !style && last.markdown.endsWith("]")) {
      // After a footnote reference, «(» would make it a link and «:» a definition.
      markdown = markdown.replace(/^[(:]/, "\\$&");
    }
    if (last && last.style === style) last.markdown += markdown;
    else pieces.push(style ? { markdown, style } : { markdown });
  };
  for (const inline of inlines) {
    if (inline.kind === "footnote") {
      const last = pieces.at(-1);
      // «![^1]» would be an image.
      if (last && !last.style && last.markdown.endsWith("!"))
        last.markdown = `${last.markdown.slice(0, -1)}\\!`;
      push(`[^${footnoteNumber(inline, resolution)}]`);
    } else if (inline.kind === "tableRef") {
      push(escapeText(tableRefText(resolution, inline)));
    } else {
      const escaped = escapeText(inline.text);
      const style = inline.bold
        ? inline.italic
          ? "boldItalic"
          : "bold"
        : inline.italic
          ? "italic"
          : undefined;
      if (!style) {
        push(escaped);
        continue;
      }
      const [, leading = "", core = "", trailing = ""] = /^(\s*)(.*?)(\s*)$/su.exec(escaped) ?? [];
      push(leading);
      push(core, style);
      push(trailing);
    }
  }
  let markdown = "";
  pieces.forEach((piece, index) => {
    if (!piece.style) {
      markdown += piece.markdown;
      return;
    }
    const next = pieces[index + 1];
    const after = next?.style ? DELIMITERS[next.style][0].charAt(0) : next?.markdown.charAt(0);
    markdown += emphasise(piece.markdown, piece.style, markdown.at(-1), after);
  });
  return markdown;
}

function footnoteNumber(inline: Inline, resolution: Resolution): number {
  const number = resolution.footnoteNumbers.get(inline);
  if (number === undefined) throw new DocumentError("Footnote outside the resolved document");
  return number;
}

/** Wraps an escaped run in delimiters where they can open and close between its neighbours, else HTML. */
function emphasise(
  core: string,
  style: Style,
  before: string | undefined,
  after: string | undefined,
): string {
  const [open, close] = DELIMITERS[style];
  const marker = open.charAt(0);
  // In «**_x_**» the ** runs touch the _ runs, which always fit around a run without edge blanks.
  const first = style === "boldItalic" ? "_" : core.charAt(0);
  const last = style === "boldItalic" ? "_" : core.charAt(core.length - 1);
  const fits =
    before !== marker && after !== marker && canOpen(marker, before, first) && canClose(marker, last, after);
  const [htmlOpen, htmlClose] = HTML_TAGS[style];
  return fits ? `${open}${core}${close}` : `${htmlOpen}${core}${htmlClose}`;
}

// CommonMark's delimiter rules (spec 0.31, §6.2); the start and end of a line count as whitespace.
const isWhitespace = (character: string | undefined) => !character || /\s/u.test(character);
const isPunctuation = (character: string | undefined) => !!character && /[\p{P}\p{S}]/u.test(character);

function isLeftFlanking(before: string | undefined, after: string | undefined): boolean {
  return !isWhitespace(after) && (!isPunctuation(after) || isWhitespace(before) || isPunctuation(before));
}

function isRightFlanking(before: string | undefined, after: string | undefined): boolean {
  return !isWhitespace(before) && (!isPunctuation(before) || isWhitespace(after) || isPunctuation(after));
}

function canOpen(marker: string, before: string | undefined, after: string | undefined): boolean {
  const isLeft = isLeftFlanking(before, after);
  if (marker === "*") return isLeft;
  return isLeft && (!isRightFlanking(before, after) || isPunctuation(before));
}

function canClose(marker: string, before: string | undefined, after: string | undefined): boolean {
  const isRight = isRightFlanking(before, after);
  if (marker === "*") return isRight;
  return isRight && (!isLeftFlanking(before, after) || isPunctuation(after));
}
