import { beforeAll, describe, expect, it } from "vitest";
import { describeEachEngine } from "../../../tests/support/databases.ts";
import {
  buildAgreement,
  buildArea,
  buildCatalogEntry,
  buildCommission,
  buildOrganisation,
  buildSession,
  uniqueKey,
} from "../../../tests/support/factories.ts";
import { AppError } from "../shared/errors.ts";
import { agreementProblems, isForwardMove, plannedStageEvents } from "./agreement-stages.ts";
import { agreementProgressResource, agreementResource } from "./agreements.resources.ts";
import { changeAgreementStage } from "./change-agreement-stage.ts";

describe("agreement stage rules", () => {
  it("only moves forward, and nowhere from an ending", () => {
    expect(isForwardMove("negotiation", "signed")).toBe(true);
    expect(isForwardMove("in_force", "cancelled")).toBe(true);
    expect(isForwardMove("signed", "pertinence_opinion")).toBe(false);
    expect(isForwardMove("signed", "signed")).toBe(false);
    expect(isForwardMove("concluded", "terminated")).toBe(false);
  });

  it("adds the signing event and moves it when the signing date is corrected", () => {
    expect(
      plannedStageEvents({ sent: [], stored: [], signedOn: "2021-03-08", isSigningDateSent: true }),
    ).toEqual([{ stage: "signed", date: "2021-03-08" }]);
    const stored = [
      { stage: "negotiation" as const, date: "2021-01-10" },
      { stage: "signed" as const, date: "2021-03-08" },
    ];
    expect(
      plannedStageEvents({ sent: undefined, stored, signedOn: "2021-03-09", isSigningDateSent: true })[1],
    ).toEqual({ stage: "signed", date: "2021-03-09" });
  });

  it("finds every contradiction of a record", () => {
    const paths = agreementProblems({
      stage: "signed",
      signedOn: "2021-03-08",
      validFrom: "2021-03-08",
      validTo: "2021-01-01",
      isIndefinite: true,
      stages: [
        { stage: "negotiation", date: "2021-04-01" },
        { stage: "signed", date: "2021-03-07" },
        { stage: "concluded", date: "2021-05-01" },
      ],
    }).map((d) => d.path);
    expect(paths.sort()).toEqual(["signedOn", "stages[1].date", "stages[2].stage", "validTo", "validTo"]);
  });
});

describeEachEngine("agreements", (t) => {
  let commissionId: string;
  beforeAll(async () => {
    commissionId = (await buildCommission(t.context)).id;
  });

  it("creates an agreement with its counterparts, areas and history, and reads them back in order", async () => {
    const tecdmx = await buildOrganisation(t.context);
    const injuve = await buildOrganisation(t.context);
    const utvoe = await buildArea(t.context);
    const deeccc = await buildArea(t.context);
    const type = await buildCatalogEntry(t.context, "agreement_type");
    const created = await agreementResource.create(t.context, {
      commissionId,
      key: uniqueKey("convenio"),
      title: "Convenio general de apoyo y colaboración",
      typeId: type.id,
      object: "Promover la cultura democrática",
      counterpartIds: [injuve.id, tecdmx.id],
      areaIds: [deeccc.id, utvoe.id],
      management: "accompanied",
      stage: "in_force",
      stages: [{ stage: "negotiation", date: "2021-01-11" }],
      signedOn: "2021-03-22",
      validFrom: "2021-03-22",
      isIndefinite: true,
      ceremony: { date: "2021-03-22", description: "Firma a distancia" },
    });
    expect(created).toMatchObject({
      counterpartIds: [injuve.id, tecdmx.id],
      areaIds: [deeccc.id, utvoe.id],
      stage: "in_force",
      signedOn: "2021-03-22",
      isIndefinite: true,
      validTo: null,
      ceremony: { date: "2021-03-22", description: "Firma a distancia" },
      // The signing date becomes part of the history.
      stages: [
        { stage: "negotiation", date: "2021-01-11", note: null },
        { stage: "signed", date: "2021-03-22", note: null },
      ],
    });

    // A PATCH that does not send a list keeps it; one that sends it replaces it, in the order sent.
    const retitled = await agreementResource.update(t.context, created.id, { title: "Convenio general" });
    expect(retitled.areaIds).toEqual([deeccc.id, utvoe.id]);
    expect(retitled.isIndefinite).toBe(true);
    const reordered = await agreementResource.update(t.context, created.id, {
      counterpartIds: [tecdmx.id],
      areaIds: [utvoe.id, deeccc.id],
      object: null,
    });
    expect(reordered).toMatchObject({
      counterpartIds: [tecdmx.id],
      areaIds: [utvoe.id, deeccc.id],
      object: null,
    });

    // Correcting the signing date moves the «signed» event with it.
    const corrected = await agreementResource.update(t.context, created.id, {
      signedOn: "2021-03-23",
      validFrom: "2021-03-23",
    });
    expect(corrected.stages.find((s) => s.stage === "signed")?.date).toBe("2021-03-23");

    const byArea = await agreementResource.list(t.context, { areaId: deeccc.id });
    expect(byArea.items.map((a) => a.id)).toEqual([created.id]);
    const byCounterpart = await agreementResource.list(t.context, {
      organisationId: tecdmx.id,
      typeId: type.id,
    });
    expect(byCounterpart.items.map((a) => a.id)).toEqual([created.id]);
    expect((await agreementResource.list(t.context, { organisationId: injuve.id })).total).toBe(0);
    const found = await agreementResource.list(t.context, { q: "convenio general", commissionId });
    expect(found.items.map((a) => a.id)).toContain(created.id);

    await agreementResource.remove(t.context, created.id);
    await expect(agreementResource.get(t.context, created.id)).rejects.toMatchObject({ code: "not_found" });
  });

  it("refuses a record that contradicts itself and stores nothing", async () => {
    const before = (await agreementResource.list(t.context, { commissionId })).total;
    const organisation = await buildOrganisation(t.context);
    const error = await agreementResource
      .create(t.context, {
        commissionId,
        key: uniqueKey("convenio"),
        title: "Convenio sin firma",
        counterpartIds: [organisation.id],
        management: "direct",
        stage: "in_force",
        validFrom: "2021-05-01",
        validTo: "2021-04-30",
      })
      .catch((e) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error.code).toBe("validation_failed");
    expect(error.details.map((d: { path: string }) => d.path).sort()).toEqual(["signedOn", "validTo"]);

    // A counterpart that does not exist fails after the agreement row was written: the transaction undoes it.
    const missing = await agreementResource
      .create(t.context, {
        commissionId,
        key: uniqueKey("convenio"),
        title: "Convenio con una contraparte inexistente",
        counterpartIds: ["00000000-0000-4000-8000-000000000000"],
        management: "direct",
        stage: "negotiation",
      })
      .catch((e) => e);
    expect(missing.code).toBe("reference_not_found");

    const duplicated = await agreementResource
      .create(t.context, {
        commissionId,
        key: uniqueKey("convenio"),
        title: "Convenio",
        counterpartIds: [organisation.id, organisation.id],
        management: "direct",
        stage: "negotiation",
      })
      .catch((e) => e);
    expect(duplicated.details).toEqual([expect.objectContaining({ path: "counterpartIds[1]" })]);
    expect((await agreementResource.list(t.context, { commissionId })).total).toBe(before);
  });

  it("refuses a type from another catalogue and a parent from another commission", async () => {
    const kind = await buildCatalogEntry(t.context, "activity_kind");
    await expect(buildAgreement(t.context, commissionId, { typeId: kind.id })).rejects.toMatchObject({
      code: "reference_not_found",
    });
    const other = await buildCommission(t.context);
    const foreign = await buildAgreement(t.context, other.id);
    await expect(buildAgreement(t.context, commissionId, { parentId: foreign.id })).rejects.toMatchObject({
      code: "inconsistent_reference",
    });
    const parent = await buildAgreement(t.context, commissionId);
    const child = await buildAgreement(t.context, commissionId, { parentId: parent.id });
    await expect(
      agreementResource.update(t.context, parent.id, { parentId: child.id }),
    ).rejects.toMatchObject({
      code: "validation_failed",
    });
  });

  it("moves the stage forward, records each event and refuses to go back", async () => {
    const agreement = await buildAgreement(t.context, commissionId, {
      stage: "negotiation",
      signedOn: undefined,
    });
    const opinion = await changeAgreementStage(t.context, agreement.id, {
      stage: "pertinence_opinion",
      date: "2021-02-01",
    });
    expect(opinion.stage).toBe("pertinence_opinion");
    await expect(
      changeAgreementStage(t.context, agreement.id, { stage: "in_force", date: "2021-02-10" }),
    ).rejects.toMatchObject({ code: "agreement_not_signed" });
    await expect(
      changeAgreementStage(t.context, agreement.id, { stage: "signed", date: "2021-01-31" }),
    ).rejects.toMatchObject({ code: "validation_failed" });
    const signed = await changeAgreementStage(t.context, agreement.id, {
      stage: "signed",
      date: "2021-02-15",
      note: "Firma en la sede del IECM",
    });
    expect(signed).toMatchObject({ stage: "signed", signedOn: "2021-02-15" });
    const back = await changeAgreementStage(t.context, agreement.id, {
      stage: "negotiation",
      date: "2021-03-01",
    }).catch((e) => e);
    expect(back).toBeInstanceOf(AppError);
    expect(back.code).toBe("agreement_stage_not_forward");
    expect(back.publicMessage).toMatch(/solo avanzan/);
    await changeAgreementStage(t.context, agreement.id, { stage: "in_force", date: "2021-02-15" });
    const concluded = await changeAgreementStage(t.context, agreement.id, {
      stage: "concluded",
      date: "2021-12-31",
    });
    expect(concluded.stages.map((s) => [s.stage, s.date])).toEqual([
      ["pertinence_opinion", "2021-02-01"],
      ["signed", "2021-02-15"],
      ["in_force", "2021-02-15"],
      ["concluded", "2021-12-31"],
    ]);
    expect(concluded.stages[1]?.note).toBe("Firma en la sede del IECM");
    await expect(
      changeAgreementStage(t.context, agreement.id, { stage: "cancelled", date: "2022-01-10" }),
    ).rejects.toMatchObject({ code: "agreement_stage_not_forward" });
    expect((await agreementResource.get(t.context, agreement.id)).stage).toBe("concluded");
    // The stage only moves through changeAgreementStage; a PATCH does not carry it.
    const patched = await agreementResource.update(t.context, agreement.id, { stage: "negotiation" });
    expect(patched.stage).toBe("concluded");
  });

  it("lists the agreements in force on a date", async () => {
    const commission = await buildCommission(t.context);
    const cid = commission.id;
    const make = (key: string, overrides: Record<string, unknown>) =>
      buildAgreement(t.context, cid, { key: uniqueKey(key), ...overrides });
    const open = await make("vigente", { signedOn: "2021-02-02" });
    await make("vencido", { signedOn: "2021-03-15", validTo: "2021-03-20" });
    const concluded = await make("concluido", {
      stage: "concluded",
      signedOn: "2020-01-10",
      stages: [{ stage: "concluded", date: "2021-03-10" }],
    });
    await make("negociacion", { stage: "negotiation", signedOn: undefined });
    await make("posterior", { signedOn: "2021-04-02" });
    const cancelledLater = await make("cancelado", {
      stage: "cancelled",
      signedOn: "2021-01-05",
      stages: [{ stage: "cancelled", date: "2021-05-01" }],
    });
    const indefinite = await make("indefinido", { signedOn: "2019-06-01", isIndefinite: true });
    const endOfQuarter = await agreementResource.list(t.context, {
      commissionId: cid,
      inForceOn: "2021-03-31",
    });
    expect(endOfQuarter.items.map((a) => a.id).sort()).toEqual(
      [open.id, cancelledLater.id, indefinite.id].sort(),
    );
    const march = await agreementResource.list(t.context, { commissionId: cid, inForceOn: "2021-03-01" });
    expect(march.items.map((a) => a.id)).toContain(concluded.id);
    const signedInQuarter = await agreementResource.list(t.context, {
      commissionId: cid,
      signedFrom: "2021-01-01",
      signedTo: "2021-03-31",
    });
    expect(signedInQuarter.total).toBe(3);
  });

  it("finds agreements by a counterpart's name or acronym typed without accents", async () => {
    const alcaldia = await buildOrganisation(t.context, { name: "Alcaldía Cuauhtémoc", acronym: "ACUAUH" });
    const other = await buildOrganisation(t.context, { name: "Tribunal Electoral", acronym: "TECDMX" });
    const withAlcaldia = await buildAgreement(t.context, commissionId, {
      counterpartIds: [other.id, alcaldia.id],
    });
    const withOther = await buildAgreement(t.context, commissionId, { counterpartIds: [other.id] });
    const byName = await agreementResource.list(t.context, {
      commissionId,
      counterpart: "alcaldia cuauhtemoc",
    });
    expect(byName.items.map((a) => a.id)).toEqual([withAlcaldia.id]);
    const byAcronym = await agreementResource.list(t.context, { commissionId, counterpart: "acuauh" });
    expect(byAcronym.items.map((a) => a.id)).toEqual([withAlcaldia.id]);
    const both = await agreementResource.list(t.context, { commissionId, counterpart: "Tribunal" });
    expect(both.items.map((a) => a.id)).toEqual(expect.arrayContaining([withAlcaldia.id, withOther.id]));
  });

  it("records progress once per agreement and session, in sessions of its own commission", async () => {
    const agreement = await buildAgreement(t.context, commissionId);
    const session = await buildSession(t.context, commissionId, { date: "2021-02-25" });
    const area = await buildArea(t.context);
    const progress = await agreementProgressResource.create(t.context, {
      agreementId: agreement.id,
      sessionId: session.id,
      areaId: area.id,
      text: "Se realizó el primer intercambio de información.",
    });
    expect(progress).toMatchObject({ agreementId: agreement.id, areaId: area.id });
    await expect(
      agreementProgressResource.create(t.context, { agreementId: agreement.id, sessionId: session.id }),
    ).rejects.toMatchObject({ code: "conflict" });
    const otherSession = await buildSession(t.context, (await buildCommission(t.context)).id);
    await expect(
      agreementProgressResource.create(t.context, { agreementId: agreement.id, sessionId: otherSession.id }),
    ).rejects.toMatchObject({ code: "inconsistent_reference" });
    const inFebruary = await agreementProgressResource.list(t.context, {
      commissionId,
      from: "2021-02-01",
      to: "2021-02-28",
    });
    expect(inFebruary.items.map((p) => p.id)).toContain(progress.id);
    expect(
      (await agreementProgressResource.list(t.context, { commissionId, from: "2021-03-01" })).total,
    ).toBe(0);
    const edited = await agreementProgressResource.update(t.context, progress.id, { areaId: null });
    expect(edited).toMatchObject({ areaId: null, text: progress.text });
    await expect(agreementResource.remove(t.context, agreement.id)).rejects.toMatchObject({ code: "in_use" });
  });
});
