/** Resolutions (acuerdos): numbered per commission and year when adopted in a session, with their votes. */
import { z } from "zod";
import {
  ZDatasetResolution,
  ZDatasetVote,
  ZResolutionOutcome,
  ZVoteOption,
} from "../dataset/dataset.schema.ts";
import { ZLongText, ZUuid } from "../shared/primitives.ts";

export const ZVote = ZDatasetVote.omit({ person: true }).extend({ personId: ZUuid });

const ZVotes = z
  .array(ZVote)
  .max(200)
  .describe("Un voto por integrante con derecho a voto")
  .superRefine((votes, ctx) => {
    const seen = new Set<string>();
    votes.forEach((vote, index) => {
      if (seen.has(vote.personId))
        ctx.addIssue({
          code: "custom",
          path: [index, "personId"],
          message: "esta persona ya votó",
          input: vote.personId,
        });
      seen.add(vote.personId);
    });
  });

/** What adopting a resolution takes; the number is assigned, never sent. */
export const ZAdoptResolution = ZDatasetResolution.omit({
  number: true,
  session: true,
  agendaItem: true,
  outcome: true,
  votes: true,
}).extend({
  sessionId: ZUuid.describe("Sesión en que se adopta"),
  agendaItemId: ZUuid.optional().describe("Punto del orden del día de esa sesión"),
  votes: ZVotes.default([]),
});

/** PATCH: title, text, agenda item and votes; never the number, the session or the year. */
export const ZResolutionUpdate = z
  .object({
    title: ZLongText.min(1),
    text: ZLongText.nullable(),
    agendaItemId: ZUuid.nullable(),
    votes: ZVotes.describe("Sustituye la votación completa"),
  })
  .partial();

export const ZResolution = z.object({
  id: ZUuid,
  commissionId: ZUuid,
  sessionId: ZUuid,
  agendaItemId: z.string().nullable(),
  number: z.string().describe("Número oficial, p. ej. CVOE/001/21"),
  year: z.number().int(),
  seq: z.number().int(),
  title: z.string(),
  text: z.string().nullable(),
  outcome: ZResolutionOutcome,
  votes: z.array(z.object({ personId: ZUuid, vote: ZVoteOption })),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Resolution = z.infer<typeof ZResolution>;
export type Vote = z.infer<typeof ZVote>;
