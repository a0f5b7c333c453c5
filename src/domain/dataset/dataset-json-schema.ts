/** The published JSON Schema of the dataset format, generated from the zod schemas (docs/dataset.schema.json). */
import { z } from "zod";
import { ZDataset } from "./dataset.schema.ts";

export function datasetJsonSchema(): Record<string, unknown> {
  return {
    $id: "https://vincula.example/schemas/dataset-v1.json",
    title: "Vincula dataset v1",
    description:
      "Registros completos de una comisión: catálogos, integración, programa, sesiones, acuerdos, convenios y actividades.",
    ...z.toJSONSchema(ZDataset, { io: "input", unrepresentable: "any" }),
  };
}
