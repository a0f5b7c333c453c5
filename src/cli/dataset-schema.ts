import { writeFile } from "node:fs/promises";
import type { Command } from "commander";

export function registerDatasetSchemaCommand(program: Command): void {
  program
    .command("dataset-schema")
    .description("Escribe el JSON Schema del formato de conjunto de datos (generado de los esquemas zod).")
    .option("--out <file>", "archivo de salida (por omisión, la salida estándar)")
    .action(async (options: { out?: string }) => {
      const { datasetJsonSchema } = await import("../domain/dataset/dataset-json-schema.ts");
      const text = `${JSON.stringify(datasetJsonSchema(), null, 2)}\n`;
      if (options.out) await writeFile(options.out, text);
      else process.stdout.write(text);
    });
}
