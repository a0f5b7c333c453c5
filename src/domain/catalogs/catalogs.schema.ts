import { z } from "zod";
import {
  ZDatasetArea,
  ZDatasetCatalogEntry,
  ZDatasetOrganisation,
  ZDatasetParty,
  ZDatasetPerson,
} from "../dataset/dataset.schema.ts";
import { ZUuid } from "../shared/primitives.ts";

const ZStamps = { id: ZUuid, createdAt: z.string(), updatedAt: z.string() };

export const ZAreaCreate = ZDatasetArea;
export const ZArea = ZDatasetArea.extend({ ...ZStamps, acronym: z.string().nullable() });

export const ZOrganisationCreate = ZDatasetOrganisation.omit({ parent: true }).extend({
  parentId: ZUuid.optional().describe("Organismo del que depende"),
});
export const ZOrganisation = ZOrganisationCreate.extend({
  ...ZStamps,
  acronym: z.string().nullable(),
  sector: z.string().nullable(),
  country: z.string().nullable(),
  parentId: z.string().nullable(),
});

export const ZPartyCreate = ZDatasetParty.extend({
  position: z.number().int().min(0).max(10_000).default(0),
});
export const ZParty = ZPartyCreate.extend({ ...ZStamps, acronym: z.string().nullable() });

export const ZPersonCreate = ZDatasetPerson;
export const ZPerson = ZDatasetPerson.extend({ ...ZStamps, honorific: z.string().nullable() });

export const ZCatalogName = z.enum(["activity_kind", "agreement_type"]);
export const ZCatalogEntryCreate = ZDatasetCatalogEntry.extend({
  catalog: ZCatalogName,
  position: z.number().int().min(0).max(10_000).default(0),
});
export const ZCatalogEntry = ZCatalogEntryCreate.extend({ ...ZStamps, description: z.string().nullable() });
