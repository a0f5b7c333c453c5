/** Catalogue records: internal areas, external organisations, parties, people, configurable catalogues. */
import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import { areas, catalogEntries, organisations, parties, people } from "../../platform/db/schema.ts";
import { ZAreaKind, ZOrganisationSector } from "../dataset/dataset.schema.ts";
import { defineResource } from "../shared/resource.ts";
import {
  ZArea,
  ZAreaCreate,
  ZCatalogEntry,
  ZCatalogEntryCreate,
  ZCatalogName,
  ZOrganisation,
  ZOrganisationCreate,
  ZParty,
  ZPartyCreate,
  ZPerson,
  ZPersonCreate,
} from "./catalogs.schema.ts";
import { requireInstitution } from "./institution.ts";

/** Names match a filter accent- and case-insensitively by trigram similarity or substring. */
const nameLike = (column: string) => (value: string) =>
  sql`vincula_unaccent(lower(${sql.identifier(column)})) like '%' || vincula_unaccent(lower(${value})) || '%'`;

export const areaResource = defineResource({
  name: "area",
  plural: "areas",
  label: "el área",
  tag: "Áreas internas",
  table: areas,
  create: ZAreaCreate,
  output: ZArea,
  access: { read: "catalogs.read" },
  filters: {
    kind: { schema: ZAreaKind, where: (value: string) => eq(areas.kind, value as never) },
    name: { schema: z.string().min(1).max(200), where: nameLike("name") },
  },
  sort: { name: areas.name, key: areas.key, createdAt: areas.createdAt },
  defaultSort: "name",
  isSearchable: true,
  toRow: async (db, input, existing) => {
    if (existing) return input;
    // An area belongs to the deployment's institution (one per deployment).
    const rows = await requireInstitution(db);
    return { ...input, institutionId: rows.id };
  },
});

export const organisationResource = defineResource({
  name: "organisation",
  plural: "organisations",
  label: "el organismo",
  tag: "Organismos externos",
  table: organisations,
  create: ZOrganisationCreate,
  output: ZOrganisation,
  access: { read: "catalogs.read" },
  filters: {
    kind: { schema: z.string().min(1).max(60), where: (value: string) => eq(organisations.kind, value) },
    sector: {
      schema: ZOrganisationSector,
      where: (value: string) => eq(organisations.sector, value as never),
    },
    parentId: { schema: z.uuid(), where: (value: string) => eq(organisations.parentId, value) },
    name: { schema: z.string().min(1).max(200), where: nameLike("name") },
  },
  sort: { name: organisations.name, key: organisations.key, createdAt: organisations.createdAt },
  defaultSort: "name",
  isSearchable: true,
});

export const partyResource = defineResource({
  name: "party",
  plural: "parties",
  label: "el partido",
  tag: "Partidos políticos",
  table: parties,
  create: ZPartyCreate,
  output: ZParty,
  access: { read: "catalogs.read" },
  sort: { position: parties.position, name: parties.name },
  defaultSort: "position",
});

export const personResource = defineResource({
  name: "person",
  plural: "people",
  label: "la persona",
  tag: "Personas",
  table: people,
  create: ZPersonCreate,
  output: ZPerson,
  access: { read: "catalogs.read" },
  filters: { name: { schema: z.string().min(1).max(200), where: nameLike("name") } },
  sort: { name: people.name, key: people.key, createdAt: people.createdAt },
  defaultSort: "name",
  isSearchable: true,
});

export const catalogEntryResource = defineResource({
  name: "catalog_entry",
  plural: "catalog-entries",
  label: "la entrada de catálogo",
  tag: "Catálogos",
  table: catalogEntries,
  create: ZCatalogEntryCreate,
  output: ZCatalogEntry,
  access: { read: "catalogs.read" },
  filters: {
    catalog: { schema: ZCatalogName, where: (value: string) => eq(catalogEntries.catalog, value as never) },
  },
  sort: { position: catalogEntries.position, name: catalogEntries.name, key: catalogEntries.key },
  defaultSort: "position",
});
