import { beforeAll, expect, it } from "vitest";
import { describeEachEngine } from "../../../tests/support/databases.ts";
import {
  buildAgreement,
  buildCatalogEntry,
  buildCommission,
  buildSession,
} from "../../../tests/support/factories.ts";
import { countAgreements } from "./agreement-counts.ts";
import { agreementProgressResource } from "./agreements.resources.ts";

describeEachEngine("agreement counts", (t) => {
  let commissionId: string;
  let collaborationId: string;
  let supportId: string;

  /**
   * One signed in 2019 (still in force), three signed in the first quarter of 2021 (one direct, two accompanied;
   * one of them concluded in March), one in negotiation; progress reported on two agreements in the quarter.
   */
  beforeAll(async () => {
    commissionId = (await buildCommission(t.context)).id;
    collaborationId = (await buildCatalogEntry(t.context, "agreement_type", { name: "Colaboración" })).id;
    supportId = (await buildCatalogEntry(t.context, "agreement_type", { name: "Apoyo" })).id;
    const old = await buildAgreement(t.context, commissionId, {
      signedOn: "2019-06-01",
      isIndefinite: true,
      typeId: collaborationId,
    });
    const direct = await buildAgreement(t.context, commissionId, {
      signedOn: "2021-03-08",
      management: "direct",
      typeId: collaborationId,
    });
    await buildAgreement(t.context, commissionId, {
      signedOn: "2021-02-02",
      management: "accompanied",
      typeId: supportId,
    });
    await buildAgreement(t.context, commissionId, {
      signedOn: "2021-01-15",
      management: "accompanied",
      stage: "concluded",
      stages: [{ stage: "concluded", date: "2021-03-20" }],
      typeId: supportId,
    });
    await buildAgreement(t.context, commissionId, { stage: "negotiation", signedOn: undefined });
    const january = await buildSession(t.context, commissionId, { date: "2021-01-28" });
    const march = await buildSession(t.context, commissionId, { date: "2021-03-25" });
    const april = await buildSession(t.context, commissionId, { date: "2021-04-29" });
    for (const [agreementId, sessionId] of [
      [old.id, january.id],
      [old.id, march.id],
      [direct.id, march.id],
      [direct.id, april.id],
    ] as const)
      await agreementProgressResource.create(t.context, { agreementId, sessionId, text: "Avance" });
  });

  it("counts signed, in force, by management and with progress in the quarter", async () => {
    const counts = await countAgreements(t.context, { commissionId, from: "2021-01-01", to: "2021-03-31" });
    expect(counts).toMatchObject({
      date: "2021-03-31",
      signed: { since: "2019-06-01", count: 4 },
      inForce: { on: "2021-03-31", count: 3 },
      signedByYear: [
        { year: 2019, count: 1 },
        { year: 2021, count: 3 },
      ],
      period: {
        from: "2021-01-01",
        to: "2021-03-31",
        signed: { total: 3, direct: 1, accompanied: 2 },
        withProgress: 2,
      },
    });
    // Equal counts: by the catalogue's position, then by name.
    expect(counts.signedByType).toEqual([
      expect.objectContaining({ typeId: supportId, typeName: "Apoyo", count: 2 }),
      expect.objectContaining({ typeId: collaborationId, typeName: "Colaboración", count: 2 }),
    ]);
  });

  it("counts as of a date and since a date", async () => {
    const counts = await countAgreements(t.context, {
      commissionId,
      date: "2021-03-10",
      since: "2020-01-01",
    });
    expect(counts.signed).toEqual({ since: "2020-01-01", count: 3 });
    // On 10 March the concluded one (ended 20 March) was still in force.
    expect(counts.inForce.count).toBe(4);
    expect(counts.period).toBeNull();
  });

  it("refuses half a period and an unknown commission", async () => {
    await expect(countAgreements(t.context, { commissionId, from: "2021-01-01" })).rejects.toMatchObject({
      code: "validation_failed",
    });
    await expect(
      countAgreements(t.context, { commissionId: "00000000-0000-4000-8000-000000000000" }),
    ).rejects.toMatchObject({ code: "not_found" });
  });
});
