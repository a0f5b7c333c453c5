/**
 * Reads the rows of an uploaded table, CSV or XLSX (told apart by the ZIP signature), as text cells keyed by
 * header. CSV: RFC 4180 quoting, comma or semicolon (whichever the header line uses; Excel in Spanish writes
 * semicolons), UTF-8 with or without BOM, else Windows-1252 (what Excel on Windows writes).
 */
import ExcelJS from "exceljs";
import { AppError } from "../shared/errors.ts";

/** One data row: its number in the file (the header is row 1) and its cells, in the header's order. */
export type TableRow = { row: number; cells: string[] };
export type Table = { headers: string[]; rows: TableRow[] };

export async function readTable(bytes: Uint8Array, maxRows: number): Promise<Table> {
  const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
  const table = isZip ? await readXlsx(bytes) : readCsv(decodeText(bytes));
  if (table.headers.every((header) => header === ""))
    throw new AppError(
      "dataset_invalid",
      "La primera fila del archivo debe tener los encabezados de las columnas.",
    );
  const rows = table.rows.filter((row) => row.cells.some((cell) => cell !== ""));
  if (rows.length > maxRows)
    throw new AppError(
      "dataset_invalid",
      `El archivo tiene ${rows.length.toLocaleString("es-MX")} filas; el máximo es ${maxRows.toLocaleString("es-MX")}: divídalo en varios.`,
    );
  if (rows.length === 0) throw new AppError("dataset_invalid", "El archivo no tiene filas de contactos.");
  return { headers: table.headers, rows };
}

function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes).replace(/^\uFEFF/, "");
  } catch {
    return new TextDecoder("windows-1252").decode(bytes);
  }
}

/** RFC 4180, with the separator (comma or semicolon) taken from the header line. */
export function readCsv(text: string): Table {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const separator = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ";" : ",";
  const records: string[][] = [];
  let record: string[] = [];
  let field = "";
  let inQuotes = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i] as string;
    if (inQuotes) {
      if (char === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else inQuotes = false;
      } else field += char;
    } else if (char === '"' && field === "") inQuotes = true;
    else if (char === separator) {
      record.push(field);
      field = "";
    } else if (char === "\n" || char === "\r") {
      if (char === "\r" && text[i + 1] === "\n") i++;
      record.push(field);
      records.push(record);
      record = [];
      field = "";
    } else field += char;
  }
  if (field !== "" || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  const [header = [], ...data] = records;
  return {
    headers: header.map((cell) => cell.trim()),
    rows: data.map((cells, index) => ({ row: index + 2, cells: cells.map((cell) => cell.trim()) })),
  };
}

async function readXlsx(bytes: Uint8Array): Promise<Table> {
  const book = new ExcelJS.Workbook();
  try {
    await book.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw new AppError("dataset_invalid", "El archivo no es un libro de Excel (XLSX) legible ni un CSV.");
  }
  const sheet = book.worksheets[0];
  if (!sheet) throw new AppError("dataset_invalid", "El libro no tiene hojas.");
  const width = sheet.getRow(1).cellCount;
  const headers = Array.from({ length: width }, (_, index) =>
    cellText(sheet.getRow(1).getCell(index + 1).value),
  );
  const rows: TableRow[] = [];
  for (let number = 2; number <= sheet.rowCount; number++) {
    const row = sheet.getRow(number);
    rows.push({
      row: number,
      cells: Array.from({ length: width }, (_, index) => cellText(row.getCell(index + 1).value)),
    });
  }
  return { headers, rows };
}

/** A cell as text: rich text joined, a formula's result, a hyperlink's text, a date as AAAA-MM-DD. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date)
    return Number.isNaN(value.getTime()) ? "fecha inválida" : value.toISOString().slice(0, 10);
  if (typeof value === "object") {
    if ("richText" in value)
      return value.richText
        .map((part) => part.text)
        .join("")
        .trim();
    if ("result" in value) return cellText(value.result as ExcelJS.CellValue);
    if ("text" in value) return cellText(value.text as ExcelJS.CellValue);
    if ("error" in value) return String(value.error);
    return "";
  }
  return String(value).trim();
}
