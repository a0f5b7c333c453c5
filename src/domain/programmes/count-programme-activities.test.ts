import { expect, it } from "vitest";
import { describeEachEngine } from "../../../tests/support/databases.ts";
import { buildActivity, buildArea, buildCommission } from "../../../tests/support/factories.ts";
import { activityResource } from "../activities/activities.resources.ts";
import { countProgrammeActivities } from "./count-programme-activities.ts";
import { workProgrammeResource } from "./programmes.resources.ts";

describeEachEngine("activities per action and quarter", (t) => {
  it("counts held activities in every quarter their days touch, and filters the list by line and by responsible area", async () => {
    const commissionId = (await buildCommission(t.context)).id;
    const area = await buildArea(t.context);
    const programme = await workProgrammeResource.create(t.context, {
      commissionId,
      year: 2021,
      title: "Programa 2021",
      lines: [
        {
          number: 1,
          title: "Uno",
          actions: [{ letter: "A", title: "Acción 1A", quarters: [1], areaIds: [area.id] }],
        },
        { number: 2, title: "Dos", actions: [{ letter: "B", title: "Acción 2B", quarters: [1, 2] }] },
      ],
    });
    const [a1, a2] = programme.lines.map((line) => line.actions[0]?.id as string);
    await buildActivity(t.context, commissionId, { actionId: a1, dates: ["2021-02-01"] });
    await buildActivity(t.context, commissionId, { actionId: a1, dates: ["2021-03-01"] });
    await buildActivity(t.context, commissionId, {
      actionId: a2,
      span: { from: "2021-03-20", to: "2021-04-10" },
      dates: [],
    });
    await buildActivity(t.context, commissionId, {
      actionId: a2,
      dates: ["2021-05-01"],
      status: "cancelled",
      statusReason: "Suspendida",
    });
    await buildActivity(t.context, commissionId, { actionId: a2, dates: ["2022-01-10"] });

    const counts = await countProgrammeActivities(t.context, programme.id);
    expect(counts.items).toEqual(
      expect.arrayContaining([
        { actionId: a1, quarter: 1, held: 2 },
        { actionId: a2, quarter: 1, held: 1 },
        { actionId: a2, quarter: 2, held: 1 },
      ]),
    );
    expect(counts.items).toHaveLength(3);

    const line2 = programme.lines[1]?.id as string;
    const ofLine = await activityResource.list(t.context, { commissionId, lineId: line2 });
    expect(ofLine.total).toBe(3);
    expect(ofLine.items.every((activity) => activity.actionId === a2)).toBe(true);
    const ofArea = await activityResource.list(t.context, { commissionId, areaId: area.id });
    expect(ofArea.items.map((activity) => activity.actionId)).toEqual([a1, a1]);
  });
});
