/**
 * The agreements of a period in the transparency format (Ley General de Transparencia, art. 70 fr. XXXIII), one row
 * per agreement signed in the period, as XLSX or CSV. Each column's source, and what is written where the records
 * lack a datum, is decided in docs/decisions/013-transparency-export.md. The legal label, the headers and the
 * catalogue of agreement kinds are configuration (`TransparencyFormat`): the law was replaced in March 2025.
 */
import { and, eq, gte, lte, type SQL } from "drizzle-orm";
import { renderCsv, renderXlsx, type Sheet, type SheetCell } from "../../documents/spreadsheet.ts";
import { agreements } from "../../platform/db/schema.ts";
import { parsePeriod, todayInMexicoCity } from "../shared/calendar.ts";
import { authorize, type UseCaseContext } from "../shared/context.ts";
import { parseInput } from "../shared/resource.ts";
import {
  type AgreementWithNames,
  areaName,
  findCommission,
  selectAgreements,
} from "./transparency.repository.ts";
import { type TransparencyExportFormat, ZTransparencyExportQuery } from "./transparency.schema.ts";

type Sector = NonNullable<AgreementWithNames["counterparts"][number]["sector"]>;

/** A transparency format: its legal label, its headers in order, and the catalogue of agreement kinds. */
export type TransparencyFormat = {
  legalBasis: string;
  obligation: string;
  /** Exactly the published headers, in order (see COLUMN below for what fills each). */
  headers: readonly string[];
  /** «Tipo de convenio (catálogo)» from the counterparts' sector; a sector without an entry leaves it empty. */
  agreementKindBySector: Partial<Record<Sector, string>>;
};

/** Column positions, named, so the mapping below reads as the format does. */
const COLUMN = {
  fiscalYear: 0,
  periodStart: 1,
  periodEnd: 2,
  agreementKind: 3,
  title: 4,
  signedOn: 5,
  followUpUnit: 6,
  counterparts: 7,
  objectives: 8,
  resourceSource: 9,
  resources: 10,
  validity: 11,
  officialPublication: 12,
  documentLink: 13,
  amendedDocumentLink: 14,
  responsibleAreas: 15,
  validatedOn: 16,
  updatedOn: 17,
  note: 18,
} as const;

export const ART_70_XXXIII: TransparencyFormat = {
  legalBasis: "Ley General de Transparencia y Acceso a la Información Pública, artículo 70, fracción XXXIII",
  obligation: "Convenios de coordinación y de concertación con los sectores social y privado",
  headers: [
    "Ejercicio",
    "Fecha de inicio del periodo que se informa",
    "Fecha de término del periodo que se informa",
    "Tipo de convenio (catálogo)",
    "Denominación del convenio",
    "Fecha de firma",
    "Unidad administrativa responsable del seguimiento",
    "Persona(s) con quien se celebra (nombre, primer y segundo apellido, denominación o razón social)",
    "Objetivo(s)",
    "Fuente de los recursos",
    "Descripción y/o monto de los recursos públicos entregados",
    "Inicio y término del periodo de vigencia",
    "Fecha de publicación en DOF u otro medio oficial",
    "Hipervínculo al documento",
    "Hipervínculo al documento con modificaciones",
    "Área(s) responsable(s) que genera(n), posee(n), publica(n) y actualiza(n) la información",
    "Fecha de validación",
    "Fecha de actualización",
    "Nota",
  ],
  agreementKindBySector: {
    public: "De coordinación con el sector público",
    social: "De concertación con el sector social",
    private: "De concertación con el sector privado",
  },
};

const COLUMN_WIDTHS = [10, 14, 14, 26, 50, 12, 40, 40, 60, 20, 30, 30, 16, 24, 24, 40, 12, 12, 60];

/** dd/mm/aaaa, as the format writes dates inside text. */
const dayMonthYear = (date: string) => `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;

/** «Del 02/02/2021 al 31/12/2021»; the validity runs from the signing when no other start is recorded. */
function validityText(row: AgreementWithNames): string | null {
  const start = row.validFrom ?? row.signedOn;
  if (!start) return null;
  if (row.isIndefinite) return `Del ${dayMonthYear(start)}, por tiempo indefinido`;
  if (row.validTo) return `Del ${dayMonthYear(start)} al ${dayMonthYear(row.validTo)}`;
  return `Del ${dayMonthYear(start)}; término no registrado`;
}

function agreementKind(row: AgreementWithNames, format: TransparencyFormat): string | null {
  const kinds = new Set(
    row.counterparts.map((counterpart) =>
      counterpart.sector ? (format.agreementKindBySector[counterpart.sector] ?? null) : null,
    ),
  );
  // One kind for every counterpart, or none: a mixed or uncatalogued agreement is left for a person to classify.
  const [only] = kinds;
  return kinds.size === 1 && only ? only : null;
}

type ExportContext = {
  format: TransparencyFormat;
  period: { from: string; to: string };
  technicalArea: string | null;
  validatedOn: string;
};

/** The row of one agreement: the columns in the order of the format's headers. */
function agreementRow(row: AgreementWithNames, context: ExportContext): SheetCell[] {
  const { format, period } = context;
  const cells: SheetCell[] = new Array(format.headers.length).fill(null);
  const set = (column: number, value: SheetCell | undefined) => {
    cells[column] = value === undefined || value === "" ? null : value;
  };
  set(COLUMN.fiscalYear, Number(period.from.slice(0, 4)));
  set(COLUMN.periodStart, { date: period.from });
  set(COLUMN.periodEnd, { date: period.to });
  set(COLUMN.agreementKind, agreementKind(row, format));
  set(COLUMN.title, row.title);
  set(COLUMN.signedOn, row.signedOn ? { date: row.signedOn } : null);
  set(
    COLUMN.followUpUnit,
    row.areas.length > 0 ? row.areas.join("; ") : row.management === "direct" ? context.technicalArea : null,
  );
  set(COLUMN.counterparts, row.counterparts.map((counterpart) => counterpart.name).join("; "));
  set(COLUMN.objectives, row.object);
  set(COLUMN.resources, row.resources);
  set(COLUMN.validity, validityText(row));
  set(COLUMN.responsibleAreas, context.technicalArea);
  set(COLUMN.validatedOn, { date: context.validatedOn });
  set(COLUMN.updatedOn, { date: todayInMexicoCity(row.updatedAt) });
  set(COLUMN.note, noteFor(row, cells, format));
  return cells;
}

/** The «Nota»: which columns are empty because the records lack the datum, and how the validity was read. */
function noteFor(row: AgreementWithNames, cells: SheetCell[], format: TransparencyFormat): string {
  const links: number[] = [COLUMN.documentLink, COLUMN.amendedDocumentLink];
  const empty = cells
    .map((cell, index) =>
      cell === null && index !== COLUMN.note && !links.includes(index) ? format.headers[index] : undefined,
    )
    .filter((header): header is string => header !== undefined);
  const sentences: string[] = [];
  if (empty.length > 0)
    sentences.push(
      `No constan en los registros de la comisión y se dejan en blanco: ${empty.map((h) => `«${h}»`).join(", ")}.`,
    );
  if (cells[COLUMN.agreementKind] === null && row.counterparts.length > 0)
    sentences.push("El sector de la contraparte no corresponde a un solo tipo del catálogo.");
  if (!row.validFrom && row.signedOn) sentences.push("La vigencia se cuenta desde la fecha de firma.");
  sentences.push(
    "Los hipervínculos se dejan en blanco: la versión pública del documento no se publica desde este sistema.",
  );
  return sentences.join(" ");
}

export type TransparencyTable = {
  commission: { key: string; acronym: string; name: string };
  period: { from: string; to: string; label: string };
  sheet: Sheet;
  notes: Sheet;
};

/** The rows of the format for a commission and period: the agreements signed in it, by signing date. */
export async function agreementsTransparencyTable(
  ctx: UseCaseContext,
  rawQuery: unknown,
  options: { now?: Date; format?: TransparencyFormat } = {},
): Promise<TransparencyTable> {
  authorize(ctx.actor, "public.read");
  const query = parseInput(ZTransparencyExportQuery, rawQuery);
  const format = options.format ?? ART_70_XXXIII;
  const commission = await findCommission(ctx.db, query.commission);
  const bounds = query.period
    ? (parsePeriod(query.period) as { from: string; to: string })
    : { from: query.from as string, to: query.to as string };
  const period = { ...bounds, label: query.period ?? `${bounds.from}_${bounds.to}` };
  const technicalArea = await areaName(ctx.db, commission.technicalAreaId);
  const validatedOn = todayInMexicoCity(options.now ?? new Date());
  const rows = await selectAgreements(
    ctx.db,
    and(
      eq(agreements.commissionId, commission.id),
      gte(agreements.signedOn, period.from),
      lte(agreements.signedOn, period.to),
    ) as SQL,
  );
  const exportContext: ExportContext = { format, period, technicalArea, validatedOn };
  return {
    commission: { key: commission.key, acronym: commission.acronym, name: commission.name },
    period,
    sheet: {
      name: "Convenios",
      columns: format.headers.map((header, index) => ({ header, width: COLUMN_WIDTHS[index] })),
      rows: rows.map((row) => agreementRow(row, exportContext)),
    },
    notes: {
      name: "Fundamento",
      columns: [
        { header: "Concepto", width: 30 },
        { header: "Valor", width: 100 },
      ],
      rows: [
        ["Fundamento", format.legalBasis],
        ["Obligación", format.obligation],
        ["Sujeto obligado (comisión)", commission.name],
        ["Periodo que se informa", `Del ${dayMonthYear(period.from)} al ${dayMonthYear(period.to)}`],
        ["Convenios incluidos", "Los firmados dentro del periodo que se informa, por fecha de firma"],
        ["Generado", { date: validatedOn }],
      ],
    },
  };
}

export const TRANSPARENCY_MEDIA_TYPES: Record<TransparencyExportFormat, string> = {
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  csv: "text/csv; charset=utf-8",
};

/** The format as a file: XLSX (the table and a sheet with its legal basis) or CSV (the table). */
export async function exportAgreementsTransparency(
  ctx: UseCaseContext,
  rawQuery: unknown,
  options: { now?: Date; format?: TransparencyFormat } = {},
): Promise<{ bytes: Uint8Array; mediaType: string; fileName: string; rowCount: number }> {
  const table = await agreementsTransparencyTable(ctx, rawQuery, options);
  const fileFormat = parseInput(ZTransparencyExportQuery, rawQuery).format;
  const format = options.format ?? ART_70_XXXIII;
  const bytes =
    fileFormat === "csv"
      ? renderCsv(table.sheet)
      : await renderXlsx({
          title: `${format.obligation} — ${table.commission.acronym} ${table.period.label}`,
          subject: format.legalBasis,
          creator: "Vincula",
          generatedAt: options.now ?? new Date(),
          sheets: [table.sheet, table.notes],
        });
  return {
    bytes,
    mediaType: TRANSPARENCY_MEDIA_TYPES[fileFormat],
    fileName: `convenios-art70-fxxxiii-${table.commission.key}-${table.period.label}.${fileFormat}`,
    rowCount: table.sheet.rows.length,
  };
}
