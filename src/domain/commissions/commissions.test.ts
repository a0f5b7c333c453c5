import { beforeAll, expect, it } from "vitest";
import { describeEachEngine } from "../../../tests/support/databases.ts";
import {
  buildArea,
  buildCommission,
  buildMembership,
  buildParty,
  buildPerson,
  buildSession,
  ensureInstitution,
  uniqueKey,
} from "../../../tests/support/factories.ts";
import { AppError } from "../shared/errors.ts";
import { commissionResource, membershipResource } from "./commissions.resources.ts";

describeEachEngine("commissions and memberships", (t) => {
  beforeAll(async () => {
    await ensureInstitution(t.context);
  });

  it("creates, reads, updates, lists and deletes a commission", async () => {
    const area = await buildArea(t.context);
    const key = uniqueKey("covin");
    const created = await commissionResource.create(t.context, {
      key,
      name: "Comisión de Vinculación",
      acronym: "COVIN",
      kind: "permanent",
      validFrom: "2025-01-01",
      technicalAreaId: area.id,
      resolutionNumberPattern: "{acronym}/{seq:3}/{yy}",
      opinionNumberPattern: "IECM/UTVOE/OP/{seq:2}/{yyyy}",
    });
    expect(created).toMatchObject({
      key,
      acronym: "COVIN",
      validFrom: "2025-01-01",
      validTo: null,
      technicalAreaId: area.id,
    });
    expect(created.institutionId).toMatch(/^[0-9a-f-]{36}$/);

    const updated = await commissionResource.update(t.context, created.id, {
      validTo: "2025-12-31",
      technicalAreaId: null,
    });
    expect(updated).toMatchObject({ validTo: "2025-12-31", technicalAreaId: null, acronym: "COVIN" });
    expect((await commissionResource.get(t.context, created.id)).validTo).toBe("2025-12-31");

    const inForce = await commissionResource.list(t.context, { activeOn: "2025-06-01", limit: 500 });
    expect(inForce.items.map((c) => c.id)).toContain(created.id);
    const later = await commissionResource.list(t.context, { activeOn: "2026-01-01", limit: 500 });
    expect(later.items.map((c) => c.id)).not.toContain(created.id);
    const found = await commissionResource.list(t.context, {
      q: "vinculacion",
      kind: "permanent",
      limit: 500,
    });
    expect(found.items.map((c) => c.id)).toContain(created.id);

    await commissionResource.remove(t.context, created.id);
    await expect(commissionResource.get(t.context, created.id)).rejects.toMatchObject({ code: "not_found" });
  });

  it("rejects a numbering pattern without {seq} and an inverted validity, storing nothing", async () => {
    const before = await commissionResource.list(t.context, { limit: 500 });
    const error = await commissionResource
      .create(t.context, {
        key: uniqueKey("mal"),
        name: "Comisión",
        acronym: "CX",
        kind: "provisional",
        resolutionNumberPattern: "{acronym}/{yy}",
      })
      .catch((e) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error.code).toBe("validation_failed");
    expect(error.details).toEqual([
      expect.objectContaining({ path: "resolutionNumberPattern", message: expect.stringMatching(/patrón/) }),
    ]);

    const inverted = await commissionResource
      .create(t.context, {
        key: uniqueKey("mal"),
        name: "Comisión",
        acronym: "CX",
        kind: "provisional",
        validFrom: "2021-06-01",
        validTo: "2021-01-01",
        resolutionNumberPattern: "{acronym}/{seq:3}/{yy}",
      })
      .catch((e) => e);
    expect(inverted).toMatchObject({ code: "validation_failed" });
    expect(inverted.details[0].path).toBe("validTo");
    expect((await commissionResource.list(t.context, { limit: 500 })).total).toBe(before.total);

    const commission = await buildCommission(t.context, { validFrom: "2021-01-01" });
    await expect(
      commissionResource.update(t.context, commission.id, { validTo: "2020-12-31" }),
    ).rejects.toMatchObject({ code: "validation_failed" });
    expect((await commissionResource.get(t.context, commission.id)).validTo).toBeNull();
  });

  it("refuses to delete a commission that has sessions, but takes its memberships along otherwise", async () => {
    const busy = await buildCommission(t.context);
    await buildSession(t.context, busy.id);
    await expect(commissionResource.remove(t.context, busy.id)).rejects.toMatchObject({ code: "in_use" });

    const idle = await buildCommission(t.context);
    const membership = await buildMembership(t.context, idle.id);
    await commissionResource.remove(t.context, idle.id);
    await expect(membershipResource.get(t.context, membership.id)).rejects.toMatchObject({
      code: "not_found",
    });
  });

  it("records the integration of a commission over time and filters it", async () => {
    const commission = await buildCommission(t.context);
    const chair = await buildMembership(t.context, commission.id, {
      role: "chair",
      startDate: "2020-10-01",
      designatedBy: "IECM/ACU-CG-075/2020",
    });
    const former = await buildMembership(t.context, commission.id, {
      startDate: "2019-01-01",
      endDate: "2020-09-30",
    });
    const secretary = await buildMembership(t.context, commission.id, {
      role: "technical_secretary",
      hasVotingRight: false,
    });
    const party = await buildParty(t.context);
    const representative = await membershipResource.create(t.context, {
      commissionId: commission.id,
      role: "party_representative",
      hasVotingRight: false,
      onBehalfOfPartyId: party.id,
    });
    expect(representative).toMatchObject({
      personId: null,
      onBehalfOfPartyId: party.id,
      hasVotingRight: false,
    });

    const active = await membershipResource.list(t.context, {
      commissionId: commission.id,
      activeOn: "2021-01-21",
      limit: 50,
    });
    expect(active.items.map((m) => m.id).sort()).toEqual([chair.id, secretary.id, representative.id].sort());
    const chairs = await membershipResource.list(t.context, { commissionId: commission.id, role: "chair" });
    expect(chairs.items.map((m) => m.id)).toEqual([chair.id]);
    const history = await membershipResource.list(t.context, {
      commissionId: commission.id,
      activeOn: "2020-01-15",
    });
    expect(history.items.map((m) => m.id).sort()).toEqual(
      [former.id, secretary.id, representative.id].sort(),
    );

    const ended = await membershipResource.update(t.context, chair.id, { endDate: "2024-09-30" });
    expect(ended).toMatchObject({ endDate: "2024-09-30", role: "chair" });
    const reopened = await membershipResource.update(t.context, chair.id, { endDate: null });
    expect(reopened.endDate).toBeNull();
    await membershipResource.remove(t.context, former.id);
    await expect(membershipResource.get(t.context, former.id)).rejects.toMatchObject({ code: "not_found" });
  });

  it("applies the rules of each role and stores nothing when they fail", async () => {
    const commission = await buildCommission(t.context);
    const person = await buildPerson(t.context);
    const party = await buildParty(t.context);
    const count = async () =>
      (await membershipResource.list(t.context, { commissionId: commission.id })).total;
    const failures = [
      [{ role: "party_representative", hasVotingRight: false }, "onBehalfOfPartyId"],
      [{ role: "party_representative", hasVotingRight: true, onBehalfOfPartyId: party.id }, "hasVotingRight"],
      [{ role: "member", hasVotingRight: true, onBehalfOfPartyId: party.id }, "personId"],
      [{ role: "guest", hasVotingRight: false }, "personId"],
      [
        {
          role: "member",
          hasVotingRight: true,
          personId: person.id,
          startDate: "2021-02-01",
          endDate: "2021-01-01",
        },
        "endDate",
      ],
    ] as const;
    for (const [input, path] of failures) {
      const error = await membershipResource
        .create(t.context, { commissionId: commission.id, ...input })
        .catch((e) => e);
      expect(error, path).toMatchObject({ code: "validation_failed" });
      expect(error.details.map((d: { path: string }) => d.path)).toContain(path);
    }
    const missing = await membershipResource
      .create(t.context, {
        commissionId: commission.id,
        role: "member",
        hasVotingRight: true,
        personId: crypto.randomUUID(),
      })
      .catch((e) => e);
    expect(missing).toMatchObject({ code: "reference_not_found" });
    expect(await count()).toBe(0);

    const member = await buildMembership(t.context, commission.id, { personId: person.id });
    await expect(membershipResource.update(t.context, member.id, { personId: null })).rejects.toMatchObject({
      code: "validation_failed",
    });
    expect((await membershipResource.get(t.context, member.id)).personId).toBe(person.id);
  });
});
