import { beforeAll, expect, it } from "vitest";
import { describeEachEngine } from "../../../tests/support/databases.ts";
import {
  buildActivity,
  buildCatalogEntry,
  buildCommission,
  buildOrganisation,
  buildPerson,
  uniqueKey,
} from "../../../tests/support/factories.ts";
import { AppError } from "../shared/errors.ts";
import { activityResource } from "./activities.resources.ts";

describeEachEngine("activities", (t) => {
  let commissionId: string;
  let kindId: string;
  beforeAll(async () => {
    commissionId = (await buildCommission(t.context)).id;
    kindId = (await buildCatalogEntry(t.context, "activity_kind", { name: "Reunión de trabajo" })).id;
  });

  it("records an activity held on two dates, with counterparts and participants", async () => {
    const ine = await buildOrganisation(t.context, { name: "Instituto Nacional Electoral", acronym: "INE" });
    const unam = await buildOrganisation(t.context, { name: "Universidad Nacional Autónoma de México" });
    const speaker = await buildPerson(t.context);
    const moderator = await buildPerson(t.context, { name: "Mauricio Huesca Rodríguez" });
    const created = await activityResource.create(t.context, {
      commissionId,
      key: uniqueKey("taller"),
      kindId,
      title: "Taller de observación electoral",
      description: "Dos sesiones del taller con estudiantes de vinculación",
      dates: ["2021-02-18", "2021-02-11"],
      counterpartIds: [unam.id, ine.id],
      participants: [
        { personId: speaker.id, role: "ponente" },
        { personId: moderator.id, role: "moderador" },
      ],
      audience: "Estudiantes universitarios",
      quantity: 120,
    });
    expect(created).toMatchObject({
      dates: ["2021-02-11", "2021-02-18"],
      span: null,
      startDate: "2021-02-11",
      endDate: "2021-02-18",
      isContinuous: false,
      counterpartIds: [unam.id, ine.id],
      participants: [
        { personId: speaker.id, role: "ponente" },
        { personId: moderator.id, role: "moderador" },
      ],
      status: "held",
      statusReason: null,
      attachmentIds: [],
    });

    // A PATCH without lists keeps them; new dates move the first and last day.
    const retitled = await activityResource.update(t.context, created.id, { title: "Taller de observación" });
    expect(retitled.participants).toHaveLength(2);
    expect(retitled.dates).toEqual(["2021-02-11", "2021-02-18"]);
    const moved = await activityResource.update(t.context, created.id, {
      dates: ["2021-03-04"],
      participants: [{ personId: moderator.id }],
      quantity: null,
    });
    expect(moved).toMatchObject({
      dates: ["2021-03-04"],
      startDate: "2021-03-04",
      endDate: "2021-03-04",
      participants: [{ personId: moderator.id, role: null }],
      quantity: null,
    });

    expect(
      (await activityResource.list(t.context, { organisationId: ine.id })).items.map((a) => a.id),
    ).toEqual([created.id]);
    const found = await activityResource.list(t.context, { q: "observacion", commissionId });
    expect(found.items.map((a) => a.id)).toContain(created.id);
    await activityResource.remove(t.context, created.id);
    await expect(activityResource.get(t.context, created.id)).rejects.toMatchObject({ code: "not_found" });
  });

  it("records a continuous activity over a span and lists activities by their days", async () => {
    const cid = (await buildCommission(t.context)).id;
    const weekly = await buildActivity(t.context, cid, {
      kindId,
      title: "Compilación semanal de noticias",
      dates: undefined,
      span: { from: "2021-01-04", to: "2021-06-30" },
    });
    expect(weekly).toMatchObject({
      dates: [],
      span: { from: "2021-01-04", to: "2021-06-30" },
      startDate: "2021-01-04",
      endDate: "2021-06-30",
      isContinuous: true,
    });
    // Held in December and in April: it has no day in the first quarter, though its first and last day surround it.
    const aroundQuarter = await buildActivity(t.context, cid, {
      kindId,
      dates: ["2020-12-10", "2021-04-15"],
    });
    const inQuarter = await buildActivity(t.context, cid, { kindId, dates: ["2021-03-31"] });
    const cancelled = await buildActivity(t.context, cid, {
      kindId,
      dates: ["2021-02-01"],
      status: "cancelled",
      statusReason: "La contraparte suspendió el evento por la emergencia sanitaria.",
    });

    const quarter = await activityResource.list(t.context, {
      commissionId: cid,
      from: "2021-01-01",
      to: "2021-03-31",
    });
    expect(quarter.items.map((a) => a.id)).toEqual([weekly.id, cancelled.id, inQuarter.id]);
    const fromApril = await activityResource.list(t.context, { commissionId: cid, from: "2021-04-01" });
    expect(fromApril.items.map((a) => a.id).sort()).toEqual([weekly.id, aroundQuarter.id].sort());
    const untilDecember = await activityResource.list(t.context, { commissionId: cid, to: "2020-12-31" });
    expect(untilDecember.items.map((a) => a.id)).toEqual([aroundQuarter.id]);
    const notHeld = await activityResource.list(t.context, { commissionId: cid, status: "cancelled" });
    expect(notHeld.items.map((a) => a.id)).toEqual([cancelled.id]);
    const latestFirst = await activityResource.list(t.context, {
      commissionId: cid,
      sort: "startDate",
      order: "desc",
    });
    expect(latestFirst.items[0]?.id).toBe(inQuarter.id);

    // Switching from a span to dates stops being continuous.
    const discrete = await activityResource.update(t.context, weekly.id, {
      dates: ["2021-01-08", "2021-01-15"],
    });
    expect(discrete).toMatchObject({ isContinuous: false, span: null, endDate: "2021-01-15" });

    await expect(
      activityResource.list(t.context, { from: "2021-04-01", to: "2021-03-01" }),
    ).rejects.toMatchObject({ code: "validation_failed" });
  });

  it("refuses an activity without days, with both dates and span, or not held without a reason", async () => {
    const before = (await activityResource.list(t.context, { commissionId })).total;
    const base = { commissionId, key: uniqueKey("actividad"), kindId, title: "Reunión" };
    const paths = async (input: Record<string, unknown>) => {
      const error = await activityResource.create(t.context, input).catch((e) => e);
      expect(error).toBeInstanceOf(AppError);
      expect(error.code).toBe("validation_failed");
      return error.details.map((d: { path: string }) => d.path);
    };
    expect(await paths(base)).toEqual(["dates"]);
    expect(
      await paths({ ...base, dates: ["2021-01-05"], span: { from: "2021-01-01", to: "2021-01-31" } }),
    ).toEqual(["span"]);
    expect(await paths({ ...base, dates: ["2021-01-05", "2021-01-05"] })).toEqual(["dates[1]"]);
    expect(await paths({ ...base, span: { from: "2021-02-01", to: "2021-01-31" } })).toEqual(["span.to"]);
    expect(await paths({ ...base, dates: ["2021-02-29"] })).toEqual(["dates[0]"]);
    expect(await paths({ ...base, dates: ["2021-01-05"], status: "rescheduled" })).toEqual(["statusReason"]);

    const held = await buildActivity(t.context, commissionId, { kindId });
    const error = await activityResource.update(t.context, held.id, { status: "cancelled" }).catch((e) => e);
    expect(error.code).toBe("validation_failed");
    expect(error.details[0].path).toBe("statusReason");
    expect((await activityResource.get(t.context, held.id)).status).toBe("held");

    const agreementType = await buildCatalogEntry(t.context, "agreement_type");
    await expect(buildActivity(t.context, commissionId, { kindId: agreementType.id })).rejects.toMatchObject({
      code: "reference_not_found",
    });
    await expect(
      buildActivity(t.context, commissionId, {
        kindId,
        counterpartIds: ["00000000-0000-4000-8000-000000000000"],
      }),
    ).rejects.toMatchObject({ code: "reference_not_found" });
    expect((await activityResource.list(t.context, { commissionId })).total).toBe(before + 1);
  });
});
