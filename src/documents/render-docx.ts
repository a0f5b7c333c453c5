/**
 * DOCX renderer: a ReportDocument as a Word document the institution can go on editing — built-in heading styles
 * (navigation pane, table of contents), named styles for body text, captions and tables, real footnotes and lists.
 *
 * Text is data: every string from the tree goes into a run's `text`, never into `children`, because docx reads some
 * strings in `children` («CURRENT», «TOTAL_PAGES») as page-number fields; docx escapes XML itself.
 */
import {
  AlignmentType,
  Bookmark,
  BorderStyle,
  Document,
  Footer,
  FootnoteReferenceRun,
  Header,
  HeadingLevel,
  InternalHyperlink,
  LeaderType,
  LevelFormat,
  Packer,
  PageBreak,
  PageNumber,
  PageReference,
  Paragraph,
  type ParagraphChild,
  ShadingType,
  Tab,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TabStopType,
  TextRun,
  VerticalAlign,
  VerticalMergeType,
  WidthType,
} from "docx";
import {
  type Alignment,
  type Block,
  headerRuns,
  type Inline,
  layOutTable,
  type ReportDocument,
  type Resolution,
  resolveDocument,
  type TableColumn,
  type TableCell as TreeCell,
  tableRefText,
} from "./report-document.ts";

/** Letter paper with 2.5 cm margins, in twips (twentieths of a point). */
const PAGE = { width: 12_240, height: 15_840, margin: 1_417 } as const;
const TEXT_WIDTH = PAGE.width - 2 * PAGE.margin;
const ROW_NUMBER_WIDTH = 680;
const FONT = "Times New Roman";
const HEADER_FILL = "D9D9D9";
const TABLE_STYLE = "VinculaTable";

const STYLE = {
  body: "BodyText",
  caption: "Caption",
  cover: "CoverLine",
  tableText: "TableText",
  tocHeading: "TOCHeading",
} as const;

const LIST = { bullet: "vincula-bullet", ordered: "vincula-ordered" } as const;

const HEADING_LEVELS = {
  1: HeadingLevel.HEADING_1,
  2: HeadingLevel.HEADING_2,
  3: HeadingLevel.HEADING_3,
} as const;

/** Headings left out of the table of contents take a look-alike style that Word's TOC \o switch does not collect. */
const unlistedHeadingStyle = (level: 1 | 2 | 3) => `Heading${level}Unlisted`;

const ALIGNMENTS = {
  left: AlignmentType.LEFT,
  center: AlignmentType.CENTER,
  right: AlignmentType.RIGHT,
  justify: AlignmentType.JUSTIFIED,
} as const;

const THIN_BORDER = { style: BorderStyle.SINGLE, size: 4, color: "000000" } as const;

/** Renders a ReportDocument as DOCX bytes (no file I/O). */
export async function renderDocx(document: ReportDocument): Promise<Uint8Array> {
  const resolution = resolveDocument(document);
  const context: RenderContext = { resolution, listInstances: 0, bookmarks: 0, tocEntries: [] };
  // The table of contents is rendered after the headings that follow it, so it can list them.
  const rendered = document.blocks.map((block) =>
    block.kind === "toc" ? block : renderBlock(block, context),
  );
  const body = rendered.flatMap((item) => (Array.isArray(item) ? item : renderToc(item, context)));

  const file = new Document({
    title: document.meta.title,
    subject: document.meta.periodLabel,
    creator: document.meta.author,
    lastModifiedBy: document.meta.author,
    description: `${document.meta.institution}. ${document.meta.periodLabel}.`,
    features: { updateFields: true },
    externalStyles: TABLE_STYLES_XML,
    styles: buildStyles(),
    numbering: buildNumbering(),
    footnotes: buildFootnotes(resolution),
    sections: [
      {
        properties: {
          titlePage: true,
          page: {
            size: { width: PAGE.width, height: PAGE.height },
            margin: { top: PAGE.margin, bottom: PAGE.margin, left: PAGE.margin, right: PAGE.margin },
          },
        },
        headers: { default: buildHeader(document), first: new Header({ children: [] }) },
        footers: { default: buildFooter(), first: new Footer({ children: [] }) },
        children: [...renderCover(document), ...body],
      },
    ],
  });
  return Packer.pack(file, "uint8array");
}

type RenderContext = {
  resolution: Resolution;
  /** Each list is its own numbering instance, so every ordered list starts at 1. */
  listInstances: number;
  bookmarks: number;
  tocEntries: { title: string; level: number; href: string }[];
};

type BodyChild = Paragraph | Table;
type TocBlock = Extract<Block, { kind: "toc" }>;

function renderBlock(block: Exclude<Block, TocBlock>, context: RenderContext): BodyChild[] {
  switch (block.kind) {
    case "heading":
      return [renderHeading(block, context)];
    case "paragraph":
      return [
        new Paragraph({
          style: STYLE.body,
          alignment: ALIGNMENTS[block.align ?? "justify"],
          children: renderInlines(block.content, context.resolution),
        }),
      ];
    case "list": {
      context.listInstances += 1;
      const instance = context.listInstances;
      return block.items.map(
        (item) =>
          new Paragraph({
            numbering: { reference: block.isOrdered ? LIST.ordered : LIST.bullet, level: 0, instance },
            children: renderInlines(item, context.resolution),
          }),
      );
    }
    case "table":
      return renderTable(block, context.resolution);
    case "pageBreak":
      return [new Paragraph({ children: [new PageBreak()] })];
  }
}

function renderHeading(block: Extract<Block, { kind: "heading" }>, context: RenderContext): Paragraph {
  const title = block.label ? `${block.label} ${block.text}` : block.text;
  const run = new TextRun({ text: title });
  if (!block.isInToc) {
    return new Paragraph({ style: unlistedHeadingStyle(block.level), children: [run] });
  }
  context.bookmarks += 1;
  const href = `_Toc${String(context.bookmarks).padStart(6, "0")}`;
  context.tocEntries.push({ title, level: block.level, href });
  return new Paragraph({
    heading: HEADING_LEVELS[block.level],
    children: [new Bookmark({ id: href, children: [run] })],
  });
}

/**
 * The índice: one paragraph per heading — its title as plain text (docx would read a heading titled «CURRENT» as a
 * field), linked to the heading's bookmark — and a PAGEREF field to that bookmark, which Word updates on opening
 * (`updateFields`) and LibreOffice computes from its own layout. Not a Word TOC field: LibreOffice keeps a TOC
 * field's cached text when it converts, so its page numbers would be missing (docs/decisions/009).
 */
function renderToc(block: TocBlock, context: RenderContext): BodyChild[] {
  const entries = context.tocEntries.map(
    (entry) =>
      new Paragraph({
        style: `TOC${entry.level}`,
        tabStops: [{ type: TabStopType.RIGHT, position: TEXT_WIDTH, leader: LeaderType.DOT }],
        children: [
          new InternalHyperlink({ anchor: entry.href, children: [new TextRun({ text: entry.title })] }),
          new TextRun({ children: [new Tab()] }),
          new PageReference(entry.href),
        ],
      }),
  );
  return [
    new Paragraph({ style: STYLE.tocHeading, children: [new TextRun({ text: block.title })] }),
    ...entries,
  ];
}

function renderInlines(inlines: Inline[], resolution: Resolution, isInFootnote = false): ParagraphChild[] {
  return inlines.flatMap((inline) => renderInline(inline, resolution, isInFootnote));
}

function renderInline(inline: Inline, resolution: Resolution, isInFootnote: boolean): ParagraphChild[] {
  switch (inline.kind) {
    case "text":
      return [new TextRun({ text: inline.text, bold: inline.bold, italics: inline.italic })];
    case "tableRef":
      return [new TextRun({ text: tableRefText(resolution, inline) })];
    case "footnote":
      // Word has no footnotes inside footnotes: a nested one is printed in parentheses where it stands.
      if (isInFootnote) {
        return [
          new TextRun({ text: " (" }),
          ...renderInlines(inline.content, resolution, true),
          new TextRun({ text: ")" }),
        ];
      }
      return [new FootnoteReferenceRun(resolution.footnoteNumbers.get(inline) as number)];
  }
}

function buildFootnotes(resolution: Resolution): Record<string, { children: Paragraph[] }> {
  const footnotes: Record<string, { children: Paragraph[] }> = {};
  for (const [inline, number] of resolution.footnoteNumbers) {
    if (inline.kind !== "footnote") continue;
    footnotes[number] = {
      children: [
        new Paragraph({ style: "FootnoteText", children: renderInlines(inline.content, resolution, true) }),
      ],
    };
  }
  return footnotes;
}

function renderCover(document: ReportDocument): Paragraph[] {
  return [
    ...document.cover.lines.map(
      (line) =>
        new Paragraph({
          style: STYLE.cover,
          spacing: line.spaceBefore ? { before: 960 } : undefined,
          children: [new TextRun({ text: line.text, bold: line.isEmphasised })],
        }),
    ),
    new Paragraph({ children: [new PageBreak()] }),
  ];
}

/** As the PDF: the institution and the period over a rule on every page but the cover. */
function buildHeader(document: ReportDocument): Header {
  return new Header({
    children: [
      new Paragraph({
        style: "Header",
        tabStops: [{ type: TabStopType.RIGHT, position: TEXT_WIDTH }],
        border: { bottom: { style: BorderStyle.SINGLE, size: 4, color: "808080", space: 1 } },
        children: [
          new TextRun({ text: document.meta.institution }),
          new TextRun({ children: [new Tab()] }),
          new TextRun({ text: document.meta.periodLabel }),
        ],
      }),
    ],
  });
}

function buildFooter(): Footer {
  return new Footer({
    children: [
      new Paragraph({
        style: "Footer",
        alignment: AlignmentType.CENTER,
        children: [
          new TextRun({ text: "Página " }),
          new TextRun({ children: [PageNumber.CURRENT] }),
          new TextRun({ text: " de " }),
          new TextRun({ children: [PageNumber.TOTAL_PAGES] }),
        ],
      }),
    ],
  });
}

function renderTable(block: Extract<Block, { kind: "table" }>, resolution: Resolution): BodyChild[] {
  const label = resolution.tableLabels.get(block.id);
  const hasRowNumbers = block.hasRowNumbers === true;
  const widths = columnWidths(block.columns, hasRowNumbers);
  const columnWidth = (column: number) => widths[column + (hasRowNumbers ? 1 : 0)] as number;

  // With grouped columns the header has two rows: groups (spanning their columns) and the ungrouped headers
  // (merged down), then the grouped columns' headers. Both rows repeat on every page.
  const runs = headerRuns(block.columns);
  const headerRows = runs
    ? [
        [
          ...(hasRowNumbers
            ? [headerCell("No.", ROW_NUMBER_WIDTH, { merge: VerticalMergeType.RESTART })]
            : []),
          ...runs.map((run) => {
            const width = Array.from({ length: run.span }, (_, i) => columnWidth(run.firstColumn + i)).reduce(
              (sum, w) => sum + w,
              0,
            );
            return run.group
              ? headerCell(run.group, width, { span: run.span })
              : headerCell(run.header, width, { merge: VerticalMergeType.RESTART });
          }),
        ],
        [
          ...(hasRowNumbers ? [headerCell("", ROW_NUMBER_WIDTH, { merge: VerticalMergeType.CONTINUE })] : []),
          ...block.columns.map((column, index) =>
            column.group
              ? headerCell(column.header, columnWidth(index))
              : headerCell("", columnWidth(index), { merge: VerticalMergeType.CONTINUE }),
          ),
        ],
      ]
    : [
        [
          ...(hasRowNumbers ? [headerCell("No.", ROW_NUMBER_WIDTH)] : []),
          ...block.columns.map((column, index) => headerCell(column.header, columnWidth(index))),
        ],
      ];

  // A cell merged down (rowSpan) is absent from the rows below it in the tree; Word wants a continuation cell there.
  const bodyRows = layOutTable(block).map((slots, rowIndex) => {
    const cells: TableCell[] = [];
    if (hasRowNumbers) {
      cells.push(bodyCell([[new TextRun({ text: `${rowIndex + 1}.` })]], ROW_NUMBER_WIDTH, "center"));
    }
    slots.forEach((slot, column) => {
      const align = block.columns[column]?.align;
      if (slot.kind === "covered") {
        cells.push(bodyCell([[]], columnWidth(column), align, VerticalMergeType.CONTINUE));
        return;
      }
      const treeCell: TreeCell = slot.kind === "cell" ? slot.cell : { paragraphs: [] };
      const rowSpan = slot.kind === "cell" ? slot.rowSpan : 1;
      const paragraphs = treeCell.paragraphs.map((inlines) => renderInlines(inlines, resolution));
      cells.push(
        bodyCell(paragraphs, columnWidth(column), align, rowSpan > 1 ? VerticalMergeType.RESTART : undefined),
      );
    });
    return new TableRow({ cantSplit: true, children: cells });
  });

  const table = new Table({
    style: TABLE_STYLE,
    layout: TableLayoutType.FIXED,
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    borders: {
      top: THIN_BORDER,
      bottom: THIN_BORDER,
      left: THIN_BORDER,
      right: THIN_BORDER,
      insideHorizontal: THIN_BORDER,
      insideVertical: THIN_BORDER,
    },
    rows: [
      ...headerRows.map((children) => new TableRow({ tableHeader: true, cantSplit: true, children })),
      ...bodyRows,
    ],
  });

  const caption =
    block.isNumbered && label
      ? [
          new Paragraph({
            style: STYLE.caption,
            children: [new TextRun({ text: block.caption ? `${label}. ${block.caption}` : `${label}.` })],
          }),
        ]
      : [];
  // The empty paragraph after a table keeps two tables from fusing and gives the body the paragraph Word expects.
  return [...caption, table, new Paragraph({ style: STYLE.body, children: [] })];
}

/** Column widths in twips: a fixed «No.» column, the rest shared by relative width (1 where not given). */
function columnWidths(columns: TableColumn[], hasRowNumbers: boolean): number[] {
  const available = TEXT_WIDTH - (hasRowNumbers ? ROW_NUMBER_WIDTH : 0);
  const weights = columns.map((column) => (column.width && column.width > 0 ? column.width : 1));
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  const widths = weights.map((weight) => Math.floor((available * weight) / total));
  return hasRowNumbers ? [ROW_NUMBER_WIDTH, ...widths] : widths;
}

function headerCell(
  text: string,
  width: number,
  options: { span?: number; merge?: (typeof VerticalMergeType)[keyof typeof VerticalMergeType] } = {},
): TableCell {
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    columnSpan: options.span,
    verticalMerge: options.merge,
    verticalAlign: VerticalAlign.CENTER,
    shading: { type: ShadingType.CLEAR, color: "auto", fill: HEADER_FILL },
    children: [
      new Paragraph({
        style: STYLE.tableText,
        alignment: AlignmentType.CENTER,
        children: [new TextRun({ text, bold: true })],
      }),
    ],
  });
}

function bodyCell(
  paragraphs: ParagraphChild[][],
  width: number,
  align: Exclude<Alignment, "justify"> | undefined,
  verticalMerge?: (typeof VerticalMergeType)[keyof typeof VerticalMergeType],
): TableCell {
  // A cell must hold at least one paragraph.
  const content = paragraphs.length > 0 ? paragraphs : [[]];
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    verticalMerge,
    children: content.map(
      (children) =>
        new Paragraph({ style: STYLE.tableText, alignment: ALIGNMENTS[align ?? "left"], children }),
    ),
  });
}

function buildNumbering() {
  const indent = { left: 720, hanging: 360 };
  return {
    config: [
      {
        reference: LIST.bullet,
        levels: [
          {
            level: 0,
            format: LevelFormat.BULLET,
            text: "•",
            alignment: AlignmentType.LEFT,
            style: { paragraph: { indent } },
          },
        ],
      },
      {
        reference: LIST.ordered,
        levels: [
          {
            level: 0,
            format: LevelFormat.DECIMAL,
            text: "%1.",
            alignment: AlignmentType.LEFT,
            style: { paragraph: { indent } },
          },
        ],
      },
    ],
  };
}

/**
 * A Word table style, so tables added or edited in Word look like the generated ones. docx has no option for table
 * styles; as `externalStyles` it is merged with docx's default styles (as `importedStyles` it would replace them).
 */
const TABLE_STYLES_XML = `<w:styles xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" xmlns:w15="http://schemas.microsoft.com/office/word/2012/wordml" mc:Ignorable="w14 w15"><w:style w:type="table" w:styleId="${TABLE_STYLE}"><w:name w:val="Tabla del informe"/><w:basedOn w:val="TableNormal"/><w:uiPriority w:val="59"/><w:qFormat/><w:pPr><w:spacing w:before="0" w:after="0"/></w:pPr><w:rPr><w:sz w:val="20"/><w:szCs w:val="20"/></w:rPr><w:tblPr><w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:left w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:bottom w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:right w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:insideH w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="000000"/></w:tblBorders><w:tblCellMar><w:left w:w="85" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar></w:tblPr><w:tblStylePr w:type="firstRow"><w:rPr><w:b/><w:bCs/></w:rPr><w:tblPr/><w:trPr><w:tblHeader/></w:trPr><w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="${HEADER_FILL}"/></w:tcPr></w:tblStylePr></w:style></w:styles>`;

function buildStyles() {
  const heading = (size: number, before: number) => ({
    next: STYLE.body,
    run: { font: FONT, size, bold: true, italics: false, color: "000000" },
    paragraph: { spacing: { before, after: 120 }, keepNext: true, keepLines: true },
  });
  const listed = (level: 1 | 2 | 3, size: number, before: number) => {
    const style = heading(size, before);
    return { ...style, paragraph: { ...style.paragraph, outlineLevel: level - 1 } };
  };
  // No outline level: Word's navigation pane and a TOC with \u would list them.
  const unlisted = (level: 1 | 2 | 3, size: number, before: number) => ({
    id: unlistedHeadingStyle(level),
    name: `Encabezado ${level} (fuera del índice)`,
    basedOn: STYLE.body,
    quickFormat: true,
    ...heading(size, before),
  });
  return {
    default: {
      document: {
        run: { font: FONT, size: 24, language: { value: "es-MX" } },
        paragraph: { spacing: { after: 120 } },
      },
      heading1: listed(1, 28, 360),
      heading2: listed(2, 26, 240),
      heading3: listed(3, 24, 240),
      listParagraph: {
        paragraph: { alignment: AlignmentType.JUSTIFIED, spacing: { after: 60 }, contextualSpacing: true },
      },
      caption: {
        run: { font: FONT, size: 22, bold: true, italics: false, color: "000000" },
        paragraph: { alignment: AlignmentType.CENTER, spacing: { before: 120, after: 120 }, keepNext: true },
      },
    },
    paragraphStyles: [
      {
        id: STYLE.body,
        name: "Body Text",
        basedOn: "Normal",
        quickFormat: true,
        run: { font: FONT, size: 24 },
        paragraph: { alignment: AlignmentType.JUSTIFIED, spacing: { after: 160, line: 276 } },
      },
      {
        id: STYLE.tableText,
        name: "Texto de tabla",
        basedOn: "Normal",
        quickFormat: true,
        run: { size: 20 },
        paragraph: { spacing: { before: 20, after: 20 } },
      },
      {
        id: STYLE.cover,
        name: "Línea de portada",
        basedOn: "Normal",
        run: { size: 28 },
        paragraph: { alignment: AlignmentType.CENTER, spacing: { after: 120 } },
      },
      {
        id: "Header",
        name: "header",
        basedOn: "Normal",
        run: { size: 18, color: "5A5A5A" },
        paragraph: { spacing: { after: 0 } },
      },
      {
        id: "Footer",
        name: "footer",
        basedOn: "Normal",
        run: { size: 18 },
        paragraph: { spacing: { after: 0 } },
      },
      {
        id: STYLE.tocHeading,
        name: "TOC Heading",
        basedOn: "Normal",
        next: "Normal",
        run: { size: 28, bold: true },
        paragraph: { alignment: AlignmentType.CENTER, spacing: { after: 240 } },
      },
      unlisted(1, 28, 360),
      unlisted(2, 26, 240),
      unlisted(3, 24, 240),
    ],
  };
}
