import { expect, it } from "vitest";
import { describeEachEngine } from "../../../tests/support/databases.ts";
import { buildAgreement, buildArea, buildCommission } from "../../../tests/support/factories.ts";
import { pertinenceOpinionResource } from "./agreements.resources.ts";
import { issuePertinenceOpinion } from "./issue-pertinence-opinion.ts";

const OPINION_PATTERN = "IECM/UTVOE/OP/{seq:2}/{yyyy}";

describeEachEngine("pertinence opinions", (t) => {
  it("numbers opinions per commission and year of issue", async () => {
    const commission = await buildCommission(t.context, { opinionNumberPattern: OPINION_PATTERN });
    const agreement = await buildAgreement(t.context, commission.id, {
      stage: "negotiation",
      signedOn: undefined,
    });
    const area = await buildArea(t.context);
    const issue = (issuedOn: string, extra: Record<string, unknown> = {}) =>
      issuePertinenceOpinion(t.context, {
        commissionId: commission.id,
        subject: "Convenio de colaboración con el TECDMX",
        outcome: "favourable",
        issuedOn,
        ...extra,
      });
    const first = await issue("2021-01-15", { agreementId: agreement.id, areaIds: [area.id] });
    expect(first).toMatchObject({
      number: "IECM/UTVOE/OP/01/2021",
      year: 2021,
      seq: 1,
      agreementId: agreement.id,
      areaIds: [area.id],
    });
    expect((await issue("2021-02-03")).number).toBe("IECM/UTVOE/OP/02/2021");
    expect((await issue("2022-01-10")).number).toBe("IECM/UTVOE/OP/01/2022");

    // A refused issue takes no number: the next one is still 03.
    const other = await buildCommission(t.context);
    const foreign = await buildAgreement(t.context, other.id);
    await expect(issue("2021-03-01", { agreementId: foreign.id })).rejects.toMatchObject({
      code: "inconsistent_reference",
    });
    expect((await issue("2021-03-02", { outcome: "unfavourable" })).number).toBe("IECM/UTVOE/OP/03/2021");

    const of2021 = await pertinenceOpinionResource.list(t.context, {
      commissionId: commission.id,
      year: 2021,
      sort: "seq",
    });
    expect(of2021.items.map((o) => o.number)).toEqual([
      "IECM/UTVOE/OP/01/2021",
      "IECM/UTVOE/OP/02/2021",
      "IECM/UTVOE/OP/03/2021",
    ]);
  });

  it("corrects an opinion without touching its number", async () => {
    const commission = await buildCommission(t.context, { opinionNumberPattern: OPINION_PATTERN });
    const opinion = await issuePertinenceOpinion(t.context, {
      commissionId: commission.id,
      subject: "Convenio con la UNAM",
      outcome: "favourable",
      issuedOn: "2021-05-04",
    });
    const edited = await pertinenceOpinionResource.update(t.context, opinion.id, {
      subject: "Convenio específico con la UNAM",
      issuedOn: "2021-05-05",
      number: "IECM/UTVOE/OP/99/2021",
    });
    expect(edited).toMatchObject({
      number: opinion.number,
      subject: "Convenio específico con la UNAM",
      issuedOn: "2021-05-05",
    });
    await expect(
      pertinenceOpinionResource.update(t.context, opinion.id, { issuedOn: "2022-01-03" }),
    ).rejects.toMatchObject({ code: "validation_failed" });
    expect((await pertinenceOpinionResource.get(t.context, opinion.id)).issuedOn).toBe("2021-05-05");
  });

  it("refuses to issue without a numbering pattern", async () => {
    const commission = await buildCommission(t.context);
    await expect(
      issuePertinenceOpinion(t.context, {
        commissionId: commission.id,
        subject: "Convenio",
        outcome: "favourable",
        issuedOn: "2021-01-15",
      }),
    ).rejects.toMatchObject({ code: "numbering_not_configured" });
    await expect(
      issuePertinenceOpinion(t.context, { commissionId: commission.id, subject: "", outcome: "neutral" }),
    ).rejects.toMatchObject({ code: "validation_failed" });
    expect((await pertinenceOpinionResource.list(t.context, { commissionId: commission.id })).total).toBe(0);
  });
});
