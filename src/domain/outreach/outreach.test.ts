import { eq } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { describeEachEngine } from "../../../tests/support/databases.ts";
import { buildCommission, uniqueKey, writeDirectly } from "../../../tests/support/factories.ts";
import { accounts, contactListReads, contacts } from "../../platform/db/schema.ts";
import type { UseCaseContext } from "../shared/context.ts";
import { applyRetention } from "./apply-retention.ts";
import {
  addConsent,
  changeContactStatus,
  createContact,
  getContact,
  listContacts,
  rectifyContact,
} from "./contacts.ts";
import {
  createDataProtectionRequest,
  listDataProtectionRequests,
  resolveDataProtectionRequest,
} from "./data-protection-requests.ts";
import { exportPersonData } from "./export-person.ts";
import { createOutreachList, listContactListReads, listOutreachLists } from "./lists.ts";

describeEachEngine("outreach lists, contacts and data-protection duties", (t) => {
  let commissionId: string;
  let secretariat: UseCaseContext;
  let member: UseCaseContext;

  const newList = (overrides: Record<string, unknown> = {}) =>
    createOutreachList(t.context, {
      commissionId,
      key: uniqueKey("red"),
      name: "Red de Observación",
      purpose: "Convocar a la observación electoral",
      retentionMonths: 24,
      privacyNoticeVersion: "2021-01",
      ...overrides,
    });
  const consent = (givenOn = "2021-01-10") => ({ givenOn, source: "formulario web" });

  beforeAll(async () => {
    commissionId = (await buildCommission(t.context)).id;
    const [account] = await writeDirectly(t.context, (tx) =>
      tx
        .insert(accounts)
        .values({ username: uniqueKey("ana"), name: "Ana", passwordHash: "x" })
        .returning(),
    );
    const base = {
      kind: "account",
      id: account?.id as string,
      username: account?.username as string,
      name: "Ana",
    };
    secretariat = {
      db: t.context.db,
      actor: {
        ...base,
        kind: "account",
        isAdministrator: false,
        grants: [{ commissionId, role: "technical_secretariat", areaId: null }],
      },
    };
    member = {
      db: t.context.db,
      actor: {
        ...base,
        kind: "account",
        isAdministrator: false,
        grants: [{ commissionId, role: "commission_member", areaId: null }],
      },
    };
  });

  it("logs every read of a list's contacts by a person, with the filters used; refuses other roles", async () => {
    const list = await newList();
    await createContact(secretariat, list.id, {
      email: "uno@example.com",
      country: "us",
      consent: consent(),
    });
    await createContact(secretariat, list.id, {
      email: "dos@example.com",
      country: "CA",
      tags: ["2021"],
      consent: consent(),
    });
    const page = await listContacts(secretariat, list.id, { country: "US" });
    expect(page.items.map((c) => c.email)).toEqual(["uno@example.com"]);
    expect(page.items[0]).not.toHaveProperty("unsubscribeToken");
    const tagged = await listContacts(secretariat, list.id, { tag: "2021" });
    expect(tagged.items.map((c) => c.email)).toEqual(["dos@example.com"]);
    await getContact(secretariat, page.items[0]?.id as string);
    await listContacts(t.context, list.id, {}); // Vincula's own read (system): not a person's
    const reads = await t.context.db
      .select()
      .from(contactListReads)
      .where(eq(contactListReads.listId, list.id))
      .orderBy(contactListReads.at, contactListReads.purpose);
    expect(reads.map((r) => [r.actor, r.accountId, r.purpose, r.rowCount])).toEqual([
      [
        `account:${secretariat.actor.kind === "account" ? secretariat.actor.username : ""}`,
        secretariat.actor.kind === "account" ? secretariat.actor.id : "",
        "contacts",
        1,
      ],
      [expect.any(String), expect.any(String), "contacts", 1],
      [expect.any(String), expect.any(String), "contact", 1],
    ]);
    expect(reads[0]?.filters).toMatchObject({ country: "US", limit: 50, offset: 0 });
    const log = await listContactListReads(secretariat, list.id);
    expect(log.total).toBe(3);
    expect(log.items[0]?.purpose).toBe("contact");
    await expect(listContacts(member, list.id, {})).rejects.toMatchObject({ code: "forbidden" });
    await expect(listOutreachLists(member)).rejects.toMatchObject({ code: "forbidden" });
    // A refused read is not logged (nothing was read).
    expect((await listContactListReads(secretariat, list.id)).total).toBe(3);
    expect((await listOutreachLists(secretariat)).find((l) => l.id === list.id)).toMatchObject({
      contactCount: 2,
      subscribedCount: 2,
    });
  });

  it("changes status with its time, rectifies keeping addresses unique, and adds consents", async () => {
    const list = await newList();
    const ana = await createContact(secretariat, list.id, { email: "Ana@Example.com", consent: consent() });
    await createContact(secretariat, list.id, { email: "otra@example.com", consent: consent() });
    await expect(
      createContact(secretariat, list.id, { email: " ana@example.com", consent: consent() }),
    ).rejects.toMatchObject({ code: "conflict" });
    await expect(
      createContact(secretariat, list.id, {
        email: "sin@consentimiento.mx",
        consent: { givenOn: "2021-01-01", source: " " },
      }),
    ).rejects.toMatchObject({ code: "validation_failed" });
    const unsubscribed = await changeContactStatus(secretariat, ana.id, { status: "unsubscribed" });
    expect(unsubscribed.status).toBe("unsubscribed");
    expect(unsubscribed.statusChangedAt.getTime()).toBeGreaterThan(ana.statusChangedAt.getTime() - 1);
    await expect(rectifyContact(secretariat, ana.id, { email: "OTRA@example.com" })).rejects.toMatchObject({
      code: "conflict",
    });
    const rectified = await rectifyContact(secretariat, ana.id, {
      email: "ana.lopez@example.com",
      name: "Ana López",
    });
    expect(rectified).toMatchObject({ normalizedEmail: "ana.lopez@example.com", name: "Ana López" });
    await addConsent(secretariat, ana.id, {
      givenOn: "2021-05-01",
      source: "renovación",
      privacyNoticeVersion: "2021-05",
    });
    const full = await getContact(secretariat, ana.id);
    expect(full.consents.map((c) => [c.givenOn, c.privacyNoticeVersion, c.purposes])).toEqual([
      ["2021-05-01", "2021-05", ["Convocar a la observación electoral"]],
      ["2021-01-10", "2021-01", ["Convocar a la observación electoral"]],
    ]);
  });

  it("never stores a contact without a consent, even written directly", async () => {
    const list = await newList();
    await expect(
      writeDirectly(t.context, (tx) =>
        tx.insert(contacts).values({
          listId: list.id,
          email: "x@example.com",
          normalizedEmail: "x@example.com",
          unsubscribeToken: uniqueKey("t"),
        }),
      ),
    ).rejects.toThrow();
    const rows = await t.context.db.select().from(contacts).where(eq(contacts.listId, list.id));
    expect(rows).toEqual([]);
  });

  it("records ARCO requests with their deadline and outcome, and exports one person's data", async () => {
    const voto = await newList({ name: "Voto Chilango" });
    const red = await newList();
    const other = await newList({ commissionId: (await buildCommission(t.context)).id });
    const email = `${uniqueKey("persona")}@example.com`;
    await createContact(secretariat, voto.id, { email, city: "Chicago", consent: consent("2020-11-02") });
    await createContact(secretariat, red.id, { email: email.toUpperCase(), consent: consent() });
    await createContact(t.context, other.id, { email, consent: consent() });
    const request = await createDataProtectionRequest(secretariat, {
      commissionId,
      kind: "access",
      requesterEmail: ` ${email.toUpperCase()}`,
      receivedOn: "2021-03-12",
    });
    expect(request).toMatchObject({ status: "received", deadlineOn: "2021-04-12", normalizedEmail: email });
    expect(request.contactId).not.toBeNull();
    const exported = await exportPersonData(secretariat, email);
    // The other commission's list is not the secretariat's to read.
    expect(exported.contacts.map((c) => c.list.name).sort()).toEqual(["Red de Observación", "Voto Chilango"]);
    expect(exported.contacts.every((c) => c.consents.length === 1)).toBe(true);
    expect(exported.contacts[0]).not.toHaveProperty("unsubscribeToken");
    expect(exported.requests.map((r) => r.id)).toEqual([request.id]);
    expect(JSON.parse(JSON.stringify(exported)).email).toBe(email);
    const everywhere = await exportPersonData(t.context, email);
    expect(everywhere.contacts).toHaveLength(3);
    const reads = await t.context.db
      .select()
      .from(contactListReads)
      .where(eq(contactListReads.purpose, "person-export"));
    expect(reads.filter((r) => r.listId === voto.id || r.listId === red.id)).toHaveLength(2);

    await expect(
      resolveDataProtectionRequest(secretariat, request.id, {
        status: "granted",
        outcome: "x",
        resolvedOn: "2021-03-01",
      }),
    ).rejects.toMatchObject({ code: "validation_failed" });
    const resolved = await resolveDataProtectionRequest(secretariat, request.id, {
      status: "granted",
      outcome: "Se envió la exportación de sus datos.",
      resolvedOn: "2021-03-20",
    });
    expect(resolved).toMatchObject({ status: "granted", resolvedOn: "2021-03-20" });
    await expect(
      resolveDataProtectionRequest(secretariat, request.id, {
        status: "denied",
        outcome: "x",
        resolvedOn: "2021-03-21",
      }),
    ).rejects.toMatchObject({ code: "conflict" });
    expect((await listDataProtectionRequests(secretariat, { commissionId })).map((r) => r.id)).toContain(
      request.id,
    );
    await expect(listDataProtectionRequests(member)).rejects.toMatchObject({ code: "forbidden" });
  });

  it("blocks contacts past the list's retention and deletes those blocked longer than the grace period", async () => {
    const list = await newList({ retentionMonths: 12, commissionId: (await buildCommission(t.context)).id });
    const old = await createContact(t.context, list.id, {
      email: "vieja@example.com",
      consent: consent("2020-01-01"),
    });
    const renewed = await createContact(t.context, list.id, {
      email: "renovada@example.com",
      consent: consent("2020-01-01"),
    });
    await addConsent(t.context, renewed.id, consent("2021-01-01"));
    const recent = await createContact(t.context, list.id, {
      email: "reciente@example.com",
      consent: consent("2021-02-01"),
    });
    const longBlocked = await createContact(t.context, list.id, {
      email: "bloqueada@example.com",
      consent: consent("2021-02-01"),
    });
    const newlyBlocked = await createContact(t.context, list.id, {
      email: "nueva@example.com",
      consent: consent("2021-02-01"),
    });
    await writeDirectly(t.context, async (tx) => {
      await tx
        .update(contacts)
        .set({ status: "blocked", statusChangedAt: new Date("2021-01-15T12:00:00Z") })
        .where(eq(contacts.id, longBlocked.id));
      await tx
        .update(contacts)
        .set({ status: "blocked", statusChangedAt: new Date("2021-05-15T12:00:00Z") })
        .where(eq(contacts.id, newlyBlocked.id));
    });
    // The secretariat of another commission: its run leaves this list alone.
    await applyRetention(secretariat, "2021-06-30", 90);
    expect(
      (await t.context.db.select().from(contacts).where(eq(contacts.listId, list.id)))
        .map((c) => c.status)
        .sort(),
    ).toEqual(["blocked", "blocked", "subscribed", "subscribed", "subscribed"]);
    await expect(applyRetention(member, "2021-06-30")).rejects.toMatchObject({ code: "forbidden" });
    const result = await applyRetention(t.context, "2021-06-30", 90);
    const remaining = await t.context.db.select().from(contacts).where(eq(contacts.listId, list.id));
    const statusOf = (id: string) => remaining.find((c) => c.id === id)?.status;
    expect(statusOf(old.id)).toBe("blocked");
    expect(statusOf(renewed.id)).toBe("subscribed");
    expect(statusOf(recent.id)).toBe("subscribed");
    expect(statusOf(newlyBlocked.id)).toBe("blocked");
    expect(statusOf(longBlocked.id)).toBeUndefined();
    expect(result.deleted).toBeGreaterThanOrEqual(1);
    expect(result.blocked).toBeGreaterThanOrEqual(1);
    // Again the same day: nothing more to do for this list (the one just blocked waits its grace period).
    await applyRetention(t.context, "2021-06-30", 90);
    expect(await t.context.db.select().from(contacts).where(eq(contacts.listId, list.id))).toHaveLength(4);
  });
});
