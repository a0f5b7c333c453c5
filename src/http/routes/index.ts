import type { FastifyInstance } from "fastify";
import type { z } from "zod";
import {
  areaResource,
  catalogEntryResource,
  organisationResource,
  partyResource,
  personResource,
} from "../../domain/catalogs/catalogs.resources.ts";
import type { Resource } from "../../domain/shared/resource.ts";
import type { FileStore } from "../../platform/files.ts";
import type { ContextFactory } from "../app.ts";
import { registerResourceRoutes } from "./resource.routes.ts";
import { registerSystemRoutes } from "./system.routes.ts";

export type RouteDependencies = { context: ContextFactory; files: FileStore; maxUploadBytes: number };

/** Every resource with plain CRUD routes; use cases beyond CRUD register their own routes below. */
export const resources: Resource<z.ZodObject, z.ZodObject>[] = [
  areaResource,
  organisationResource,
  partyResource,
  personResource,
  catalogEntryResource,
] as unknown as Resource<z.ZodObject, z.ZodObject>[];

export async function registerRoutes(app: FastifyInstance, deps: RouteDependencies): Promise<void> {
  registerSystemRoutes(app, deps);
  for (const resource of resources) registerResourceRoutes(app, resource, deps);
}
