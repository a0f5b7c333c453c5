import type { FastifyInstance } from "fastify";
import type { z } from "zod";
import { activityResource } from "../../domain/activities/activities.resources.ts";
import {
  agreementProgressResource,
  agreementResource,
} from "../../domain/agreements/agreements.resources.ts";
import {
  areaResource,
  catalogEntryResource,
  organisationResource,
  partyResource,
  personResource,
} from "../../domain/catalogs/catalogs.resources.ts";
import { commissionResource, membershipResource } from "../../domain/commissions/commissions.resources.ts";
import { workProgrammeResource } from "../../domain/programmes/programmes.resources.ts";
import { sessionResource } from "../../domain/sessions/sessions.resources.ts";
import type { Resource } from "../../domain/shared/resource.ts";
import type { Database } from "../../platform/db/open.ts";
import type { FileStore } from "../../platform/files.ts";
import type { CampaignMail, ContextFactory } from "../app.ts";
import { registerActivityImportRoutes } from "./activity-import.routes.ts";
import { registerAgreementRoutes } from "./agreements.routes.ts";
import { registerAttachmentRoutes } from "./attachments.routes.ts";
import { registerAuditRoutes } from "./audit.routes.ts";
import { registerAuthRoutes } from "./auth.routes.ts";
import { registerCatalogRoutes } from "./catalogs.routes.ts";
import { registerDashboardRoutes } from "./dashboard.routes.ts";
import { registerDatasetRoutes } from "./dataset.routes.ts";
import { registerExportRoutes } from "./exports.routes.ts";
import { registerOutreachRoutes } from "./outreach.routes.ts";
import { registerProgrammeRoutes } from "./programmes.routes.ts";
import { registerReportRoutes } from "./reports.routes.ts";
import { registerResolutionRoutes } from "./resolutions.routes.ts";
import { registerResourceRoutes } from "./resource.routes.ts";
import { registerSearchRoutes } from "./search.routes.ts";
import { registerSessionRoutes } from "./sessions.routes.ts";
import { registerSystemRoutes } from "./system.routes.ts";
import { registerTransparencyRoutes } from "./transparency.routes.ts";

export type RouteDependencies = {
  context: ContextFactory;
  database: Database;
  files: FileStore;
  maxUploadBytes: number;
  /** Campaign mail, where the server is configured to send it. */
  outreach?: CampaignMail;
};

/** Every resource with plain CRUD routes; use cases beyond CRUD register their own routes below. */
export const resources: Resource<z.ZodObject, z.ZodObject>[] = [
  areaResource,
  organisationResource,
  partyResource,
  personResource,
  catalogEntryResource,
  commissionResource,
  membershipResource,
  workProgrammeResource,
  sessionResource,
  agreementResource,
  agreementProgressResource,
  activityResource,
] as unknown as Resource<z.ZodObject, z.ZodObject>[];

export async function registerRoutes(app: FastifyInstance, deps: RouteDependencies): Promise<void> {
  registerSystemRoutes(app, deps);
  registerAuthRoutes(app, deps);
  registerDatasetRoutes(app, deps);
  registerSearchRoutes(app, deps);
  registerReportRoutes(app, deps);
  registerTransparencyRoutes(app, deps);
  for (const resource of resources) registerResourceRoutes(app, resource, deps);
  registerCatalogRoutes(app, deps);
  registerProgrammeRoutes(app, deps);
  registerSessionRoutes(app, deps);
  registerResolutionRoutes(app, deps);
  registerAgreementRoutes(app, deps);
  registerAuditRoutes(app, deps);
  registerDashboardRoutes(app, deps);
  registerExportRoutes(app, deps);
  await registerAttachmentRoutes(app, deps);
  await registerActivityImportRoutes(app, deps);
  await registerOutreachRoutes(app, deps);
}
