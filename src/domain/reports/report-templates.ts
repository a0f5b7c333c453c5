/**
 * A commission's report template as stored data: read (the default when none is stored), replaced as a whole
 * (validated by its schema, then its references to catalogue entries and organisations checked against the
 * records) and reset to the default. The composer reads it through `loadReportTemplate`.
 */
import { and, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../../platform/db/open.ts";
import { catalogEntries, organisations, reportTemplates } from "../../platform/db/schema.ts";
import { commissionResource } from "../commissions/commissions.resources.ts";
import { authorize, inTransaction, type UseCaseContext } from "../shared/context.ts";
import { AppError, type ErrorDetail } from "../shared/errors.ts";
import { parseInput } from "../shared/resource.ts";
import { DEFAULT_REPORT_TEMPLATE, type ReportTemplate, ZReportTemplate } from "./report-template.ts";

export const ZStoredReportTemplate = z.object({
  commissionId: z.string(),
  /** False while the commission uses the default template (the reference report's wording). */
  isCustom: z.boolean(),
  updatedAt: z.string().nullable(),
  template: ZReportTemplate,
});
export type StoredReportTemplate = z.infer<typeof ZStoredReportTemplate>;

/** The template the commission's reports are composed with. */
export async function loadReportTemplate(db: Db, commissionId: string): Promise<ReportTemplate> {
  const [row] = await db
    .select({ template: reportTemplates.template })
    .from(reportTemplates)
    .where(eq(reportTemplates.commissionId, commissionId));
  // Stored templates were validated on the way in; parsing again fills defaults added to the schema since.
  return row ? ZReportTemplate.parse(row.template) : DEFAULT_REPORT_TEMPLATE;
}

export async function getReportTemplate(
  ctx: UseCaseContext,
  commissionId: string,
): Promise<StoredReportTemplate> {
  authorize(ctx.actor, "reports.read");
  await commissionResource.get(ctx, commissionId);
  const [row] = await ctx.db
    .select()
    .from(reportTemplates)
    .where(eq(reportTemplates.commissionId, commissionId));
  return {
    commissionId,
    isCustom: row !== undefined,
    updatedAt: row?.updatedAt.toISOString() ?? null,
    template: row ? ZReportTemplate.parse(row.template) : DEFAULT_REPORT_TEMPLATE,
  };
}

/** Replaces the commission's template; nothing is stored unless all of it is valid. */
export async function saveReportTemplate(
  ctx: UseCaseContext,
  commissionId: string,
  rawInput: unknown,
): Promise<StoredReportTemplate> {
  authorize(ctx.actor, "reports.write");
  const template = parseInput(ZReportTemplate, rawInput);
  await commissionResource.get(ctx, commissionId);
  await checkTemplateReferences(ctx.db, template);
  const now = new Date();
  await inTransaction(ctx, (tx) =>
    tx
      .insert(reportTemplates)
      .values({ commissionId, template, updatedAt: now })
      .onConflictDoUpdate({ target: reportTemplates.commissionId, set: { template, updatedAt: now } }),
  );
  return getReportTemplate(ctx, commissionId);
}

/** Goes back to the default template. */
export async function resetReportTemplate(
  ctx: UseCaseContext,
  commissionId: string,
): Promise<StoredReportTemplate> {
  authorize(ctx.actor, "reports.write");
  await commissionResource.get(ctx, commissionId);
  await inTransaction(ctx, (tx) =>
    tx.delete(reportTemplates).where(eq(reportTemplates.commissionId, commissionId)),
  );
  return getReportTemplate(ctx, commissionId);
}

/** Every activity kind and followed body a template names must exist, or its table would silently be empty. */
async function checkTemplateReferences(db: Db, template: ReportTemplate): Promise<void> {
  const kinds = new Map<string, string>();
  const bodies = new Map<string, string>();
  for (const [part, entries] of Object.entries(template.parts)) {
    entries.forEach((entry, index) => {
      if (entry.presentation.kind !== "activities") return;
      const path = `parts.${part}[${index}].presentation`;
      for (const [i, k] of entry.presentation.kinds.entries()) {
        if (!kinds.has(k)) kinds.set(k, `${path}.kinds[${i}]`);
      }
      for (const [i, b] of (entry.presentation.followedBodies ?? []).entries()) {
        if (!bodies.has(b)) bodies.set(b, `${path}.followedBodies[${i}]`);
      }
    });
  }
  const knownKinds = new Set(
    kinds.size === 0
      ? []
      : (
          await db
            .select({ key: catalogEntries.key })
            .from(catalogEntries)
            .where(
              and(
                eq(catalogEntries.catalog, "activity_kind"),
                inArray(catalogEntries.key, [...kinds.keys()]),
              ),
            )
        ).map((row) => row.key),
  );
  const knownBodies = new Set(
    bodies.size === 0
      ? []
      : (
          await db
            .select({ key: organisations.key })
            .from(organisations)
            .where(inArray(organisations.key, [...bodies.keys()]))
        ).map((row) => row.key),
  );
  const details: ErrorDetail[] = [
    ...[...kinds]
      .filter(([key]) => !knownKinds.has(key))
      .map(([key, path]) => ({
        path,
        message: "no existe ese tipo de actividad en el catálogo",
        value: key,
      })),
    ...[...bodies]
      .filter(([key]) => !knownBodies.has(key))
      .map(([key, path]) => ({ path, message: "no existe una organización con esa clave", value: key })),
  ];
  if (details.length > 0) {
    throw new AppError(
      "inconsistent_reference",
      "La plantilla nombra tipos de actividad u organizaciones que no existen.",
      details,
    );
  }
}
