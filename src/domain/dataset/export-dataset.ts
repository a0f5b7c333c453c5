/** Exports a commission's records in the dataset format (the same format `importDataset` reads). */
import { stringify } from "yaml";
import { authorize, type UseCaseContext } from "../shared/context.ts";
import { notFound } from "../shared/errors.ts";
import type { Dataset } from "./dataset.schema.ts";
import { readDataset } from "./dataset-read.repository.ts";

export async function exportDataset(ctx: UseCaseContext, commissionKey: string): Promise<Dataset> {
  authorize(ctx.actor, "data.import");
  const dataset = await readDataset(ctx.db, commissionKey);
  if (!dataset) throw notFound("la comisión", commissionKey);
  return dataset;
}

export function serialiseDataset(dataset: Dataset, format: "yaml" | "json"): string {
  return format === "json" ? `${JSON.stringify(dataset, null, 2)}\n` : stringify(dataset, { lineWidth: 0 });
}
