/**
 * The one definition of the columns of an activities spreadsheet: the import reads them (by header, in any
 * order, accents and case aside) and the downloadable template is written from them.
 */

export type ActivityImportField =
  | "dates"
  | "kind"
  | "action"
  | "counterparts"
  | "title"
  | "description"
  | "audience"
  | "quantity"
  | "key";

export type ActivityImportColumn = {
  field: ActivityImportField;
  /** The header the template writes and the messages name. */
  header: string;
  /** Other headers read as this column. */
  aliases: string[];
  isRequired: boolean;
  help: string;
  example: string;
  width: number;
};

export const ACTIVITY_IMPORT_COLUMNS: ActivityImportColumn[] = [
  {
    field: "dates",
    header: "Fechas",
    aliases: ["fecha", "fecha(s)", "dias"],
    isRequired: true,
    help:
      "Uno o más días separados por punto y coma (AAAA-MM-DD o DD/MM/AAAA, o una celda de fecha); " +
      "para una actividad continua, un periodo «AAAA-MM-DD a AAAA-MM-DD».",
    example: "2021-02-11; 2021-02-18",
    width: 24,
  },
  {
    field: "kind",
    header: "Tipo",
    aliases: ["tipo de actividad"],
    isRequired: true,
    help: "Nombre del tipo de actividad tal como aparece en el catálogo (p. ej. «Reunión de trabajo»).",
    example: "Reunión de trabajo",
    width: 24,
  },
  {
    field: "action",
    header: "Acción",
    aliases: ["accion programada"],
    isRequired: false,
    help: "Acción del programa anual de trabajo del año de la actividad: número de línea y letra, p. ej. «2.b».",
    example: "2.b",
    width: 10,
  },
  {
    field: "counterparts",
    header: "Contrapartes",
    aliases: ["contraparte", "organismos", "organismo"],
    isRequired: false,
    help: "Organismos por su nombre, siglas o nombre alterno, separados por punto y coma.",
    example: "Instituto Nacional Electoral; TECDMX",
    width: 36,
  },
  {
    field: "title",
    header: "Título",
    aliases: ["actividad", "nombre"],
    isRequired: true,
    help: "Qué se hizo, en una línea.",
    example: "Reunión de trabajo sobre el convenio de colaboración",
    width: 40,
  },
  {
    field: "description",
    header: "Descripción",
    aliases: [],
    isRequired: false,
    help: "El texto que el informe trimestral puede citar.",
    example: "",
    width: 50,
  },
  {
    field: "audience",
    header: "Público",
    aliases: ["dirigido a", "destinatarios"],
    isRequired: false,
    help: "A quién se dirigió.",
    example: "",
    width: 24,
  },
  {
    field: "quantity",
    header: "Cantidad",
    aliases: ["personas", "asistentes"],
    isRequired: false,
    help: "Número entero (asistentes, materiales difundidos…).",
    example: "",
    width: 10,
  },
  {
    field: "key",
    header: "Clave",
    aliases: [],
    isRequired: false,
    help: "Clave única de la actividad; si se deja vacía, Vincula la genera.",
    example: "",
    width: 20,
  },
];

/** «Fecha(s)» → «fechas», «Acción» → «accion»: how headers and names are compared. */
export function comparable(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[()]/g, "")
    .replace(/\s+/g, " ")
    .trim();
}

/** The column a header names, or undefined. */
export function columnOfHeader(header: string): ActivityImportColumn | undefined {
  const wanted = comparable(header);
  return ACTIVITY_IMPORT_COLUMNS.find(
    (column) =>
      comparable(column.header) === wanted || column.aliases.some((alias) => comparable(alias) === wanted),
  );
}
