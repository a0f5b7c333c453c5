/**
 * Reading resolutions (get, list). Writing goes through adopt-resolution, update-resolution and
 * withdraw-resolution, which keep the numbering without gaps; the generic create/update/remove are not exposed.
 */
import { eq } from "drizzle-orm";
import { z } from "zod";
import { resolutions } from "../../platform/db/schema.ts";
import { ZUuid, ZYear } from "../shared/primitives.ts";
import { defineResource } from "../shared/resource.ts";
import { withVotes } from "./resolutions.repository.ts";
import { ZAdoptResolution, ZResolution } from "./resolutions.schema.ts";

const resolutionRecords = defineResource({
  name: "resolution",
  plural: "resolutions",
  label: "el acuerdo",
  tag: "Acuerdos",
  table: resolutions,
  create: ZAdoptResolution,
  output: ZResolution,
  access: { read: "sessions.read" },
  filters: {
    commissionId: { schema: ZUuid, where: (value: string) => eq(resolutions.commissionId, value) },
    sessionId: { schema: ZUuid, where: (value: string) => eq(resolutions.sessionId, value) },
    year: { schema: z.coerce.number().pipe(ZYear), where: (value: number) => eq(resolutions.year, value) },
    number: {
      schema: z.string().min(1).max(60).describe("Número completo, p. ej. CVOE/013/21"),
      where: (value: string) => eq(resolutions.number, value),
    },
  },
  sort: { seq: resolutions.seq, year: resolutions.year, createdAt: resolutions.createdAt },
  defaultSort: "seq",
  isSearchable: true,
  readChildren: withVotes,
});

/** Query-string schema of the list (filters, pagination, sort). */
export const resolutionListQuery = resolutionRecords.listQuery;
export const listResolutions = resolutionRecords.list;
export const getResolution = resolutionRecords.get;
