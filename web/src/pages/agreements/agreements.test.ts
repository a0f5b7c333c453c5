import { describe, expect, it } from "vitest";
import { isForwardMove, requiresSigning } from "../../../../src/domain/agreements/agreement-stages.ts";
import { parseDate } from "../../components/date-field.tsx";
import { type AgreementStage, daysInStage, nextStages, STAGES } from "./data.ts";

describe("the agreement pages' rules", () => {
  it("offers exactly the moves the domain accepts", () => {
    for (const from of STAGES)
      for (const signedOn of [null, "2021-03-08"]) {
        const expected = STAGES.filter(
          (to: AgreementStage) => isForwardMove(from, to) && !(requiresSigning(to) && !signedOn),
        );
        expect(nextStages({ stage: from, signedOn }), `${from}, ${signedOn ?? "unsigned"}`).toEqual(expected);
      }
    expect(nextStages({ stage: "negotiation", signedOn: null })).toEqual([
      "pertinence_opinion",
      "signed",
      "cancelled",
    ]);
  });

  it("reads typed dates as DD/MM/AAAA or AAAA-MM-DD, and nothing that is not a day", () => {
    expect(parseDate("5/4/2021")).toBe("2021-04-05");
    expect(parseDate("31/03/2021")).toBe("2021-03-31");
    expect(parseDate("2021-03-31")).toBe("2021-03-31");
    expect(parseDate("31/02/2021")).toBeNull();
    expect(parseDate("marzo")).toBeNull();
  });

  it("counts the days in the stage from its dated event", () => {
    const agreement = { stage: "signed", stages: [{ stage: "signed", date: "2021-03-08", note: null }] };
    expect(daysInStage(agreement as never, "2021-03-18")).toBe(10);
    expect(daysInStage({ ...agreement, stage: "in_force" } as never, "2021-03-18")).toBeNull();
  });
});
