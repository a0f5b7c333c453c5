import { readFile } from "node:fs/promises";
import type { Command } from "commander";
import { AppError } from "../domain/shared/errors.ts";

export function registerImportCommand(program: Command): void {
  program
    .command("import")
    .description("Importa los registros de una comisión desde un archivo YAML o JSON (todo o nada).")
    .argument("<file>", "archivo del conjunto de datos (formato en docs/dataset.md)")
    .option("--dry-run", "solo valida; no escribe nada")
    .option("--replace", "sustituye los registros de la comisión si ya existe")
    .action(async (file: string, options: { dryRun?: boolean; replace?: boolean }) => {
      const { importDatasetText } = await import("../domain/dataset/import-dataset.ts");
      const { openRuntime } = await import("./runtime.ts");
      const text = await readFile(file, "utf8").catch((error: NodeJS.ErrnoException) => {
        throw new AppError(
          "not_found",
          `No se pudo leer «${file}»: ${error.code === "ENOENT" ? "no existe" : error.message}.`,
        );
      });
      const runtime = await openRuntime();
      try {
        const started = Date.now();
        const summary = await importDatasetText(runtime.context, text, {
          dryRun: options.dryRun,
          replace: options.replace,
          onProgress: (step, done, total) => process.stderr.write(`  [${done}/${total}] ${step}\n`),
        });
        const counts = Object.entries(summary.counts)
          .map(([name, n]) => `${name}: ${n}`)
          .join(", ");
        const verb = summary.dryRun
          ? "es válido (no se escribió nada)"
          : summary.replaced
            ? "se importó, sustituyendo los registros anteriores"
            : "se importó";
        process.stdout.write(
          `El conjunto de datos de «${summary.commissionKey}» ${verb} en ${Date.now() - started} ms.\n${counts}\n`,
        );
      } finally {
        await runtime.database.close();
      }
    });
}
