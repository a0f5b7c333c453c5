import { eq } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { describeEachEngine } from "../../../tests/support/databases.ts";
import {
  buildActivity,
  buildAgreement,
  buildCommission,
  buildMembership,
  buildOrganisation,
  buildPerson,
  buildSession,
  writeDirectly,
} from "../../../tests/support/factories.ts";
import { attendance, auditLog, memberships } from "../../platform/db/schema.ts";
import { activityResource } from "../activities/activities.resources.ts";
import { agreementResource } from "../agreements/agreements.resources.ts";
import { organisationResource, personResource } from "./catalogs.resources.ts";
import { countReferences, mergeOrganisation, mergePerson } from "./merge-records.ts";

describeEachEngine("merging duplicate catalogue records", (t) => {
  let commissionId: string;
  beforeAll(async () => {
    commissionId = (await buildCommission(t.context)).id;
  });

  it("moves every reference of a duplicate organisation to the kept one, keeps its names as aliases, deletes it", async () => {
    const kept = await buildOrganisation(t.context, { name: "Instituto Nacional Electoral", acronym: "INE" });
    const duplicate = await buildOrganisation(t.context, {
      name: "Instituto Nacional Electoral (INE)",
      acronym: "I.N.E.",
      aliases: ["El Instituto Nacional"],
    });
    const child = await buildOrganisation(t.context, { name: "Consejo General", parentId: duplicate.id });
    const agreement = await buildAgreement(t.context, commissionId, { counterpartIds: [duplicate.id] });
    const activity = await buildActivity(t.context, commissionId, {
      counterpartIds: [duplicate.id],
      followedBodyId: duplicate.id,
    });

    const preview = await mergeOrganisation(t.context, duplicate.id, { into: kept.id, dryRun: true });
    expect(preview.dryRun).toBe(true);
    expect(Object.fromEntries(preview.references.map((r) => [`${r.table}.${r.column}`, r.count]))).toEqual({
      "organisations.parent_id": 1,
      "agreement_counterparts.organisation_id": 1,
      "activities.followed_body_id": 1,
      "activity_counterparts.organisation_id": 1,
    });
    await organisationResource.get(t.context, duplicate.id);

    const result = await mergeOrganisation(t.context, duplicate.id, { into: kept.id });
    expect(result.kept.aliases).toEqual([
      "Instituto Nacional Electoral (INE)",
      "El Instituto Nacional",
      "I.N.E.",
    ]);
    await expect(organisationResource.get(t.context, duplicate.id)).rejects.toMatchObject({
      code: "not_found",
    });
    expect(await countReferences(t.context.db, "organisation", duplicate.id)).toBe(0);
    expect((await agreementResource.get(t.context, agreement.id)).counterpartIds).toEqual([kept.id]);
    const moved = await activityResource.get(t.context, activity.id);
    expect(moved.counterpartIds).toEqual([kept.id]);
    expect(moved.followedBodyId).toBe(kept.id);
    expect((await organisationResource.get(t.context, child.id)).parentId).toBe(kept.id);

    const trail = await t.context.db.select().from(auditLog).where(eq(auditLog.recordId, duplicate.id));
    expect(trail.map((entry) => entry.operation)).toContain("delete");
  });

  it("moves a duplicate person's memberships, attendance and participations", async () => {
    const kept = await buildPerson(t.context, { name: "Erika Estrada Ruiz" });
    const duplicate = await buildPerson(t.context, { name: "Érika Estrada Ruíz", aliases: ["E. Estrada"] });
    const membership = await buildMembership(t.context, commissionId, { personId: duplicate.id });
    const session = await buildSession(t.context, commissionId);
    await writeDirectly(t.context, (tx) =>
      tx.insert(attendance).values({
        sessionId: session.id,
        category: "member",
        personId: duplicate.id,
        isPresent: true,
      }),
    );
    const activity = await buildActivity(t.context, commissionId, {
      participants: [{ personId: duplicate.id, role: "ponente" }],
    });

    const result = await mergePerson(t.context, duplicate.id, { into: kept.id });
    expect(result.kept.aliases).toEqual(["Érika Estrada Ruíz", "E. Estrada"]);
    expect(result.references.reduce((sum, r) => sum + r.count, 0)).toBe(3);
    await expect(personResource.get(t.context, duplicate.id)).rejects.toMatchObject({ code: "not_found" });
    const [movedMembership] = await t.context.db
      .select()
      .from(memberships)
      .where(eq(memberships.id, membership.id));
    expect(movedMembership?.personId).toBe(kept.id);
    const rows = await t.context.db.select().from(attendance).where(eq(attendance.sessionId, session.id));
    expect(rows.map((row) => row.personId)).toEqual([kept.id]);
    expect((await activityResource.get(t.context, activity.id)).participants).toEqual([
      { personId: kept.id, role: "ponente" },
    ]);
  });

  it("refuses a merge into itself, into an unknown record, or one that would repeat a unique value, changing nothing", async () => {
    const kept = await buildPerson(t.context, { name: "Mario Velázquez Miranda" });
    const duplicate = await buildPerson(t.context, { name: "Mario Velazquez Miranda" });
    await expect(mergePerson(t.context, duplicate.id, { into: duplicate.id })).rejects.toMatchObject({
      code: "conflict",
    });
    await expect(
      mergePerson(t.context, duplicate.id, { into: "00000000-0000-4000-8000-000000000000" }),
    ).rejects.toMatchObject({ code: "reference_not_found" });
    await expect(
      mergePerson(t.context, "00000000-0000-4000-8000-000000000000", { into: kept.id }),
    ).rejects.toMatchObject({ code: "not_found" });
    await expect(mergePerson(t.context, duplicate.id, {})).rejects.toMatchObject({
      code: "validation_failed",
    });

    // Both in the same session's attendance: moving the duplicate's row would repeat the participant.
    const session = await buildSession(t.context, commissionId);
    await writeDirectly(t.context, (tx) =>
      tx.insert(attendance).values([
        { sessionId: session.id, category: "member", personId: kept.id, isPresent: true },
        { sessionId: session.id, category: "member", personId: duplicate.id, isPresent: false },
      ]),
    );
    const error = await mergePerson(t.context, duplicate.id, { into: kept.id }).catch((e) => e);
    expect(error).toMatchObject({ code: "conflict" });
    expect(error.publicMessage).toMatch(/asistencia de una sesión.*no se cambió nada/);
    expect((await personResource.get(t.context, duplicate.id)).name).toBe("Mario Velazquez Miranda");
    expect((await personResource.get(t.context, kept.id)).aliases).toEqual([]);
    const rows = await t.context.db.select().from(attendance).where(eq(attendance.sessionId, session.id));
    expect(rows.map((row) => row.personId).sort()).toEqual([kept.id, duplicate.id].sort());

    const organisation = await buildOrganisation(t.context);
    const twin = await buildOrganisation(t.context);
    await buildAgreement(t.context, commissionId, { counterpartIds: [organisation.id, twin.id] });
    await expect(mergeOrganisation(t.context, twin.id, { into: organisation.id })).rejects.toMatchObject({
      code: "conflict",
    });
    await organisationResource.get(t.context, twin.id);
  });
});
