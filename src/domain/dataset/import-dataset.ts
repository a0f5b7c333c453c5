/**
 * Imports a whole commission from a dataset, all or nothing: everything is validated first (every problem
 * reported with its path and value), then written in one transaction. `dryRun` validates and stops.
 */
import { authorize, inTransaction, type UseCaseContext } from "../shared/context.ts";
import { AppError } from "../shared/errors.ts";
import {
  approvedReportPeriods,
  contactCount,
  deleteCommission,
  findCommissionByKey,
  type ImportProgress,
  loadKnownKeys,
  writeDataset,
} from "./dataset.repository.ts";
import type { Dataset } from "./dataset.schema.ts";
import { parseDatasetText, validateDataset } from "./validate-dataset.ts";

export type ImportOptions = {
  /** Validate only; write nothing. */
  dryRun?: boolean;
  /** Replace the commission's records if it already exists (in the same transaction). */
  replace?: boolean;
  onProgress?: ImportProgress;
};

export type ImportSummary = {
  commissionKey: string;
  dryRun: boolean;
  replaced: boolean;
  counts: Record<string, number>;
};

export async function importDatasetText(
  ctx: UseCaseContext,
  text: string,
  options: ImportOptions = {},
): Promise<ImportSummary> {
  authorize(ctx.actor, "data.import");
  const { value, problems } = parseDatasetText(text);
  if (problems.length > 0) throw invalid(problems);
  return importDataset(ctx, value, options);
}

export async function importDataset(
  ctx: UseCaseContext,
  raw: unknown,
  options: ImportOptions = {},
): Promise<ImportSummary> {
  authorize(ctx.actor, "data.import");
  const known = await loadKnownKeys(ctx.db);
  const result = validateDataset(raw, known);
  if (!result.dataset) throw invalid(result.problems);
  const dataset = result.dataset;
  const existing = await findCommissionByKey(ctx.db, dataset.commission.key);
  if (existing && !options.replace) {
    throw new AppError(
      "commission_exists",
      `La comisión «${dataset.commission.key}» ya existe; use --replace para sustituir sus registros.`,
    );
  }
  if (existing) {
    // Approved reports are official and frozen: replacing the records would delete them with the commission.
    const approved = await approvedReportPeriods(ctx.db, existing.id);
    if (approved.length > 0) {
      throw new AppError(
        "report_frozen",
        `La comisión «${dataset.commission.key}» tiene informes aprobados (${approved.join(", ")}); sustituir sus registros los borraría, así que no se importó nada.`,
      );
    }
    // Contacts are personal data a dataset never carries (decision 026): replacing would delete them for good.
    const contacts = await contactCount(ctx.db, existing.id);
    if (contacts > 0) {
      throw new AppError(
        "in_use",
        `Las listas de difusión de la comisión «${dataset.commission.key}» tienen ${contacts} ${contacts === 1 ? "contacto" : "contactos"}; un conjunto de datos no lleva contactos, así que sustituir sus registros los borraría. No se importó nada: use un respaldo (vincula backup / restore) o elimine antes las listas.`,
      );
    }
  }
  const summary: ImportSummary = {
    commissionKey: dataset.commission.key,
    dryRun: options.dryRun === true,
    replaced: existing !== undefined,
    counts: countRecords(dataset),
  };
  if (options.dryRun) return summary;
  await inTransaction(ctx, async (tx) => {
    if (existing) await deleteCommission(tx, existing.id);
    await writeDataset(tx, dataset, options.onProgress);
  });
  return summary;
}

function invalid(problems: { path: string; message: string; value?: unknown }[]): AppError {
  const n = problems.length;
  return new AppError(
    "dataset_invalid",
    `El conjunto de datos tiene ${n} ${n === 1 ? "problema" : "problemas"}; no se importó nada.`,
    problems,
  );
}

export function countRecords(d: Dataset): Record<string, number> {
  return {
    areas: d.areas.length,
    organisations: d.organisations.length,
    parties: d.parties.length,
    people: d.people.length,
    memberships: d.memberships.length,
    programmes: d.programmes.length,
    programmedActions: d.programmes.reduce(
      (n, p) => n + p.lines.reduce((m, l) => m + l.actions.length, 0),
      0,
    ),
    sessions: d.sessions.length,
    attendance: d.sessions.reduce((n, s) => n + s.attendance.length, 0),
    resolutions: d.resolutions.length,
    agreements: d.agreements.length,
    pertinenceOpinions: d.pertinenceOpinions.length,
    agreementProgress: d.agreementProgress.length,
    activities: d.activities.length,
    outreachLists: d.outreachLists.length,
    campaigns: d.outreachLists.reduce((n, l) => n + l.campaigns.length, 0),
  };
}
