/**
 * POST /exports: the rows a list of the web interface shows, as the XLSX or CSV file of that list. The page sends
 * what it shows (headers and cell texts, after its own filters), so the file is exactly the list on the screen;
 * the server writes it with the one spreadsheet writer (src/documents/spreadsheet.ts: formula guard, BOM, dates).
 * It reads no record, so any visitor may use it, like the public page's lists.
 */
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { renderCsv, renderXlsx } from "../../documents/spreadsheet.ts";
import { ZProblem } from "../problem.ts";
import { LIMITS } from "../security.ts";
import { contentDisposition } from "./attachments.routes.ts";
import type { RouteDependencies } from "./index.ts";

const MAX_ROWS = 50_000;
const MAX_COLUMNS = 60;

const ZCell = z.union([
  z.string().max(20_000),
  z.number().finite(),
  z.object({ date: z.iso.date() }).strict(),
  z.null(),
]);

export const ZListExport = z
  .object({
    format: z.enum(["xlsx", "csv"]).describe("Formato del archivo"),
    title: z.string().trim().min(1, "Escriba el título de la lista.").max(120),
    columns: z
      .array(z.object({ header: z.string().max(200), width: z.number().int().min(4).max(120).optional() }))
      .min(1, "La lista no tiene columnas.")
      .max(MAX_COLUMNS),
    rows: z.array(z.array(ZCell).max(MAX_COLUMNS)).max(MAX_ROWS, `A lo más ${MAX_ROWS} filas por archivo.`),
  })
  .superRefine((value, issues) => {
    value.rows.forEach((row, index) => {
      if (row.length !== value.columns.length)
        issues.addIssue({
          code: "custom",
          path: ["rows", index],
          message: `La fila ${index + 1} tiene ${row.length} celdas y la lista ${value.columns.length} columnas.`,
        });
    });
  });

/** «Convenios vigentes» → «convenios-vigentes»: a file name without accents, spaces or punctuation. */
export function fileSlug(title: string): string {
  return (
    title
      .normalize("NFD")
      .replace(/\p{M}/gu, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "")
      .slice(0, 80) || "lista"
  );
}

export function registerExportRoutes(app: FastifyInstance, _deps: RouteDependencies): void {
  app.withTypeProvider<ZodTypeProvider>().post(
    "/exports",
    {
      config: { permission: "public.read" },
      bodyLimit: LIMITS.importBodyBytes,
      schema: {
        tags: ["Sistema"],
        summary: "Convierte las filas de una lista en un archivo XLSX o CSV",
        description:
          "Recibe los encabezados y las celdas que la lista muestra; no consulta registros. Las fechas van como {date: 'AAAA-MM-DD'}.",
        body: ZListExport,
        response: { 200: z.unknown().meta({ type: "string", format: "binary" }), 400: ZProblem },
      },
    },
    async (request, reply) => {
      const { format, title, columns, rows } = request.body;
      const sheet = { name: title.replace(/[[\]:*?/\\]/g, " ").slice(0, 31), columns, rows };
      const bytes =
        format === "csv"
          ? renderCsv(sheet)
          : await renderXlsx({ title, creator: "Vincula", generatedAt: new Date(), sheets: [sheet] });
      const stamp = new Date().toISOString().slice(0, 10);
      return reply
        .header(
          "content-type",
          format === "csv"
            ? "text/csv; charset=utf-8"
            : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        .header("content-disposition", contentDisposition(`${fileSlug(title)}-${stamp}.${format}`))
        .send(Buffer.from(bytes));
    },
  );
}
