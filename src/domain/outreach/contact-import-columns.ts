/** The columns of a contact import (CSV or XLSX), by their Spanish headers; docs/outreach.md lists them. */

export type ContactImportField =
  | "name"
  | "email"
  | "country"
  | "city"
  | "language"
  | "tags"
  | "consentDate"
  | "consentSource"
  | "noticeVersion"
  | "purposes";

export type ContactImportColumn = {
  field: ContactImportField;
  header: string;
  aliases: string[];
  isRequired: boolean;
  help: string;
};

export const CONTACT_IMPORT_COLUMNS: readonly ContactImportColumn[] = [
  {
    field: "name",
    header: "nombre",
    aliases: ["nombre completo", "name"],
    isRequired: false,
    help: "Nombre de la persona",
  },
  {
    field: "email",
    header: "correo",
    aliases: ["correo electronico", "email", "e-mail", "correo-e"],
    isRequired: true,
    help: "Dirección de correo; se compara sin espacios, sin distinguir mayúsculas y en Unicode NFC",
  },
  {
    field: "country",
    header: "país",
    aliases: ["pais de residencia", "country"],
    isRequired: false,
    help: "Código ISO 3166-1 de dos letras (US, CA, ES) o nombre del país en español o inglés",
  },
  { field: "city", header: "ciudad", aliases: ["city"], isRequired: false, help: "Ciudad" },
  {
    field: "language",
    header: "idioma",
    aliases: ["language", "lengua"],
    isRequired: false,
    help: "Código (es, en, fr) o nombre (español, inglés)",
  },
  {
    field: "tags",
    header: "etiquetas",
    aliases: ["tags"],
    isRequired: false,
    help: "Separadas por punto y coma: «observación; 2021»",
  },
  {
    field: "consentDate",
    header: "fecha de consentimiento",
    aliases: ["fecha del consentimiento", "consentimiento fecha"],
    isRequired: true,
    help: "AAAA-MM-DD o DD/MM/AAAA (o una celda de fecha); no posterior al día de la importación",
  },
  {
    field: "consentSource",
    header: "fuente del consentimiento",
    aliases: ["fuente de consentimiento", "fuente"],
    isRequired: true,
    help: "Cómo se obtuvo: «formulario web», «registro en evento»… Sin ella la fila se rechaza",
  },
  {
    field: "noticeVersion",
    header: "versión del aviso",
    aliases: ["version del aviso de privacidad", "aviso de privacidad"],
    isRequired: false,
    help: "Versión del aviso de privacidad aceptada; por omisión, la vigente de la lista",
  },
  {
    field: "purposes",
    header: "finalidades",
    aliases: ["finalidad"],
    isRequired: false,
    help: "Separadas por punto y coma; por omisión, la finalidad de la lista",
  },
];

/** A header as compared: no accents, lower case, single spaces. */
export const comparableHeader = (text: string) =>
  text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[\s_]+/g, " ")
    .trim();

const BY_HEADER = new Map(
  CONTACT_IMPORT_COLUMNS.flatMap((column) =>
    [column.header, ...column.aliases].map((name) => [comparableHeader(name), column] as const),
  ),
);

export function columnOfHeader(header: string): ContactImportColumn | undefined {
  return BY_HEADER.get(comparableHeader(header));
}
