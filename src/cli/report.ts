import type { Command } from "commander";

export function registerReportCommand(program: Command): void {
  program
    .command("report")
    .description("Genera el informe de una comisión para un periodo (trimestre 2021-Q1 o año 2021).")
    .requiredOption("--commission <key>", "clave de la comisión, p. ej. cvoe")
    .requiredOption("--period <period>", "trimestre (2021-Q1) o año (2021)")
    .option("--format <formats>", "formatos separados por comas: docx,pdf,html,md", "docx,pdf")
    .option("--out <dir>", "directorio de salida", ".")
    .action(async (options: { commission: string; period: string; format: string; out: string }) => {
      const { mkdir, writeFile } = await import("node:fs/promises");
      const { join } = await import("node:path");
      const { eq } = await import("drizzle-orm");
      const { generateReport } = await import("../domain/reports/generate-report.ts");
      const { AppError } = await import("../domain/shared/errors.ts");
      const { commissions } = await import("../platform/db/schema.ts");
      const { openRuntime } = await import("./runtime.ts");
      const runtime = await openRuntime();
      try {
        const commission = await runtime.database.db.query.commissions.findFirst({
          where: eq(commissions.key, options.commission),
        });
        if (!commission) throw new AppError("not_found", `No existe la comisión «${options.commission}».`);
        const started = Date.now();
        const { files } = await generateReport(runtime.context, {
          commissionId: commission.id,
          period: options.period,
          formats: options.format.split(",").map((f) => f.trim()),
        });
        await mkdir(options.out, { recursive: true });
        for (const file of files) {
          const path = join(options.out, `informe-${options.commission}-${options.period}.${file.format}`);
          await writeFile(path, file.bytes);
          process.stdout.write(`${path}  sha256 ${file.sha256}\n`);
        }
        process.stderr.write(`Informe generado en ${Date.now() - started} ms.\n`);
      } finally {
        await runtime.database.close();
      }
    });
}
