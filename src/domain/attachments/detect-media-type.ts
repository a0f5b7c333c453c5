/**
 * What a file is, judged by its bytes (magic numbers), never by its name: PDF, PNG, JPEG, DOCX, XLSX (ZIP
 * packages with `[Content_Types].xml` and their main part) and plain UTF-8 text. Anything else is not accepted,
 * and neither is text that is really markup a browser would run: HTML, XML or SVG (`isMarkup`).
 */

export type DetectedType = {
  /** Spanish name for messages: «un PDF». */
  label: string;
  mediaType: string;
  /** Extensions a name may have for this content (lower case, without the dot). */
  extensions: readonly string[];
};

const PDF: DetectedType = { label: "un PDF", mediaType: "application/pdf", extensions: ["pdf"] };
const PNG: DetectedType = { label: "una imagen PNG", mediaType: "image/png", extensions: ["png"] };
const JPEG: DetectedType = { label: "una imagen JPEG", mediaType: "image/jpeg", extensions: ["jpg", "jpeg"] };
const DOCX: DetectedType = {
  label: "un documento de Word (DOCX)",
  mediaType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  extensions: ["docx"],
};
const XLSX: DetectedType = {
  label: "una hoja de cálculo de Excel (XLSX)",
  mediaType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  extensions: ["xlsx"],
};
const TEXT: DetectedType = {
  label: "texto plano",
  mediaType: "text/plain; charset=utf-8",
  extensions: ["txt", "text", "csv", "tsv", "md"],
};
/** A more precise media type for text, by extension (the content is text either way). */
const TEXT_BY_EXTENSION: Record<string, string> = {
  csv: "text/csv; charset=utf-8",
  tsv: "text/tab-separated-values; charset=utf-8",
  md: "text/markdown; charset=utf-8",
};

/** Every media type an attachment can have (for API documentation). */
export const ACCEPTED_MEDIA_TYPES = [PDF, PNG, JPEG, DOCX, XLSX, TEXT].map(
  (type) => type.mediaType.split(";")[0] as string,
);

/** Spanish list of what is accepted, for messages. */
export const ACCEPTED_TYPES_LABEL =
  "PDF, PNG, JPEG, DOCX, XLSX o texto plano UTF-8 que no sea HTML, XML ni SVG";

const startsWith = (bytes: Uint8Array, prefix: readonly number[]): boolean =>
  bytes.length >= prefix.length && prefix.every((byte, index) => bytes[index] === byte);

const PDF_MAGIC = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-
const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG_MAGIC = [0xff, 0xd8, 0xff];
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04]; // PK\x03\x04

/** The type of `bytes`, or undefined when it is none of the accepted ones. */
export function detectMediaType(bytes: Uint8Array, filename = ""): DetectedType | undefined {
  if (startsWith(bytes, PDF_MAGIC)) return PDF;
  if (startsWith(bytes, PNG_MAGIC)) return PNG;
  if (startsWith(bytes, JPEG_MAGIC)) return JPEG;
  if (startsWith(bytes, ZIP_MAGIC)) {
    const names = new Set(zipEntryNames(bytes) ?? []);
    if (!names.has("[Content_Types].xml")) return undefined;
    if (names.has("word/document.xml")) return DOCX;
    if (names.has("xl/workbook.xml")) return XLSX;
    return undefined;
  }
  if (isPlainText(bytes) && !isMarkup(bytes)) {
    const precise = TEXT_BY_EXTENSION[extensionOf(filename) ?? ""];
    return precise ? { ...TEXT, mediaType: precise } : TEXT;
  }
  return undefined;
}

/** What a markup document starts with (after a byte-order mark and blanks), as browsers sniff it. */
const MARKUP_START = /^\s*<(?:!doctype|\?xml|html|head|body|svg|script|iframe)\b/i;
/** Elements that run code or embed documents, anywhere in the first kilobytes (where old sniffers looked). */
const ACTIVE_ELEMENT = /<(?:script|iframe|object|embed|svg|html|frameset)\b/i;

/**
 * Whether text is an HTML, XML or SVG document, or carries elements that run code: such a file named «.txt» (or
 * with no extension) would be text/plain to Vincula but a page or an image with script to a careless viewer.
 */
export function isMarkup(bytes: Uint8Array): boolean {
  const head = new TextDecoder("utf-8").decode(bytes.subarray(0, 4096)).replace(/^\uFEFF/, "");
  return MARKUP_START.test(head) || ACTIVE_ELEMENT.test(head);
}

/** The extension of a file name, lower case, without the dot; undefined when it has none. */
export function extensionOf(filename: string): string | undefined {
  const dot = filename.lastIndexOf(".");
  if (dot <= 0 || dot === filename.length - 1) return undefined;
  return filename.slice(dot + 1).toLowerCase();
}

/**
 * UTF-8 without control characters other than tab, line feed, form feed and carriage return. Checking bytes is
 * enough: in UTF-8 the bytes below 0x80 never occur inside a multi-byte sequence.
 */
function isPlainText(bytes: Uint8Array): boolean {
  for (const byte of bytes) {
    if (byte === 0x7f) return false;
    if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0c && byte !== 0x0d) return false;
  }
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** Names of the entries of a ZIP file, read from its central directory; undefined when it is not readable. */
export function zipEntryNames(bytes: Uint8Array): string[] | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const END_OF_DIRECTORY = 0x06054b50;
  const DIRECTORY_ENTRY = 0x02014b50;
  // The end-of-central-directory record is the last 22 bytes plus a comment of up to 65,535 bytes.
  const lowest = Math.max(0, bytes.length - 22 - 0xffff);
  for (let end = bytes.length - 22; end >= lowest; end--) {
    if (view.getUint32(end, true) !== END_OF_DIRECTORY) continue;
    const count = view.getUint16(end + 10, true);
    const size = view.getUint32(end + 12, true);
    const offset = view.getUint32(end + 16, true);
    if (offset + size > end) return undefined;
    const decoder = new TextDecoder("utf-8");
    const names: string[] = [];
    let position = offset;
    for (let entry = 0; entry < count; entry++) {
      if (position + 46 > end || view.getUint32(position, true) !== DIRECTORY_ENTRY) return undefined;
      const nameLength = view.getUint16(position + 28, true);
      const extraLength = view.getUint16(position + 30, true);
      const commentLength = view.getUint16(position + 32, true);
      if (position + 46 + nameLength > end) return undefined;
      names.push(decoder.decode(bytes.subarray(position + 46, position + 46 + nameLength)));
      position += 46 + nameLength + extraLength + commentLength;
    }
    return names;
  }
  return undefined;
}
