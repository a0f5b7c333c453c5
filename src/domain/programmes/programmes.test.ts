import { beforeAll, expect, it } from "vitest";
import { describeEachEngine } from "../../../tests/support/databases.ts";
import {
  buildArea,
  buildCommission,
  ensureInstitution,
  uniqueKey,
  writeDirectly,
} from "../../../tests/support/factories.ts";
import { activities } from "../../platform/db/schema.ts";
import { catalogEntryResource } from "../catalogs/catalogs.resources.ts";
import { AppError } from "../shared/errors.ts";
import { workProgrammeResource } from "./programmes.resources.ts";
import { recordJustification } from "./record-justification.ts";

/** The element at `index`, failing the test when there is none. */
function at<T>(list: readonly T[] | undefined, index: number): T {
  const item = list?.[index];
  if (item === undefined) throw new Error(`no element at ${index}`);
  return item;
}

describeEachEngine("work programmes", (t) => {
  let areaIds: string[] = [];

  beforeAll(async () => {
    await ensureInstitution(t.context);
    areaIds = [(await buildArea(t.context)).id, (await buildArea(t.context)).id];
  });

  const programmeInput = (commissionId: string, year = 2021) => ({
    commissionId,
    year,
    title: `Programa Anual de Trabajo ${year}`,
    approvedBy: "CVOE/003/21",
    lines: [
      {
        number: 2,
        title: "Fortalecer la vinculación con organismos nacionales",
        actions: [{ letter: "A", title: "Dar seguimiento a convenios", quarters: [1, 2, 3, 4] }],
      },
      {
        number: 1,
        title: "Vinculación con organismos internacionales",
        justifications: [{ quarter: 4, text: "Sin actividades programadas en el cuarto trimestre." }],
        actions: [
          {
            letter: "B",
            title: "Participar en misiones de observación",
            quarters: [3, 2],
            areaIds: [areaIds[1], areaIds[0]],
            justifications: [
              { quarter: 1, text: "Las misiones están programadas para el tercer trimestre." },
            ],
          },
          { letter: "A", title: "Organizar foros internacionales", quarters: [1] },
        ],
      },
    ],
  });

  it("creates a programme with its tree and reads it back in order", async () => {
    const commission = await buildCommission(t.context);
    const created = await workProgrammeResource.create(t.context, programmeInput(commission.id));
    expect(created).toMatchObject({
      commissionId: commission.id,
      year: 2021,
      approvedBy: "CVOE/003/21",
      ratifiedBy: null,
    });
    expect(created.lines.map((l) => l.number)).toEqual([1, 2]);
    const [line1, line2] = created.lines;
    expect(line1?.justifications).toEqual([
      { id: expect.any(String), quarter: 4, text: "Sin actividades programadas en el cuarto trimestre." },
    ]);
    expect(line1?.actions.map((a) => a.letter)).toEqual(["A", "B"]);
    expect(line1?.actions[1]).toMatchObject({
      quarters: [2, 3],
      areaIds: [areaIds[1], areaIds[0]],
      justifications: [{ quarter: 1, text: "Las misiones están programadas para el tercer trimestre." }],
    });
    expect(line2?.actions[0]).toMatchObject({ letter: "A", areaIds: [], justifications: [] });
    expect(await workProgrammeResource.get(t.context, created.id)).toEqual(created);

    const page = await workProgrammeResource.list(t.context, { commissionId: commission.id, year: "2021" });
    expect(page.items.map((p) => p.id)).toEqual([created.id]);
    expect(
      (await workProgrammeResource.list(t.context, { commissionId: commission.id, year: 2022 })).total,
    ).toBe(0);
  });

  it("updates the tree keeping the ids of the lines and actions that stay", async () => {
    const commission = await buildCommission(t.context);
    const created = await workProgrammeResource.create(t.context, programmeInput(commission.id));
    const line1 = at(created.lines, 0);
    const actionA = at(line1.actions, 0);

    const untouched = await workProgrammeResource.update(t.context, created.id, {
      ratifiedBy: "CVOE/001/22",
    });
    expect(untouched.ratifiedBy).toBe("CVOE/001/22");
    expect(untouched.lines).toEqual(created.lines);

    const updated = await workProgrammeResource.update(t.context, created.id, {
      lines: [
        {
          number: 1,
          title: "Vinculación internacional",
          actions: [
            { letter: "A", title: "Organizar foros", quarters: [2], areaIds: [areaIds[0]] },
            { letter: "C", title: "Nueva acción", quarters: [4] },
          ],
        },
      ],
    });
    expect(updated.lines).toHaveLength(1);
    const line = at(updated.lines, 0);
    expect(line).toMatchObject({ id: line1.id, title: "Vinculación internacional", justifications: [] });
    expect(line.actions.map((a) => [a.letter, a.title])).toEqual([
      ["A", "Organizar foros"],
      ["C", "Nueva acción"],
    ]);
    expect(line.actions[0]).toMatchObject({ id: actionA.id, quarters: [2], areaIds: [areaIds[0]] });

    await workProgrammeResource.remove(t.context, created.id);
    await expect(workProgrammeResource.get(t.context, created.id)).rejects.toMatchObject({
      code: "not_found",
    });
  });

  it("rejects repeated letters, numbers and quarters with their paths, storing nothing", async () => {
    const commission = await buildCommission(t.context);
    const input = programmeInput(commission.id);
    at(at(input.lines, 1).actions, 1).letter = "B";
    at(input.lines, 0).number = 1;
    at(at(input.lines, 0).actions, 0).quarters = [1, 1];
    const error = await workProgrammeResource.create(t.context, input).catch((e) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error.code).toBe("validation_failed");
    expect(error.details.map((d: { path: string }) => d.path).sort()).toEqual([
      "lines[0].actions[0].quarters[1]",
      "lines[1].actions[1].letter",
      "lines[1].number",
    ]);
    expect((await workProgrammeResource.list(t.context, { commissionId: commission.id })).total).toBe(0);
  });

  it("refuses to drop an action that activities refer to, leaving the tree unchanged", async () => {
    const commission = await buildCommission(t.context);
    const programme = await workProgrammeResource.create(t.context, programmeInput(commission.id));
    const action = at(at(programme.lines, 0).actions, 0);
    const kind = await catalogEntryResource.create(t.context, {
      catalog: "activity_kind",
      key: uniqueKey("foro"),
      name: "Foro",
    });
    await writeDirectly(t.context, (tx) =>
      tx.insert(activities).values({
        commissionId: commission.id,
        key: uniqueKey("actividad"),
        actionId: action.id,
        kindId: kind.id,
        title: "Foro internacional",
        startDate: "2021-03-10",
        endDate: "2021-03-10",
      }),
    );
    const error = await workProgrammeResource
      .update(t.context, programme.id, { title: "Cambiado", lines: [] })
      .catch((e) => e);
    expect(error).toMatchObject({ code: "in_use" });
    expect(await workProgrammeResource.get(t.context, programme.id)).toEqual(programme);
    await expect(workProgrammeResource.remove(t.context, programme.id)).rejects.toMatchObject({
      code: "in_use",
    });
  });

  it("allows one programme per commission and year", async () => {
    const commission = await buildCommission(t.context);
    await workProgrammeResource.create(t.context, programmeInput(commission.id));
    await expect(
      workProgrammeResource.create(t.context, programmeInput(commission.id)),
    ).rejects.toMatchObject({
      code: "conflict",
    });
  });

  it("sets and replaces the justification of a line or an action for a quarter", async () => {
    const commission = await buildCommission(t.context);
    const programme = await workProgrammeResource.create(t.context, programmeInput(commission.id));
    const line = at(programme.lines, 0);
    const action = at(line.actions, 0);

    const first = await recordJustification(t.context, programme.id, {
      actionId: action.id,
      quarter: 2,
      text: "Programada para el tercer trimestre.",
    });
    expect(first).toMatchObject({ lineId: line.id, actionId: action.id, quarter: 2 });
    const replaced = await recordJustification(t.context, programme.id, {
      actionId: action.id,
      quarter: 2,
      text: "Se reprogramó para el cuarto trimestre.",
    });
    expect(replaced).toMatchObject({ id: first.id, text: "Se reprogramó para el cuarto trimestre." });
    const forLine = await recordJustification(t.context, programme.id, {
      lineId: line.id,
      quarter: 4,
      text: "Ninguna acción de la línea tiene actividades en el cuarto trimestre.",
    });
    expect(forLine).toMatchObject({ actionId: null, quarter: 4 });

    const stored = await workProgrammeResource.get(t.context, programme.id);
    expect(stored.lines[0]?.justifications.map((j) => j.text)).toEqual([
      "Ninguna acción de la línea tiene actividades en el cuarto trimestre.",
    ]);
    expect(stored.lines[0]?.actions[0]?.justifications).toEqual([
      { id: first.id, quarter: 2, text: "Se reprogramó para el cuarto trimestre." },
    ]);

    const other = await workProgrammeResource.create(t.context, programmeInput(commission.id, 2022));
    await expect(
      recordJustification(t.context, other.id, { actionId: action.id, quarter: 1, text: "x" }),
    ).rejects.toMatchObject({ code: "inconsistent_reference" });
    await expect(
      recordJustification(t.context, programme.id, {
        lineId: line.id,
        actionId: line.actions[1]?.id,
        quarter: 1,
        text: "x",
      }),
    ).resolves.toMatchObject({ actionId: line.actions[1]?.id });
    const otherLine = at(programme.lines, 1);
    await expect(
      recordJustification(t.context, programme.id, {
        lineId: otherLine.id,
        actionId: action.id,
        quarter: 1,
        text: "x",
      }),
    ).rejects.toMatchObject({ code: "inconsistent_reference" });
    const missingTarget = await recordJustification(t.context, programme.id, { quarter: 5, text: "" }).catch(
      (e) => e,
    );
    expect(missingTarget.code).toBe("validation_failed");
    expect(missingTarget.details.map((d: { path: string }) => d.path).sort()).toEqual([
      "lineId",
      "quarter",
      "text",
    ]);
  });
});
