import { randomUUID } from "node:crypto";
import { beforeAll, expect, it } from "vitest";
import { describeEachEngine } from "../../../tests/support/databases.ts";
import {
  buildArea,
  buildCommission,
  buildParty,
  buildPerson,
  buildSession,
  ensureInstitution,
} from "../../../tests/support/factories.ts";
import { adoptResolution } from "../resolutions/adopt-resolution.ts";
import { AppError } from "../shared/errors.ts";
import { addAgendaItem } from "./add-agenda-item.ts";
import { approveMinutes, withdrawMinutesApproval } from "./approve-minutes.ts";
import { listAgendaItems } from "./list-agenda-items.ts";
import { listSessionAttendance } from "./list-attendance.ts";
import { recordAttendance } from "./record-attendance.ts";
import { removeAgendaItem } from "./remove-agenda-item.ts";
import { reorderAgenda } from "./reorder-agenda.ts";
import { sessionResource } from "./sessions.resources.ts";
import { updateAgendaItem } from "./update-agenda-item.ts";

describeEachEngine("sessions, agenda, attendance and minutes", (t) => {
  beforeAll(async () => {
    await ensureInstitution(t.context);
  });

  it("creates, reads, updates, lists and deletes a session; the year follows the date", async () => {
    const commission = await buildCommission(t.context);
    const created = await sessionResource.create(t.context, {
      commissionId: commission.id,
      kind: "ordinary",
      number: 1,
      date: "2021-01-21",
      startTime: "11:00",
      modality: "remote",
      link: "https://reuniones.example.org/cvoe",
    });
    expect(created).toMatchObject({
      year: 2021,
      key: "2021-ordinary-1",
      startTime: "11:00",
      status: "scheduled",
      place: null,
      minutesApprovedByResolutionId: null,
    });
    const moved = await sessionResource.update(t.context, created.id, {
      date: "2022-01-20",
      status: "held",
      link: null,
    });
    expect(moved).toMatchObject({
      date: "2022-01-20",
      year: 2022,
      status: "held",
      link: null,
      startTime: "11:00",
    });
    expect(await sessionResource.get(t.context, created.id)).toEqual(moved);
    await sessionResource.remove(t.context, created.id);
    await expect(sessionResource.get(t.context, created.id)).rejects.toMatchObject({ code: "not_found" });
  });

  it("lists sessions filtered by dates, kind and status, sorted by date", async () => {
    const commission = await buildCommission(t.context);
    const third = await buildSession(t.context, commission.id, { date: "2021-03-25" });
    const first = await buildSession(t.context, commission.id, { date: "2021-01-21" });
    const urgent = await buildSession(t.context, commission.id, { date: "2021-02-25", kind: "urgent" });
    const cancelled = await buildSession(t.context, commission.id, {
      date: "2021-04-29",
      status: "cancelled",
    });
    const ids = async (query: Record<string, unknown>) =>
      (await sessionResource.list(t.context, { commissionId: commission.id, ...query })).items.map(
        (s) => s.id,
      );
    expect(await ids({})).toEqual([first.id, urgent.id, third.id, cancelled.id]);
    expect(await ids({ order: "desc" })).toEqual([cancelled.id, third.id, urgent.id, first.id]);
    expect(await ids({ from: "2021-02-01", to: "2021-03-31" })).toEqual([urgent.id, third.id]);
    expect(await ids({ kind: "urgent" })).toEqual([urgent.id]);
    expect(await ids({ status: "cancelled" })).toEqual([cancelled.id]);
    await expect(sessionResource.list(t.context, { from: "2021-02-30" })).rejects.toMatchObject({
      code: "validation_failed",
    });
  });

  it("refuses a session outside the commission's validity, a repeated number, and stores nothing", async () => {
    const commission = await buildCommission(t.context, { validFrom: "2025-01-01" });
    const before = (await sessionResource.list(t.context, { commissionId: commission.id })).total;
    const outside = await buildSession(t.context, commission.id, { date: "2024-12-31" }).catch((e) => e);
    expect(outside).toBeInstanceOf(AppError);
    expect(outside).toMatchObject({
      code: "validation_failed",
      details: [expect.objectContaining({ path: "date" })],
    });
    await buildSession(t.context, commission.id, { date: "2025-01-30", number: 1 });
    await expect(
      buildSession(t.context, commission.id, { date: "2025-02-27", number: 1 }),
    ).rejects.toMatchObject({
      code: "conflict",
      // On the field, so a form can show it there.
      details: [
        expect.objectContaining({ path: "number", message: "ya existe la primera sesión ordinaria de 2025" }),
      ],
    });
    const second = await buildSession(t.context, commission.id, { date: "2025-02-27", number: 2 });
    await expect(sessionResource.update(t.context, second.id, { number: 1 })).rejects.toMatchObject({
      code: "conflict",
      details: [expect.objectContaining({ path: "number" })],
    });
    await expect(sessionResource.update(t.context, second.id, { status: "held" })).resolves.toMatchObject({
      number: 2,
    });
    expect((await sessionResource.list(t.context, { commissionId: commission.id })).total).toBe(before + 2);
  });

  it("keeps the agenda ordered when items are added, inserted, removed and reordered", async () => {
    const commission = await buildCommission(t.context);
    const session = await buildSession(t.context, commission.id);
    const rollCall = await addAgendaItem(t.context, session.id, {
      kind: "roll_call",
      title: "Lista de asistencia",
    });
    const report = await addAgendaItem(t.context, session.id, {
      kind: "report",
      title: "Informe trimestral",
    });
    const agenda = await addAgendaItem(t.context, session.id, {
      kind: "agenda_approval",
      title: "Aprobación del orden del día",
      position: 2,
    });
    const titles = async () =>
      (await listAgendaItems(t.context, session.id)).map((i) => [i.position, i.title]);
    expect(await titles()).toEqual([
      [1, "Lista de asistencia"],
      [2, "Aprobación del orden del día"],
      [3, "Informe trimestral"],
    ]);

    const reordered = await reorderAgenda(t.context, session.id, {
      itemIds: [report.id, rollCall.id, agenda.id],
    });
    expect(reordered.map((i) => [i.position, i.id])).toEqual([
      [1, report.id],
      [2, rollCall.id],
      [3, agenda.id],
    ]);

    const renamed = await updateAgendaItem(t.context, session.id, report.id, {
      title: "Primer informe trimestral",
      series: "informe-trimestral",
    });
    expect(renamed).toMatchObject({ position: 1, series: "informe-trimestral" });

    await removeAgendaItem(t.context, session.id, rollCall.id);
    expect(await titles()).toEqual([
      [1, "Primer informe trimestral"],
      [2, "Aprobación del orden del día"],
    ]);
  });

  it("refuses a reorder that does not list every item once, leaving the order as it was", async () => {
    const commission = await buildCommission(t.context);
    const session = await buildSession(t.context, commission.id);
    const other = await buildSession(t.context, commission.id);
    const a = await addAgendaItem(t.context, session.id, { kind: "roll_call", title: "Lista" });
    const b = await addAgendaItem(t.context, session.id, { kind: "report", title: "Informe" });
    const foreign = await addAgendaItem(t.context, other.id, { kind: "note", title: "Nota" });
    const attempts = [{ itemIds: [b.id] }, { itemIds: [b.id, a.id, a.id] }, { itemIds: [b.id, foreign.id] }];
    for (const attempt of attempts) {
      await expect(reorderAgenda(t.context, session.id, attempt)).rejects.toMatchObject({
        code: "validation_failed",
      });
    }
    expect((await listAgendaItems(t.context, session.id)).map((i) => i.id)).toEqual([a.id, b.id]);
    await expect(
      addAgendaItem(t.context, session.id, { kind: "note", title: "Fuera", position: 9 }),
    ).rejects.toMatchObject({ code: "validation_failed" });
    await expect(removeAgendaItem(t.context, session.id, foreign.id)).rejects.toMatchObject({
      code: "not_found",
    });
  });

  it("records the whole attendance list and applies the rule of each category", async () => {
    const commission = await buildCommission(t.context);
    const session = await buildSession(t.context, commission.id);
    const chair = await buildPerson(t.context, { name: "Erika Estrada Ruiz" });
    const secretary = await buildPerson(t.context, { name: "Cecilia Aida Hernández Cruz" });
    const official = await buildPerson(t.context, { name: "Gustavo Uribe Robles" });
    const substitute = await buildPerson(t.context, { name: "Joaquín Wong Montes" });
    const party = await buildParty(t.context);
    const area = await buildArea(t.context, { name: "Dirección Ejecutiva de Educación Cívica" });
    const entries = [
      { category: "member", personId: chair.id, capacity: "Presidencia", isPresent: true },
      { category: "technical_secretary", personId: secretary.id, isPresent: true },
      { category: "party_representative", partyId: party.id, isPresent: false },
      {
        category: "invited_official",
        areaId: area.id,
        personId: official.id,
        isPresent: true,
        substitutePersonId: substitute.id,
        capacity: "Encargado del despacho",
      },
    ];
    const recorded = await recordAttendance(t.context, session.id, { entries });
    expect(recorded.map((a) => [a.position, a.category, a.isPresent])).toEqual([
      [1, "member", true],
      [2, "technical_secretary", true],
      [3, "party_representative", false],
      [4, "invited_official", true],
    ]);
    expect(recorded[3]).toMatchObject({ areaId: area.id, substitutePersonId: substitute.id });

    const invalid = [
      [{ category: "party_representative", personId: chair.id, isPresent: true }, "entries[0].partyId"],
      [{ category: "invited_official", personId: official.id, isPresent: true }, "entries[0].areaId"],
      [{ category: "member", partyId: party.id, isPresent: true }, "entries[0].personId"],
      [{ category: "technical_secretary", isPresent: false }, "entries[0].personId"],
    ] as const;
    for (const [entry, path] of invalid) {
      const error = await recordAttendance(t.context, session.id, { entries: [entry] }).catch((e) => e);
      expect(error, path).toBeInstanceOf(AppError);
      expect(error.code).toBe("validation_failed");
      expect(error.details).toContainEqual(
        expect.objectContaining({ path, message: expect.stringMatching(/necesita/) }),
      );
    }
    const repeated = await recordAttendance(t.context, session.id, {
      entries: [entries[0], entries[0]],
    }).catch((e) => e);
    expect(repeated.details[0]).toMatchObject({ path: "entries[1]" });
    const unknownPerson = await recordAttendance(t.context, session.id, {
      entries: [entries[1], { category: "member", personId: randomUUID(), isPresent: true }],
    }).catch((e) => e);
    expect(unknownPerson.code).toBe("reference_not_found");
    expect(await listSessionAttendance(t.context, session.id)).toEqual(recorded);

    expect(await recordAttendance(t.context, session.id, { entries: [entries[1]] })).toHaveLength(1);
    expect(await recordAttendance(t.context, session.id, { entries: [] })).toEqual([]);
  });

  it("links minutes to a later resolution of the same commission only", async () => {
    const commission = await buildCommission(t.context);
    const first = await buildSession(t.context, commission.id, { date: "2021-01-21", startTime: "11:00" });
    const sameDay = await buildSession(t.context, commission.id, { date: "2021-01-21", startTime: "13:00" });
    const later = await buildSession(t.context, commission.id, { date: "2021-02-25" });
    const approving = await adoptResolution(t.context, {
      sessionId: later.id,
      title: "Aprobación de la minuta de la primera sesión ordinaria",
    });
    const approved = await approveMinutes(t.context, first.id, { resolutionId: approving.id });
    expect(approved.minutesApprovedByResolutionId).toBe(approving.id);

    const inFirst = await adoptResolution(t.context, { sessionId: first.id, title: "Orden del día" });
    await expect(approveMinutes(t.context, later.id, { resolutionId: inFirst.id })).rejects.toMatchObject({
      code: "inconsistent_reference",
    });
    await expect(approveMinutes(t.context, first.id, { resolutionId: inFirst.id })).rejects.toMatchObject({
      code: "inconsistent_reference",
    });
    const inSameDay = await adoptResolution(t.context, { sessionId: sameDay.id, title: "Minuta" });
    await expect(approveMinutes(t.context, first.id, { resolutionId: inSameDay.id })).resolves.toMatchObject({
      minutesApprovedByResolutionId: inSameDay.id,
    });
    await expect(approveMinutes(t.context, sameDay.id, { resolutionId: inFirst.id })).rejects.toMatchObject({
      code: "inconsistent_reference",
    });

    const otherCommission = await buildCommission(t.context);
    const elsewhere = await buildSession(t.context, otherCommission.id, { date: "2021-03-01" });
    const foreign = await adoptResolution(t.context, { sessionId: elsewhere.id, title: "Otro acuerdo" });
    const error = await approveMinutes(t.context, first.id, { resolutionId: foreign.id }).catch((e) => e);
    expect(error).toMatchObject({ code: "inconsistent_reference" });
    expect(error.publicMessage).toMatch(/otra comisión/);
    expect((await sessionResource.get(t.context, first.id)).minutesApprovedByResolutionId).toBe(inSameDay.id);

    const cleared = await withdrawMinutesApproval(t.context, first.id);
    expect(cleared.minutesApprovedByResolutionId).toBeNull();
  });

  it("refuses to delete a session, or remove an agenda item, a resolution was adopted in", async () => {
    const commission = await buildCommission(t.context);
    const session = await buildSession(t.context, commission.id);
    const item = await addAgendaItem(t.context, session.id, { kind: "resolution", title: "Acuerdo" });
    await adoptResolution(t.context, { sessionId: session.id, agendaItemId: item.id, title: "Acuerdo" });
    await expect(removeAgendaItem(t.context, session.id, item.id)).rejects.toMatchObject({ code: "in_use" });
    await expect(sessionResource.remove(t.context, session.id)).rejects.toMatchObject({ code: "in_use" });
    await expect(sessionResource.update(t.context, session.id, { date: "2022-01-20" })).rejects.toMatchObject(
      {
        code: "in_use",
      },
    );
    expect((await sessionResource.get(t.context, session.id)).year).toBe(2021);
  });
});
