/**
 * The report's commands: generate a period's report, read or replace the commission's template, and take the
 * period's report through presentation and approval (which freezes its files).
 */
import type { Command } from "commander";
import type { Runtime } from "./runtime.ts";

type PeriodOptions = { commission: string; period: string };

/** Runs `work` over an open runtime and closes it, whatever happens. */
async function withRuntime(work: (runtime: Runtime) => Promise<void>): Promise<void> {
  const { openRuntime } = await import("./runtime.ts");
  const runtime = await openRuntime();
  try {
    await work(runtime);
  } finally {
    await runtime.database.close();
  }
}

async function writeFiles(
  out: string,
  name: string,
  files: { format: string; bytes: Uint8Array; sha256: string }[],
): Promise<void> {
  const { mkdir, writeFile } = await import("node:fs/promises");
  const { join } = await import("node:path");
  await mkdir(out, { recursive: true });
  for (const file of files) {
    const path = join(out, `${name}.${file.format}`);
    await writeFile(path, file.bytes);
    process.stdout.write(`${path}  sha256 ${file.sha256}\n`);
  }
}

export function registerReportCommand(program: Command): void {
  program
    .command("report")
    .description(
      "Genera el informe de una comisión para un periodo (trimestre 2021-Q1 o año 2021); si el informe del periodo ya fue aprobado, escribe sus archivos congelados.",
    )
    .requiredOption("--commission <key>", "clave de la comisión, p. ej. cvoe")
    .requiredOption("--period <period>", "trimestre (2021-Q1) o año (2021)")
    .option("--format <formats>", "formatos separados por comas: docx,pdf,html,md", "docx,pdf")
    .option("--out <dir>", "directorio de salida", ".")
    .action(async (options: PeriodOptions & { format: string; out: string }) => {
      const { generateReport } = await import("../domain/reports/generate-report.ts");
      const { commissionIdByKey } = await import("./runtime.ts");
      await withRuntime(async (runtime) => {
        const commissionId = await commissionIdByKey(runtime, options.commission);
        const started = Date.now();
        const formats = options.format.split(",").map((f) => f.trim());
        const frozen = await frozenFiles(runtime, commissionId, options.period, formats);
        const files =
          frozen ??
          (await generateReport(runtime.context, { commissionId, period: options.period, formats })).files;
        await writeFiles(options.out, `informe-${options.commission}-${options.period}`, files);
        process.stderr.write(
          frozen
            ? "Informe aprobado: archivos congelados al aprobarse.\n"
            : `Informe generado de los registros en ${Date.now() - started} ms.\n`,
        );
      });
    });

  program
    .command("report-template")
    .description(
      "Muestra (YAML), reemplaza o restablece la plantilla de los informes de una comisión: redacción, títulos y tablas.",
    )
    .requiredOption("--commission <key>", "clave de la comisión")
    .option("--set <file>", "reemplaza la plantilla por la de este archivo YAML o JSON (se valida completa)")
    .option("--reset", "vuelve a la plantilla predeterminada (la redacción del informe de referencia)")
    .action(async (options: { commission: string; set?: string; reset?: boolean }) => {
      if (options.set && options.reset) program.error("Use --set o --reset, no ambos.", { exitCode: 2 });
      const { readFile } = await import("node:fs/promises");
      const YAML = await import("yaml");
      const { getReportTemplate, resetReportTemplate, saveReportTemplate } = await import(
        "../domain/reports/report-templates.ts"
      );
      const { AppError } = await import("../domain/shared/errors.ts");
      const { commissionIdByKey } = await import("./runtime.ts");
      await withRuntime(async (runtime) => {
        const commissionId = await commissionIdByKey(runtime, options.commission);
        if (options.set) {
          let parsed: unknown;
          try {
            parsed = YAML.parse(await readFile(options.set, "utf8"));
          } catch (error) {
            throw new AppError(
              "validation_failed",
              `No se pudo leer la plantilla «${options.set}»: ${(error as Error).message}`,
            );
          }
          await saveReportTemplate(runtime.context, commissionId, parsed);
          process.stderr.write(`Plantilla de «${options.commission}» guardada.\n`);
        } else if (options.reset) {
          await resetReportTemplate(runtime.context, commissionId);
          process.stderr.write(`«${options.commission}» usa de nuevo la plantilla predeterminada.\n`);
        } else {
          const stored = await getReportTemplate(runtime.context, commissionId);
          process.stdout.write(
            `# Plantilla de informes de «${options.commission}» (${stored.isCustom ? "propia" : "predeterminada"})\n${YAML.stringify(stored.template, { lineWidth: 0 })}`,
          );
        }
      });
    });

  program
    .command("report-present")
    .description(
      "Registra la presentación del informe del periodo en un punto del orden del día de una sesión.",
    )
    .requiredOption("--commission <key>", "clave de la comisión")
    .requiredOption("--period <period>", "trimestre (2021-Q1) o año (2021)")
    .requiredOption("--session <date>", "fecha de la sesión (AAAA-MM-DD)")
    .requiredOption("--point <n>", "número del punto del orden del día")
    .action(async (options: PeriodOptions & { session: string; point: string }) => {
      const { AppError } = await import("../domain/shared/errors.ts");
      const { findOrCreateReport, presentReport } = await import("../domain/reports/report-workflow.ts");
      const { sessionResource } = await import("../domain/sessions/sessions.resources.ts");
      const { listAgenda } = await import("../domain/sessions/sessions.repository.ts");
      const { commissionIdByKey } = await import("./runtime.ts");
      await withRuntime(async (runtime) => {
        const commissionId = await commissionIdByKey(runtime, options.commission);
        const { items } = await sessionResource.list(runtime.context, {
          commissionId,
          from: options.session,
          to: options.session,
        });
        if (items.length !== 1) {
          throw new AppError(
            "not_found",
            items.length === 0
              ? `La comisión «${options.commission}» no tiene sesión el ${options.session}.`
              : `La comisión «${options.commission}» tiene ${items.length} sesiones el ${options.session}; registre la presentación por la API indicando el punto.`,
          );
        }
        const session = items[0] as { id: string };
        const item = (await listAgenda(runtime.database.db, session.id)).find(
          (agendaItem) => String(agendaItem.position) === options.point,
        );
        if (!item) {
          throw new AppError(
            "not_found",
            `La sesión del ${options.session} no tiene punto ${options.point}.`,
          );
        }
        const report = await findOrCreateReport(runtime.context, { commissionId, period: options.period });
        await presentReport(runtime.context, report.id, { agendaItemId: item.id });
        process.stdout.write(
          `Informe ${options.period} presentado en el punto ${options.point} de la sesión del ${options.session}.\n`,
        );
      });
    });

  program
    .command("report-approve")
    .description(
      "Aprueba el informe presentado con un acuerdo de esa sesión: lo congela y guarda sus archivos con su sha256.",
    )
    .requiredOption("--commission <key>", "clave de la comisión")
    .requiredOption("--period <period>", "trimestre (2021-Q1) o año (2021)")
    .requiredOption("--resolution <number>", "número del acuerdo que lo aprueba, p. ej. CVOE/013/21")
    .option("--out <dir>", "escribe también los archivos aprobados en este directorio")
    .action(async (options: PeriodOptions & { resolution: string; out?: string }) => {
      const { AppError } = await import("../domain/shared/errors.ts");
      const { approveReport, findOrCreateReport } = await import("../domain/reports/report-workflow.ts");
      const { listResolutions } = await import("../domain/resolutions/resolutions.resources.ts");
      const { commissionIdByKey } = await import("./runtime.ts");
      await withRuntime(async (runtime) => {
        const commissionId = await commissionIdByKey(runtime, options.commission);
        const { items } = await listResolutions(runtime.context, {
          commissionId,
          number: options.resolution,
        });
        const resolution = items[0] as { id: string } | undefined;
        if (!resolution) throw new AppError("not_found", `No existe el acuerdo ${options.resolution}.`);
        const report = await findOrCreateReport(runtime.context, { commissionId, period: options.period });
        const approved = await approveReport(runtime.context, runtime.files, report.id, {
          resolutionId: resolution.id,
        });
        for (const file of approved.files) process.stdout.write(`${file.format}  sha256 ${file.sha256}\n`);
        if (options.out) {
          const files = await frozenFiles(
            runtime,
            commissionId,
            options.period,
            approved.files.map((f) => f.format),
          );
          await writeFiles(options.out, `informe-${options.commission}-${options.period}`, files ?? []);
        }
        process.stderr.write(
          `Informe ${options.period} aprobado mediante ${options.resolution} y congelado.\n`,
        );
      });
    });
}

/** The stored files of the period's report when it is approved; undefined while it is not. */
async function frozenFiles(
  runtime: Runtime,
  commissionId: string,
  period: string,
  formats: string[],
): Promise<{ format: string; bytes: Uint8Array; sha256: string }[] | undefined> {
  const { and, eq } = await import("drizzle-orm");
  const { reports } = await import("../platform/db/schema.ts");
  const { downloadReport } = await import("../domain/reports/report-workflow.ts");
  const { ZGenerateReport } = await import("../domain/reports/generate-report.ts");
  const { parseInput } = await import("../domain/shared/resource.ts");
  const { sha256Hex } = await import("../platform/files.ts");
  const [row] = await runtime.database.db
    .select({ id: reports.id, status: reports.status })
    .from(reports)
    .where(and(eq(reports.commissionId, commissionId), eq(reports.period, period)));
  if (row?.status !== "approved") return undefined;
  const { formats: valid } = parseInput(ZGenerateReport, { commissionId, period, formats });
  const files = [];
  for (const format of new Set(valid)) {
    const { bytes } = await downloadReport(runtime.context, runtime.files, row.id, format);
    files.push({ format, bytes, sha256: sha256Hex(bytes) });
  }
  return files;
}
