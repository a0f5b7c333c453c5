/** The work programme of a commission for a year, read and written with its whole tree. */
import { eq } from "drizzle-orm";
import type { z } from "zod";
import { workProgrammes } from "../../platform/db/schema.ts";
import { ZUuid } from "../shared/primitives.ts";
import { defineResource } from "../shared/resource.ts";
import { syncProgrammeTree, withProgrammeTree } from "./programmes.repository.ts";
import { ZProgramme, ZProgrammeCreate, ZProgrammeUpdate, ZYearFilter } from "./programmes.schema.ts";

type Lines = z.infer<typeof ZProgrammeCreate>["lines"];

export const workProgrammeResource = defineResource({
  name: "work_programme",
  plural: "work-programmes",
  label: "el programa de trabajo",
  tag: "Programas de trabajo",
  table: workProgrammes,
  create: ZProgrammeCreate,
  update: ZProgrammeUpdate,
  output: ZProgramme,
  filters: {
    commissionId: { schema: ZUuid, where: (value: string) => eq(workProgrammes.commissionId, value) },
    year: { schema: ZYearFilter, where: (value: number) => eq(workProgrammes.year, value) },
  },
  sort: { year: workProgrammes.year, createdAt: workProgrammes.createdAt },
  defaultSort: "year",
  // The tree is written by writeChildren; only the programme's own columns go to its row.
  toRow: (_db, input) => Object.fromEntries(Object.entries(input).filter(([name]) => name !== "lines")),
  writeChildren: async (db, id, input) => {
    if (input.lines === undefined) return;
    await syncProgrammeTree(db, id, input.lines as Lines);
  },
  readChildren: withProgrammeTree,
});
