/**
 * ReportDocument: a typed document tree, the one input of every renderer (DOCX, PDF, HTML, Markdown). It knows
 * nothing about sessions or agreements: the report builder in src/domain/reports composes it from records.
 *
 * Text is always data: renderers escape it for their format (Typst receives it as JSON inputs, never as markup).
 * Table numbers («Tabla 2.1»), cross-references to tables and footnote numbers are not typed anywhere: they are
 * assigned by `resolveDocument` from the tree's structure, and every renderer reads the same resolution.
 */

/** A run of text, a footnote, or a reference to a numbered table. */
export type Inline =
  | { kind: "text"; text: string; bold?: boolean; italic?: boolean }
  | { kind: "footnote"; content: Inline[] }
  | { kind: "tableRef"; tableId: string; capitalised?: boolean };

export type Alignment = "left" | "center" | "right" | "justify";

export type TableColumn = {
  header: string;
  /** Relative width (fractions of the table); renderers normalise. */
  width?: number;
  align?: Exclude<Alignment, "justify">;
  /**
   * A heading over consecutive columns («Asistencia a las sesiones» over the sessions): the header then has two
   * rows, and the headers of columns without a group span both.
   */
  group?: string;
};

/** The header's first row when some columns are grouped: runs of columns, each a group or one ungrouped column. */
export type HeaderRun = { group?: string; header: string; firstColumn: number; span: number };

/** The runs of the header's first row, or undefined when no column has a group (a one-row header). */
export function headerRuns(columns: TableColumn[]): HeaderRun[] | undefined {
  if (!columns.some((column) => column.group)) return undefined;
  const runs: HeaderRun[] = [];
  columns.forEach((column, index) => {
    const last = runs.at(-1);
    if (column.group && last?.group === column.group) last.span += 1;
    else runs.push({ group: column.group, header: column.header, firstColumn: index, span: 1 });
  });
  return runs;
}

/** A cell is a sequence of paragraphs; `rowSpan` merges it with the cells below (same column). */
export type TableCell = { paragraphs: Inline[][]; rowSpan?: number };

export type Block =
  | {
      kind: "heading";
      /** 1: section (I, II, III); 2: chapter of a section (1…6); 3: lettered part (A, B…). */
      level: 1 | 2 | 3;
      /** The label printed before the title («III.», «2.», «A)»), part of the numbering of tables. */
      label?: string;
      text: string;
      /** Whether it appears in the table of contents. */
      isInToc?: boolean;
    }
  | { kind: "paragraph"; content: Inline[]; align?: Alignment }
  | { kind: "list"; isOrdered: boolean; items: Inline[][] }
  | {
      kind: "table";
      id: string;
      /** Numbered tables get «Tabla <chapter>.<n>» from the nearest level-2 heading's label. */
      isNumbered: boolean;
      caption?: string;
      columns: TableColumn[];
      rows: TableCell[][];
      /** Prints a «No.» column with the row's position. */
      hasRowNumbers?: boolean;
    }
  | { kind: "pageBreak" }
  | { kind: "toc"; title: string };

export type CoverPage = {
  /** Lines of the cover, in order, each optionally emphasised (commission, title, approval, agenda point …). */
  lines: { text: string; isEmphasised?: boolean; spaceBefore?: boolean }[];
};

export type ReportDocument = {
  meta: {
    title: string;
    /** Institution and commission, for headers and document properties. */
    institution: string;
    author: string;
    /** BCP 47, always es-MX for the institution's documents. */
    language: "es-MX";
    /** The period the report covers, for properties and the footer («Primer trimestre de 2021»). */
    periodLabel: string;
  };
  cover: CoverPage;
  blocks: Block[];
};

/** What `resolveDocument` adds: numbers of tables and footnotes, and the text of every table reference. */
export type Resolution = {
  /** Table id → its label («Tabla 2.1»), for numbered tables. */
  tableLabels: Map<string, string>;
  /** Footnotes in document order; a footnote's number is its index + 1. */
  footnotes: Inline[][];
  /** The footnote objects in order, to find a footnote's number while rendering. */
  footnoteNumbers: Map<Inline, number>;
};

export class DocumentError extends Error {}

/** Numbers tables per chapter and footnotes in order, and checks that every table reference points at a table. */
export function resolveDocument(document: ReportDocument): Resolution {
  const tableLabels = new Map<string, string>();
  const footnotes: Inline[][] = [];
  const footnoteNumbers = new Map<Inline, number>();
  const tableIds = new Set<string>();
  let chapter: string | undefined;
  let tablesInChapter = 0;

  const visitInlines = (inlines: Inline[]) => {
    for (const inline of inlines) {
      if (inline.kind === "footnote") {
        footnotes.push(inline.content);
        footnoteNumbers.set(inline, footnotes.length);
        visitInlines(inline.content);
      }
    }
  };

  for (const block of document.blocks) {
    switch (block.kind) {
      case "heading":
        if (block.level <= 2) {
          chapter = block.level === 2 ? block.label?.replace(/[.)\s]+$/, "") : undefined;
          tablesInChapter = 0;
        }
        break;
      case "paragraph":
        visitInlines(block.content);
        break;
      case "list":
        for (const item of block.items) visitInlines(item);
        break;
      case "table": {
        if (tableIds.has(block.id)) throw new DocumentError(`Duplicate table id: ${block.id}`);
        tableIds.add(block.id);
        if (block.isNumbered) {
          if (!chapter) throw new DocumentError(`Numbered table ${block.id} outside a numbered chapter`);
          tablesInChapter += 1;
          tableLabels.set(block.id, `Tabla ${chapter}.${tablesInChapter}`);
        }
        for (const row of block.rows)
          for (const cell of row) for (const paragraph of cell.paragraphs) visitInlines(paragraph);
        break;
      }
      case "pageBreak":
      case "toc":
        break;
    }
  }

  const checkRefs = (inlines: Inline[]) => {
    for (const inline of inlines) {
      if (inline.kind === "tableRef" && !tableLabels.has(inline.tableId)) {
        throw new DocumentError(`Reference to unknown or unnumbered table: ${inline.tableId}`);
      }
      if (inline.kind === "footnote") checkRefs(inline.content);
    }
  };
  for (const block of document.blocks) {
    if (block.kind === "paragraph") checkRefs(block.content);
    if (block.kind === "list") for (const item of block.items) checkRefs(item);
    if (block.kind === "table")
      for (const row of block.rows) for (const cell of row) for (const p of cell.paragraphs) checkRefs(p);
  }
  return { tableLabels, footnotes, footnoteNumbers };
}

/** The text of a table reference in running text: «tabla 2.2» (or «Tabla 2.2» at the start of a sentence). */
export function tableRefText(resolution: Resolution, inline: Extract<Inline, { kind: "tableRef" }>): string {
  const label = resolution.tableLabels.get(inline.tableId) as string;
  return inline.capitalised ? label : label.toLowerCase();
}

/** Plain text of inlines (footnotes omitted, references resolved), for tables of contents and tests. */
export function plainText(inlines: Inline[], resolution: Resolution): string {
  return inlines
    .map((inline) => {
      if (inline.kind === "text") return inline.text;
      if (inline.kind === "tableRef") return tableRefText(resolution, inline);
      return "";
    })
    .join("");
}

/** One position of a laid-out row: a cell starting there, a position covered by a cell above, or a gap. */
export type TableSlot =
  | { kind: "cell"; cell: TableCell; rowSpan: number }
  | { kind: "covered" }
  | { kind: "empty" };

/**
 * Places each row's cells in their columns — the one convention for merged cells, shared by every renderer: each
 * row lists only the cells that START in it, left to right; a cell with `rowSpan: n` also occupies its column in
 * the n − 1 rows below, which simply omit it (HTML's own rowspan rule). A row with fewer cells than free columns
 * ends in empty cells; a row with more is an error; a span past the last row stops there.
 */
export function layOutTable(
  table: Pick<Extract<Block, { kind: "table" }>, "id" | "columns" | "rows">,
): TableSlot[][] {
  const coveredRowsLeft = table.columns.map(() => 0);
  return table.rows.map((row, rowIndex) => {
    let nextCell = 0;
    const slots = coveredRowsLeft.map((rowsLeft, column): TableSlot => {
      if (rowsLeft > 0) {
        coveredRowsLeft[column] = rowsLeft - 1;
        return { kind: "covered" };
      }
      const cell = row[nextCell];
      if (!cell) return { kind: "empty" };
      nextCell += 1;
      const requested = Number.isInteger(cell.rowSpan) ? (cell.rowSpan as number) : 1;
      const rowSpan = Math.min(Math.max(requested, 1), table.rows.length - rowIndex);
      coveredRowsLeft[column] = rowSpan - 1;
      return { kind: "cell", cell, rowSpan };
    });
    if (nextCell < row.length) {
      throw new DocumentError(
        `Table ${table.id}, row ${rowIndex + 1}: ${row.length} cells for ${nextCell} free columns`,
      );
    }
    return slots;
  });
}

/** Shorthands for builders and tests. */
export const text = (value: string, style: { bold?: boolean; italic?: boolean } = {}): Inline => ({
  kind: "text",
  text: value,
  ...style,
});
export const paragraph = (...content: Inline[]): Block => ({ kind: "paragraph", content, align: "justify" });
export const cell = (...paragraphs: (string | Inline[])[]): TableCell => ({
  paragraphs: paragraphs.map((p) => (typeof p === "string" ? [text(p)] : p)),
});
