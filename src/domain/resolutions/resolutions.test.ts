import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { describeEachEngine } from "../../../tests/support/databases.ts";
import {
  buildCommission,
  buildMembership,
  buildPerson,
  buildSession,
  ensureInstitution,
  writeDirectly,
} from "../../../tests/support/factories.ts";
import { queryRows } from "../../platform/db/open.ts";
import { numberingScope } from "../numbering/numbering.ts";
import { addAgendaItem } from "../sessions/add-agenda-item.ts";
import { AppError } from "../shared/errors.ts";
import { adoptResolution } from "./adopt-resolution.ts";
import { getResolution, listResolutions } from "./resolutions.resources.ts";
import { updateResolution } from "./update-resolution.ts";
import { withdrawResolution } from "./withdraw-resolution.ts";

describeEachEngine("resolutions", (t) => {
  beforeAll(async () => {
    await ensureInstitution(t.context);
  });

  const lastSeq = async (commissionId: string, year: number) => {
    const rows = await queryRows<{ last_seq: number }>(
      t.context.db,
      sql`select last_seq from numbering_counters
          where scope = ${numberingScope.resolutions(commissionId)} and year = ${year}`,
    );
    return rows[0] ? Number(rows[0].last_seq) : undefined;
  };

  it("adopts resolutions numbered from the commission's pattern, per year, with their votes", async () => {
    const commission = await buildCommission(t.context, { acronym: "CVOE" });
    const chair = await buildMembership(t.context, commission.id, { role: "chair" });
    const member = await buildMembership(t.context, commission.id, { startDate: "2020-10-01" });
    const first = await buildSession(t.context, commission.id, { date: "2021-01-21" });
    const item = await addAgendaItem(t.context, first.id, {
      kind: "agenda_approval",
      title: "Orden del día",
    });

    const agenda = await adoptResolution(t.context, {
      sessionId: first.id,
      agendaItemId: item.id,
      title: "Aprobación del orden del día de la primera sesión ordinaria",
      votes: [
        { personId: chair.personId, vote: "yes" },
        { personId: member.personId, vote: "abstain" },
      ],
    });
    expect(agenda).toMatchObject({
      number: "CVOE/001/21",
      year: 2021,
      seq: 1,
      commissionId: commission.id,
      sessionId: first.id,
      agendaItemId: item.id,
      outcome: "adopted",
      text: null,
    });
    expect(agenda.votes).toHaveLength(2);
    expect(agenda.votes).toContainEqual({ personId: member.personId, vote: "abstain" });

    const second = await adoptResolution(t.context, {
      sessionId: first.id,
      title: "Aprobación de la minuta",
    });
    expect(second.number).toBe("CVOE/002/21");
    const nextYear = await buildSession(t.context, commission.id, { date: "2022-01-27" });
    expect(
      (await adoptResolution(t.context, { sessionId: nextYear.id, title: "Orden del día" })).number,
    ).toBe("CVOE/001/22");

    const covin = await buildCommission(t.context, {
      acronym: "COVIN",
      resolutionNumberPattern: "IECM/{acronym}/{seq:2}/{yyyy}",
    });
    const covinSession = await buildSession(t.context, covin.id, { date: "2025-01-30" });
    expect(
      (await adoptResolution(t.context, { sessionId: covinSession.id, title: "Orden del día" })).number,
    ).toBe("IECM/COVIN/01/2025");

    const page = await listResolutions(t.context, { commissionId: commission.id, year: "2021" });
    expect(page.items.map((r) => r.number)).toEqual(["CVOE/001/21", "CVOE/002/21"]);
    const bySession = await listResolutions(t.context, { sessionId: nextYear.id });
    expect(bySession.items.map((r) => r.number)).toEqual(["CVOE/001/22"]);
    expect(await getResolution(t.context, agenda.id)).toEqual(agenda);
  });

  it("refuses an agenda item of another session, a non-member vote and a cancelled session, numbering nothing", async () => {
    const commission = await buildCommission(t.context);
    const session = await buildSession(t.context, commission.id, { date: "2021-02-25" });
    const other = await buildSession(t.context, commission.id, { date: "2021-03-25" });
    const foreignItem = await addAgendaItem(t.context, other.id, { kind: "report", title: "Informe" });
    const outsider = await buildPerson(t.context);
    const former = await buildMembership(t.context, commission.id, { endDate: "2020-12-31" });
    const party = await buildMembership(t.context, commission.id, { role: "guest", hasVotingRight: false });
    const cancelled = await buildSession(t.context, commission.id, {
      date: "2021-04-01",
      status: "cancelled",
    });

    const failures = [
      [{ sessionId: session.id, agendaItemId: foreignItem.id, title: "X" }, "inconsistent_reference"],
      [
        { sessionId: session.id, title: "X", votes: [{ personId: outsider.id, vote: "yes" }] },
        "inconsistent_reference",
      ],
      [
        { sessionId: session.id, title: "X", votes: [{ personId: former.personId, vote: "yes" }] },
        "inconsistent_reference",
      ],
      [
        { sessionId: session.id, title: "X", votes: [{ personId: party.personId, vote: "no" }] },
        "inconsistent_reference",
      ],
      [{ sessionId: cancelled.id, title: "X" }, "inconsistent_reference"],
      [{ sessionId: randomUUID(), title: "X" }, "not_found"],
      [{ sessionId: session.id, title: "" }, "validation_failed"],
    ] as const;
    for (const [input, code] of failures) {
      const error = await adoptResolution(t.context, input).catch((e) => e);
      expect(error, JSON.stringify(input)).toBeInstanceOf(AppError);
      expect(error.code).toBe(code);
    }
    const duplicateVoter = await buildMembership(t.context, commission.id);
    const duplicated = await adoptResolution(t.context, {
      sessionId: session.id,
      title: "X",
      votes: [
        { personId: duplicateVoter.personId, vote: "yes" },
        { personId: duplicateVoter.personId, vote: "no" },
      ],
    }).catch((e) => e);
    expect(duplicated.details).toEqual([expect.objectContaining({ path: "votes[1].personId" })]);

    expect((await listResolutions(t.context, { commissionId: commission.id })).total).toBe(0);
    expect(await lastSeq(commission.id, 2021)).toBeUndefined();
    expect((await adoptResolution(t.context, { sessionId: session.id, title: "Primero" })).number).toBe(
      "CVOE/001/21",
    );
  });

  it("gives 50 concurrent adoptions 50 distinct consecutive numbers", async () => {
    const commission = await buildCommission(t.context);
    const session = await buildSession(t.context, commission.id, { date: "2021-06-24" });
    const adopted = await Promise.all(
      Array.from({ length: 50 }, (_, index) =>
        adoptResolution(t.context, { sessionId: session.id, title: `Acuerdo ${index + 1}` }),
      ),
    );
    const expected = Array.from(
      { length: 50 },
      (_, index) => `CVOE/${String(index + 1).padStart(3, "0")}/21`,
    );
    expect(adopted.map((r) => r.number).sort()).toEqual(expected);
    expect(new Set(adopted.map((r) => r.id)).size).toBe(50);
    const stored = await listResolutions(t.context, { commissionId: commission.id, year: 2021, limit: 100 });
    expect(stored.items.map((r) => r.seq)).toEqual(Array.from({ length: 50 }, (_, index) => index + 1));
    expect(await lastSeq(commission.id, 2021)).toBe(50);
  });

  it("corrects title, text, agenda item and votes, never the number", async () => {
    const commission = await buildCommission(t.context);
    const member = await buildMembership(t.context, commission.id);
    const session = await buildSession(t.context, commission.id);
    const item = await addAgendaItem(t.context, session.id, { kind: "resolution", title: "Informe" });
    const resolution = await adoptResolution(t.context, {
      sessionId: session.id,
      title: "Aprobación del informe",
      votes: [{ personId: member.personId, vote: "no" }],
    });
    const updated = await updateResolution(t.context, resolution.id, {
      title: "Aprobación del cuarto informe trimestral",
      text: "Se aprueba el informe.",
      agendaItemId: item.id,
      votes: [{ personId: member.personId, vote: "yes" }],
      number: "CVOE/099/21",
    });
    expect(updated).toMatchObject({
      number: resolution.number,
      seq: resolution.seq,
      title: "Aprobación del cuarto informe trimestral",
      text: "Se aprueba el informe.",
      agendaItemId: item.id,
      votes: [{ personId: member.personId, vote: "yes" }],
    });
    const outsider = await buildPerson(t.context);
    await expect(
      updateResolution(t.context, resolution.id, {
        title: "Otro",
        votes: [{ personId: outsider.id, vote: "yes" }],
      }),
    ).rejects.toMatchObject({ code: "inconsistent_reference" });
    expect(await getResolution(t.context, resolution.id)).toEqual(updated);
    const cleared = await updateResolution(t.context, resolution.id, {
      text: null,
      agendaItemId: null,
      votes: [],
    });
    expect(cleared).toMatchObject({ text: null, agendaItemId: null, votes: [] });
  });

  it("withdraws only the last number of the year, and the next adoption takes it again", async () => {
    const commission = await buildCommission(t.context);
    const session = await buildSession(t.context, commission.id, { date: "2021-01-21" });
    const first = await adoptResolution(t.context, { sessionId: session.id, title: "Primero" });
    const second = await adoptResolution(t.context, { sessionId: session.id, title: "Segundo" });

    const error = await withdrawResolution(t.context, first.id).catch((e) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error.code).toBe("resolution_not_last");
    expect(error.publicMessage).toMatch(/CVOE\/002\/21/);
    expect((await getResolution(t.context, first.id)).number).toBe("CVOE/001/21");

    await withdrawResolution(t.context, second.id);
    await expect(getResolution(t.context, second.id)).rejects.toMatchObject({ code: "not_found" });
    expect(await lastSeq(commission.id, 2021)).toBe(1);
    const again = await adoptResolution(t.context, { sessionId: session.id, title: "Segundo, de nuevo" });
    expect(again.number).toBe("CVOE/002/21");
  });

  it("reports a number already taken by a historical record with its own code", async () => {
    const commission = await buildCommission(t.context);
    const session = await buildSession(t.context, commission.id, { date: "2021-01-21" });
    await writeDirectly(t.context, (tx) =>
      tx.execute(
        sql`insert into resolutions (commission_id, number, year, seq, session_id, title)
            values (${commission.id}, 'CVOE/001/21', 2021, 1, ${session.id}, 'Importado')`,
      ),
    );
    await expect(adoptResolution(t.context, { sessionId: session.id, title: "Nuevo" })).rejects.toMatchObject(
      {
        code: "number_taken",
      },
    );
    expect(await lastSeq(commission.id, 2021)).toBeUndefined();
  });
});
