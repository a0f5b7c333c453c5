/**
 * A table as a spreadsheet file: XLSX (exceljs) or CSV. Pure and domain-agnostic, like the report renderers.
 *
 * - Dates are calendar dates (`{ date: "YYYY-MM-DD" }`): real date cells shown dd/mm/aaaa in XLSX, the text
 *   dd/mm/aaaa in CSV, as Mexican transparency formats write them.
 * - CSV follows RFC 4180 (CRLF, fields with a quote, comma or line break quoted, quotes doubled) and starts with a
 *   UTF-8 byte-order mark so Excel reads the accents right. A text cell starting with = + - @ (or a tab or carriage
 *   return) gets a leading apostrophe, so a spreadsheet never evaluates record text as a formula (CSV injection).
 *   XLSX needs no such guard: exceljs writes text as text, never as a formula.
 */
import ExcelJS from "exceljs";

export type SheetCell = string | number | { date: string } | null;

export type Sheet = {
  /** Worksheet name (at most 31 characters, no []:*?/\). */
  name: string;
  columns: { header: string; width?: number }[];
  rows: SheetCell[][];
};

export type Workbook = {
  title: string;
  subject?: string;
  creator: string;
  /** When it was generated: the workbook's created/modified properties. */
  generatedAt: Date;
  /** The first sheet is the table; further sheets carry notes (only the first goes to CSV). */
  sheets: Sheet[];
};

/** The text a cell shows: dates as dd/mm/aaaa, empty for null. */
export function cellText(cell: SheetCell): string {
  if (cell === null) return "";
  if (typeof cell === "number") return String(cell);
  if (typeof cell === "string") return cell;
  const [year, month, day] = cell.date.split("-");
  return `${day}/${month}/${year}`;
}

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** One CSV field: guarded against formulas when it is text, quoted when RFC 4180 requires it. */
function csvField(cell: SheetCell): string {
  let text = cellText(cell);
  if (typeof cell === "string" && FORMULA_START.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The first sheet as CSV bytes: UTF-8 with BOM, a header row, CRLF after every record. */
export function renderCsv(sheet: Sheet): Uint8Array {
  const records = [
    sheet.columns.map((column) => csvField(column.header)),
    ...sheet.rows.map((row) => row.map(csvField)),
  ];
  return new TextEncoder().encode(`\uFEFF${records.map((fields) => fields.join(",")).join("\r\n")}\r\n`);
}

/** The workbook as XLSX bytes: header row bold, frozen and filterable; dates as date cells. */
export async function renderXlsx(workbook: Workbook): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  book.creator = workbook.creator;
  book.title = workbook.title;
  if (workbook.subject) book.subject = workbook.subject;
  book.created = workbook.generatedAt;
  book.modified = workbook.generatedAt;
  for (const sheet of workbook.sheets) {
    const worksheet = book.addWorksheet(sheet.name, { views: [{ state: "frozen", ySplit: 1 }] });
    worksheet.columns = sheet.columns.map((column) => ({ width: column.width ?? 20 }));
    const header = worksheet.addRow(sheet.columns.map((column) => column.header));
    header.font = { bold: true };
    header.alignment = { wrapText: true, vertical: "top" };
    for (const row of sheet.rows) {
      const added = worksheet.addRow(row.map(xlsxValue));
      added.alignment = { wrapText: true, vertical: "top" };
      row.forEach((cell, index) => {
        if (cell !== null && typeof cell === "object") added.getCell(index + 1).numFmt = "dd/mm/yyyy";
      });
    }
    if (sheet.rows.length > 0)
      worksheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: sheet.columns.length } };
  }
  return new Uint8Array(await book.xlsx.writeBuffer());
}

function xlsxValue(cell: SheetCell): string | number | Date | null {
  if (cell === null || typeof cell !== "object") return cell;
  const [year, month, day] = cell.date.split("-").map(Number) as [number, number, number];
  // exceljs turns a Date into a serial day number from its UTC reading, so UTC midnight is exactly the day.
  return new Date(Date.UTC(year, month - 1, day));
}
