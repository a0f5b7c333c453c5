/**
 * All SQL of the dataset module: bulk writes of a validated dataset (in the caller's transaction) and the reads
 * that export one. Import is a bulk loader over the same schema the per-record use cases write, with the same
 * constraints; see docs/decisions/002-dataset-import-writes-in-bulk.md.
 */
import { asc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../../platform/db/open.ts";
import * as t from "../../platform/db/schema.ts";
import { numberingScope, parseNumber, raiseSequence } from "../numbering/numbering.ts";
import type { Dataset } from "./dataset.schema.ts";
import type { KnownKeys } from "./validate-dataset.ts";

export type ImportProgress = (step: string, done: number, total: number) => void;

type KeyedTable = typeof t.people | typeof t.parties | typeof t.areas | typeof t.organisations;
type ActivityChild = typeof t.activityDates | typeof t.activityCounterparts | typeof t.activityParticipants;

const CHUNK = 500;
async function insertChunked<T>(items: T[], write: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < items.length; i += CHUNK) await write(items.slice(i, i + CHUNK));
}
const undef = <T>(value: T | null | undefined): T | undefined => (value === null ? undefined : value);

export async function loadKnownKeys(db: Db): Promise<KnownKeys> {
  const keys = async (table: KeyedTable) =>
    new Set((await db.select({ key: table.key }).from(table)).map((row) => row.key));
  const catalog = async (name: "activity_kind" | "agreement_type") =>
    new Set(
      (
        await db
          .select({ key: t.catalogEntries.key })
          .from(t.catalogEntries)
          .where(eq(t.catalogEntries.catalog, name))
      ).map((row) => row.key),
    );
  return {
    people: await keys(t.people),
    parties: await keys(t.parties),
    areas: await keys(t.areas),
    organisations: await keys(t.organisations),
    activityKinds: await catalog("activity_kind"),
    agreementTypes: await catalog("agreement_type"),
  };
}

export async function findCommissionByKey(db: Db, key: string) {
  return db.query.commissions.findFirst({ where: eq(t.commissions.key, key) });
}

export async function deleteCommission(db: Db, commissionId: string): Promise<void> {
  // Counters live outside the commission's rows; everything else cascades from the commission.
  await db
    .delete(t.numberingCounters)
    .where(
      inArray(t.numberingCounters.scope, [
        numberingScope.resolutions(commissionId),
        numberingScope.pertinenceOpinions(commissionId),
      ]),
    );
  await db.delete(t.commissions).where(eq(t.commissions.id, commissionId));
}

/** Writes a validated dataset. Catalogue records are upserted by key; the commission's records are created. */
export async function writeDataset(
  tx: Db,
  d: Dataset,
  progress: ImportProgress = () => {},
): Promise<{ commissionId: string }> {
  const total = 12;
  let step = 0;
  const tick = (name: string) => progress(name, ++step, total);

  const [institution] = await tx
    .insert(t.institutions)
    .values(d.institution)
    .onConflictDoUpdate({
      target: t.institutions.key,
      set: { name: d.institution.name, acronym: d.institution.acronym },
    })
    .returning();
  const institutionId = (institution as { id: string }).id;

  // Catalogues (upsert by key, keeping ids stable for records of other commissions).
  const catalogIds = { activity_kind: new Map<string, string>(), agreement_type: new Map<string, string>() };
  for (const [catalog, entries] of [
    ["activity_kind", d.activityKinds],
    ["agreement_type", d.agreementTypes],
  ] as const) {
    if (entries.length > 0) {
      await tx
        .insert(t.catalogEntries)
        .values(
          entries.map((e, position) => ({
            catalog,
            key: e.key,
            name: e.name,
            description: e.description,
            position,
          })),
        )
        .onConflictDoUpdate({
          target: [t.catalogEntries.catalog, t.catalogEntries.key],
          set: {
            name: sql`excluded.name`,
            description: sql`excluded.description`,
            position: sql`excluded.position`,
          },
        });
    }
    const rows = await tx
      .select({ id: t.catalogEntries.id, key: t.catalogEntries.key })
      .from(t.catalogEntries)
      .where(eq(t.catalogEntries.catalog, catalog));
    for (const row of rows) catalogIds[catalog].set(row.key, row.id);
  }
  tick("catalogues");

  const upsert = async <R extends { key: string }>(table: KeyedTable, rows: R[], columns: string[]) => {
    if (rows.length > 0) {
      const set = Object.fromEntries(columns.map((c) => [c, sql.raw(`excluded.${snake(c)}`)]));
      await insertChunked(rows, (chunk) =>
        tx
          .insert(table)
          .values(chunk as never)
          .onConflictDoUpdate({ target: table.key, set: set as never }),
      );
    }
    return new Map((await tx.select({ id: table.id, key: table.key }).from(table)).map((r) => [r.key, r.id]));
  };
  const areaIds = await upsert(
    t.areas,
    d.areas.map((a) => ({ ...a, institutionId })),
    ["name", "acronym", "kind", "aliases"],
  );
  const organisationIds = await upsert(
    t.organisations,
    d.organisations.map(({ parent: _parent, ...o }) => o),
    ["name", "acronym", "kind", "sector", "country", "aliases"],
  );
  for (const o of d.organisations) {
    if (o.parent) {
      await tx
        .update(t.organisations)
        .set({ parentId: organisationIds.get(o.parent) })
        .where(eq(t.organisations.key, o.key));
    }
  }
  const partyIds = await upsert(
    t.parties,
    d.parties.map((p, position) => ({ ...p, position })),
    ["name", "acronym", "position"],
  );
  const personIds = await upsert(t.people, d.people, ["name", "honorific", "aliases"]);
  tick("people and organisations");

  const c = d.commission;
  const [commission] = await tx
    .insert(t.commissions)
    .values({
      institutionId,
      key: c.key,
      name: c.name,
      acronym: c.acronym,
      kind: c.kind,
      validFrom: c.validFrom,
      validTo: c.validTo,
      technicalAreaId: c.technicalArea ? areaIds.get(c.technicalArea) : undefined,
      resolutionNumberPattern: c.numbering.resolution,
      opinionNumberPattern: c.numbering.pertinenceOpinion,
    })
    .returning();
  const commissionId = (commission as { id: string }).id;
  const person = (key: string | undefined) => (key ? personIds.get(key) : undefined);

  if (d.memberships.length > 0) {
    await tx.insert(t.memberships).values(
      d.memberships.map((m) => ({
        commissionId,
        personId: person(m.person),
        role: m.role,
        hasVotingRight: m.votingRight,
        onBehalfOfPartyId: m.onBehalfOf ? partyIds.get(m.onBehalfOf) : undefined,
        startDate: m.from,
        endDate: m.to,
        designatedBy: m.designatedBy,
      })),
    );
  }
  tick("commission");

  // Work programmes.
  const actionIds = new Map<string, string>();
  for (const p of d.programmes) {
    const [programme] = await tx
      .insert(t.workProgrammes)
      .values({
        commissionId,
        year: p.year,
        title: p.title,
        approvedBy: p.approvedBy,
        ratifiedBy: p.ratifiedBy,
      })
      .returning();
    for (const l of p.lines) {
      const [line] = await tx
        .insert(t.strategicLines)
        .values({ programmeId: (programme as { id: string }).id, number: l.number, title: l.title })
        .returning();
      const lineId = (line as { id: string }).id;
      for (const j of l.justifications)
        await tx.insert(t.justifications).values({ lineId, quarter: j.quarter, text: j.text });
      for (const a of l.actions) {
        const [action] = await tx
          .insert(t.programmedActions)
          .values({ lineId, letter: a.letter, title: a.title, quarters: a.quarters })
          .returning();
        const actionId = (action as { id: string }).id;
        actionIds.set(`${p.year}-${l.number}${a.letter}`, actionId);
        if (a.areas.length > 0) {
          await tx
            .insert(t.programmedActionAreas)
            .values(
              a.areas.map((area, position) => ({ actionId, areaId: areaIds.get(area) as string, position })),
            );
        }
        for (const j of a.justifications) {
          await tx.insert(t.justifications).values({ lineId, actionId, quarter: j.quarter, text: j.text });
        }
      }
    }
  }
  tick("work programmes");

  // Agreements first: agenda items may link to them.
  const agreementIds = new Map<string, string>();
  await insertChunked(d.agreements, async (chunk) => {
    const rows = await tx
      .insert(t.agreements)
      .values(
        chunk.map((a) => ({
          commissionId,
          key: a.key,
          title: a.title,
          typeId: a.type ? catalogIds.agreement_type.get(a.type) : undefined,
          object: a.object,
          management: a.management,
          stage: a.stage,
          signedOn: a.signedOn,
          validFrom: a.validFrom,
          validTo: a.validTo,
          isIndefinite: a.indefinite,
          resources: a.resources,
          ceremony: a.ceremony ?? null,
        })),
      )
      .returning({ id: t.agreements.id, key: t.agreements.key });
    for (const row of rows) agreementIds.set(row.key, row.id);
  });
  const counterparts = d.agreements.flatMap((a) =>
    a.counterparts.map((o, position) => ({
      agreementId: agreementIds.get(a.key) as string,
      organisationId: organisationIds.get(o) as string,
      position,
    })),
  );
  await insertChunked(counterparts, (chunk) => tx.insert(t.agreementCounterparts).values(chunk));
  const agreementAreas = d.agreements.flatMap((a) =>
    a.areas.map((area, position) => ({
      agreementId: agreementIds.get(a.key) as string,
      areaId: areaIds.get(area) as string,
      position,
    })),
  );
  await insertChunked(agreementAreas, (chunk) => tx.insert(t.agreementAreas).values(chunk));
  const stageEvents = d.agreements.flatMap((a) =>
    a.stages.map((s) => ({
      agreementId: agreementIds.get(a.key) as string,
      stage: s.stage,
      date: s.date,
      note: s.note,
    })),
  );
  await insertChunked(stageEvents, (chunk) => tx.insert(t.agreementStageEvents).values(chunk));
  for (const a of d.agreements) {
    if (a.parent) {
      await tx
        .update(t.agreements)
        .set({ parentId: agreementIds.get(a.parent) })
        .where(eq(t.agreements.id, agreementIds.get(a.key) as string));
    }
  }
  tick("agreements");

  // Sessions, agenda, attendance.
  const sessionIds = new Map<string, string>();
  const agendaIds = new Map<string, string>();
  await insertChunked(d.sessions, async (chunk) => {
    const rows = await tx
      .insert(t.sessions)
      .values(
        chunk.map((s) => ({
          commissionId,
          key: s.key,
          kind: s.kind,
          number: s.number,
          year: Number(s.date.slice(0, 4)),
          date: s.date,
          startTime: s.startTime,
          modality: s.modality,
          place: s.place,
          link: s.link,
          status: s.status,
        })),
      )
      .returning({ id: t.sessions.id, key: t.sessions.key });
    for (const row of rows) sessionIds.set(row.key, row.id);
  });
  const agendaRows = d.sessions.flatMap((s) =>
    s.agenda.map((item, index) => ({
      sessionId: sessionIds.get(s.key) as string,
      position: index + 1,
      kind: item.kind,
      title: item.title,
      series: item.series,
      agreementId: item.agreement ? agreementIds.get(item.agreement) : undefined,
    })),
  );
  await insertChunked(agendaRows, async (chunk) => {
    const rows = await tx.insert(t.agendaItems).values(chunk).returning({
      id: t.agendaItems.id,
      sessionId: t.agendaItems.sessionId,
      position: t.agendaItems.position,
    });
    for (const row of rows) agendaIds.set(`${row.sessionId}#${row.position}`, row.id);
  });
  const attendanceRows = d.sessions.flatMap((s) =>
    s.attendance.map((a, position) => ({
      sessionId: sessionIds.get(s.key) as string,
      position,
      category: a.category,
      personId: person(a.person),
      partyId: a.party ? partyIds.get(a.party) : undefined,
      areaId: a.area ? areaIds.get(a.area) : undefined,
      capacity: a.capacity,
      isPresent: a.present,
      substitutePersonId: person(a.substitute),
    })),
  );
  await insertChunked(attendanceRows, (chunk) => tx.insert(t.attendance).values(chunk));
  tick("sessions");

  // Resolutions with their historical numbers; the counter continues after the highest.
  const resolutionIds = new Map<string, string>();
  const highest = new Map<number, number>();
  await insertChunked(d.resolutions, async (chunk) => {
    const rows = await tx
      .insert(t.resolutions)
      .values(
        chunk.map((r) => {
          const sessionId = sessionIds.get(r.session) as string;
          const date = d.sessions.find((s) => s.key === r.session)?.date ?? "";
          const year = Number(date.slice(0, 4));
          const seq = parseNumber(c.numbering.resolution, r.number, { acronym: c.acronym })?.seq ?? 0;
          highest.set(year, Math.max(highest.get(year) ?? 0, seq));
          return {
            commissionId,
            number: r.number,
            year,
            seq,
            sessionId,
            agendaItemId: r.agendaItem ? agendaIds.get(`${sessionId}#${r.agendaItem}`) : undefined,
            title: r.title,
            text: r.text,
            outcome: r.outcome,
          };
        }),
      )
      .returning({ id: t.resolutions.id, number: t.resolutions.number });
    for (const row of rows) resolutionIds.set(row.number, row.id);
  });
  for (const [year, seq] of highest)
    await raiseSequence(tx, numberingScope.resolutions(commissionId), year, seq);
  const votes = d.resolutions.flatMap((r) =>
    r.votes.map((v) => ({
      resolutionId: resolutionIds.get(r.number) as string,
      personId: person(v.person) as string,
      vote: v.vote,
    })),
  );
  await insertChunked(votes, (chunk) => tx.insert(t.resolutionVotes).values(chunk));
  for (const s of d.sessions) {
    if (s.minutesApprovedBy) {
      await tx
        .update(t.sessions)
        .set({ minutesApprovedByResolutionId: resolutionIds.get(s.minutesApprovedBy) })
        .where(eq(t.sessions.id, sessionIds.get(s.key) as string));
    }
  }
  tick("resolutions");

  // Pertinence opinions and progress.
  const opinionHighest = new Map<number, number>();
  for (const o of d.pertinenceOpinions) {
    const parsed = parseNumber(c.numbering.pertinenceOpinion ?? "", o.number, { acronym: c.acronym });
    const year =
      parsed?.year ?? (parsed?.yy !== undefined ? 2000 + parsed.yy : Number(o.issuedOn?.slice(0, 4)));
    const seq = parsed?.seq ?? 0;
    opinionHighest.set(year, Math.max(opinionHighest.get(year) ?? 0, seq));
    const [opinion] = await tx
      .insert(t.pertinenceOpinions)
      .values({
        commissionId,
        number: o.number,
        year,
        seq,
        agreementId: o.agreement ? agreementIds.get(o.agreement) : undefined,
        subject: o.subject,
        outcome: o.outcome,
        issuedOn: o.issuedOn,
      })
      .returning();
    if (o.areas.length > 0) {
      await tx.insert(t.pertinenceOpinionAreas).values(
        o.areas.map((area, position) => ({
          opinionId: (opinion as { id: string }).id,
          areaId: areaIds.get(area) as string,
          position,
        })),
      );
    }
  }
  for (const [year, seq] of opinionHighest)
    await raiseSequence(tx, numberingScope.pertinenceOpinions(commissionId), year, seq);
  await insertChunked(d.agreementProgress, (chunk) =>
    tx.insert(t.agreementProgress).values(
      chunk.map((g) => ({
        agreementId: agreementIds.get(g.agreement) as string,
        sessionId: sessionIds.get(g.session) as string,
        areaId: g.area ? areaIds.get(g.area) : undefined,
        text: g.text,
      })),
    ),
  );
  tick("opinions and progress");

  // Activities and their dates, counterparts, participants.
  const activityIds = new Map<string, string>();
  await insertChunked(d.activities, async (chunk) => {
    const rows = await tx
      .insert(t.activities)
      .values(
        chunk.map((a) => {
          const sorted = [...a.dates].sort();
          return {
            commissionId,
            key: a.key,
            actionId: a.action ? actionIds.get(a.action) : undefined,
            kindId: catalogIds.activity_kind.get(a.kind) as string,
            title: a.title,
            description: a.description,
            startDate: a.span?.from ?? (sorted[0] as string),
            endDate: a.span?.to ?? (sorted[sorted.length - 1] as string),
            isContinuous: a.span !== undefined,
            followedBodyId: a.followedBody ? organisationIds.get(a.followedBody) : undefined,
            audience: a.audience,
            quantity: a.quantity,
            status: a.status,
            statusReason: a.statusReason,
          };
        }),
      )
      .returning({ id: t.activities.id, key: t.activities.key });
    for (const row of rows) activityIds.set(row.key, row.id);
  });
  const id = (key: string) => activityIds.get(key) as string;
  await insertChunked(
    d.activities.flatMap((a) => a.dates.map((date) => ({ activityId: id(a.key), date }))),
    (chunk) => tx.insert(t.activityDates).values(chunk),
  );
  await insertChunked(
    d.activities.flatMap((a) =>
      a.counterparts.map((o, position) => ({
        activityId: id(a.key),
        organisationId: organisationIds.get(o) as string,
        position,
      })),
    ),
    (chunk) => tx.insert(t.activityCounterparts).values(chunk),
  );
  await insertChunked(
    d.activities.flatMap((a) =>
      a.participants.map((p, position) => ({
        activityId: id(a.key),
        personId: person(p.person) as string,
        role: p.role,
        position,
      })),
    ),
    (chunk) => tx.insert(t.activityParticipants).values(chunk),
  );
  tick("activities");
  return { commissionId };
}

function snake(name: string): string {
  return name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}

// ---------------------------------------------------------------------------------------------------------------
// Export

/** Reads a commission's records (and every catalogue record) back into the dataset format. */
export async function readDataset(db: Db, commissionKey: string): Promise<Dataset | undefined> {
  const commission = await findCommissionByKey(db, commissionKey);
  if (!commission) return undefined;
  const institution = await db.query.institutions.findFirst({
    where: eq(t.institutions.id, commission.institutionId),
  });
  const areas = await db.select().from(t.areas).orderBy(asc(t.areas.key));
  const organisations = await db.select().from(t.organisations).orderBy(asc(t.organisations.key));
  const parties = await db.select().from(t.parties).orderBy(asc(t.parties.position), asc(t.parties.key));
  const people = await db.select().from(t.people).orderBy(asc(t.people.key));
  const catalog = await db
    .select()
    .from(t.catalogEntries)
    .orderBy(asc(t.catalogEntries.catalog), asc(t.catalogEntries.position), asc(t.catalogEntries.key));
  const keyOf = <R extends { id: string; key: string }>(rows: R[]) => new Map(rows.map((r) => [r.id, r.key]));
  const areaKey = keyOf(areas);
  const organisationKey = keyOf(organisations);
  const partyKey = keyOf(parties);
  const personKey = keyOf(people);
  const catalogKey = keyOf(catalog);
  const cid = commission.id;

  // Integration in its natural order: chair, members, technical secretary, parties in their order, guests.
  const roleOrder = t.membershipRole.enumValues;
  const partyPosition = new Map(parties.map((p) => [p.id, p.position]));
  const memberships = (await db.select().from(t.memberships).where(eq(t.memberships.commissionId, cid))).sort(
    (a, b) =>
      roleOrder.indexOf(a.role) - roleOrder.indexOf(b.role) ||
      (partyPosition.get(a.onBehalfOfPartyId ?? "") ?? 0) -
        (partyPosition.get(b.onBehalfOfPartyId ?? "") ?? 0) ||
      (personKey.get(a.personId ?? "") ?? "").localeCompare(personKey.get(b.personId ?? "") ?? "") ||
      (a.startDate ?? "").localeCompare(b.startDate ?? ""),
  );

  const programmes = await db
    .select()
    .from(t.workProgrammes)
    .where(eq(t.workProgrammes.commissionId, cid))
    .orderBy(asc(t.workProgrammes.year));
  const programmeIds = programmes.map((p) => p.id);
  const lines = programmeIds.length
    ? await db
        .select()
        .from(t.strategicLines)
        .where(inArray(t.strategicLines.programmeId, programmeIds))
        .orderBy(asc(t.strategicLines.number))
    : [];
  const lineIds = lines.map((l) => l.id);
  const actions = lineIds.length
    ? await db
        .select()
        .from(t.programmedActions)
        .where(inArray(t.programmedActions.lineId, lineIds))
        .orderBy(asc(t.programmedActions.letter))
    : [];
  const actionAreas = actions.length
    ? await db
        .select()
        .from(t.programmedActionAreas)
        .where(
          inArray(
            t.programmedActionAreas.actionId,
            actions.map((a) => a.id),
          ),
        )
        .orderBy(asc(t.programmedActionAreas.position))
    : [];
  const justifications = lineIds.length
    ? await db
        .select()
        .from(t.justifications)
        .where(inArray(t.justifications.lineId, lineIds))
        .orderBy(asc(t.justifications.quarter))
    : [];
  const actionRef = new Map<string, string>();
  for (const a of actions) {
    const line = lines.find((l) => l.id === a.lineId);
    const programme = programmes.find((p) => p.id === line?.programmeId);
    actionRef.set(a.id, `${programme?.year}-${line?.number}${a.letter}`);
  }

  const sessions = await db
    .select()
    .from(t.sessions)
    .where(eq(t.sessions.commissionId, cid))
    .orderBy(asc(t.sessions.date), asc(t.sessions.kind), asc(t.sessions.number));
  const sessionIds = sessions.map((s) => s.id);
  const agenda = sessionIds.length
    ? await db
        .select()
        .from(t.agendaItems)
        .where(inArray(t.agendaItems.sessionId, sessionIds))
        .orderBy(asc(t.agendaItems.position))
    : [];
  const attendance = sessionIds.length
    ? await db
        .select()
        .from(t.attendance)
        .where(inArray(t.attendance.sessionId, sessionIds))
        .orderBy(asc(t.attendance.position))
    : [];
  const resolutions = await db
    .select()
    .from(t.resolutions)
    .where(eq(t.resolutions.commissionId, cid))
    .orderBy(asc(t.resolutions.year), asc(t.resolutions.seq));
  const votes = resolutions.length
    ? await db
        .select()
        .from(t.resolutionVotes)
        .where(
          inArray(
            t.resolutionVotes.resolutionId,
            resolutions.map((r) => r.id),
          ),
        )
    : [];
  const sessionKey = new Map(sessions.map((s) => [s.id, s.key]));
  const resolutionNumber = new Map(resolutions.map((r) => [r.id, r.number]));
  const agendaPosition = new Map(agenda.map((i) => [i.id, i.position]));

  const agreements = await db
    .select()
    .from(t.agreements)
    .where(eq(t.agreements.commissionId, cid))
    .orderBy(asc(t.agreements.key));
  const agreementIds = agreements.map((a) => a.id);
  const agreementKey = new Map(agreements.map((a) => [a.id, a.key]));
  const counterparts = agreementIds.length
    ? await db
        .select()
        .from(t.agreementCounterparts)
        .where(inArray(t.agreementCounterparts.agreementId, agreementIds))
        .orderBy(asc(t.agreementCounterparts.position))
    : [];
  const agreementAreas = agreementIds.length
    ? await db
        .select()
        .from(t.agreementAreas)
        .where(inArray(t.agreementAreas.agreementId, agreementIds))
        .orderBy(asc(t.agreementAreas.position))
    : [];
  const stageEvents = agreementIds.length
    ? await db
        .select()
        .from(t.agreementStageEvents)
        .where(inArray(t.agreementStageEvents.agreementId, agreementIds))
        .orderBy(asc(t.agreementStageEvents.date), asc(t.agreementStageEvents.stage))
    : [];
  const opinions = await db
    .select()
    .from(t.pertinenceOpinions)
    .where(eq(t.pertinenceOpinions.commissionId, cid))
    .orderBy(asc(t.pertinenceOpinions.year), asc(t.pertinenceOpinions.seq));
  const opinionAreas = opinions.length
    ? await db
        .select()
        .from(t.pertinenceOpinionAreas)
        .where(
          inArray(
            t.pertinenceOpinionAreas.opinionId,
            opinions.map((o) => o.id),
          ),
        )
        .orderBy(asc(t.pertinenceOpinionAreas.position))
    : [];
  const progress = agreementIds.length
    ? await db
        .select()
        .from(t.agreementProgress)
        .where(inArray(t.agreementProgress.agreementId, agreementIds))
    : [];
  const sessionDate = new Map(sessions.map((s) => [s.id, s.date]));
  progress.sort(
    (a, b) =>
      (agreementKey.get(a.agreementId) ?? "").localeCompare(agreementKey.get(b.agreementId) ?? "") ||
      (sessionDate.get(a.sessionId) ?? "").localeCompare(sessionDate.get(b.sessionId) ?? ""),
  );

  const activities = await db
    .select()
    .from(t.activities)
    .where(eq(t.activities.commissionId, cid))
    .orderBy(asc(t.activities.startDate), asc(t.activities.key));
  const activityIds = activities.map((a) => a.id);
  const inActivities = async <T extends ActivityChild>(table: T) =>
    activityIds.length
      ? await db
          .select()
          .from(table as ActivityChild)
          .where(inArray((table as ActivityChild).activityId, activityIds))
      : [];
  const activityDates = (await inActivities(t.activityDates)) as (typeof t.activityDates.$inferSelect)[];
  const activityCounterparts = (await inActivities(
    t.activityCounterparts,
  )) as (typeof t.activityCounterparts.$inferSelect)[];
  const activityParticipants = (await inActivities(
    t.activityParticipants,
  )) as (typeof t.activityParticipants.$inferSelect)[];
  const byPosition = (a: { position: number }, b: { position: number }) => a.position - b.position;

  return {
    format: "vincula-dataset",
    version: 1,
    institution: {
      key: institution?.key ?? "",
      name: institution?.name ?? "",
      acronym: institution?.acronym ?? "",
    },
    activityKinds: catalog
      .filter((e) => e.catalog === "activity_kind")
      .map((e) => clean({ key: e.key, name: e.name, description: undef(e.description) })),
    agreementTypes: catalog
      .filter((e) => e.catalog === "agreement_type")
      .map((e) => clean({ key: e.key, name: e.name, description: undef(e.description) })),
    areas: areas.map((a) =>
      clean({ key: a.key, name: a.name, acronym: undef(a.acronym), kind: a.kind, aliases: a.aliases }),
    ),
    organisations: organisations.map((o) =>
      clean({
        key: o.key,
        name: o.name,
        acronym: undef(o.acronym),
        kind: o.kind,
        sector: undef(o.sector),
        country: undef(o.country),
        parent: o.parentId ? organisationKey.get(o.parentId) : undefined,
        aliases: o.aliases,
      }),
    ),
    parties: parties.map((p) => clean({ key: p.key, name: p.name, acronym: undef(p.acronym) })),
    people: people.map((p) =>
      clean({ key: p.key, name: p.name, honorific: undef(p.honorific), aliases: p.aliases }),
    ),
    commission: clean({
      key: commission.key,
      name: commission.name,
      acronym: commission.acronym,
      kind: commission.kind,
      validFrom: undef(commission.validFrom),
      validTo: undef(commission.validTo),
      technicalArea: commission.technicalAreaId ? areaKey.get(commission.technicalAreaId) : undefined,
      numbering: clean({
        resolution: commission.resolutionNumberPattern,
        pertinenceOpinion: undef(commission.opinionNumberPattern),
      }),
    }),
    memberships: memberships.map((m) =>
      clean({
        person: m.personId ? personKey.get(m.personId) : undefined,
        role: m.role,
        votingRight: m.hasVotingRight,
        onBehalfOf: m.onBehalfOfPartyId ? partyKey.get(m.onBehalfOfPartyId) : undefined,
        from: undef(m.startDate),
        to: undef(m.endDate),
        designatedBy: undef(m.designatedBy),
      }),
    ),
    programmes: programmes.map((p) =>
      clean({
        year: p.year,
        title: p.title,
        approvedBy: undef(p.approvedBy),
        ratifiedBy: undef(p.ratifiedBy),
        lines: lines
          .filter((l) => l.programmeId === p.id)
          .map((l) => ({
            number: l.number,
            title: l.title,
            actions: actions
              .filter((a) => a.lineId === l.id)
              .map((a) => ({
                letter: a.letter,
                title: a.title,
                quarters: a.quarters,
                areas: actionAreas
                  .filter((x) => x.actionId === a.id)
                  .map((x) => areaKey.get(x.areaId) as string),
                justifications: justifications
                  .filter((j) => j.actionId === a.id)
                  .map((j) => ({ quarter: j.quarter, text: j.text })),
              })),
            justifications: justifications
              .filter((j) => j.lineId === l.id && j.actionId === null)
              .map((j) => ({ quarter: j.quarter, text: j.text })),
          })),
      }),
    ),
    sessions: sessions.map((s) =>
      clean({
        key: s.key,
        kind: s.kind,
        number: s.number,
        date: s.date,
        startTime: s.startTime ? s.startTime.slice(0, 5) : undefined,
        modality: s.modality,
        place: undef(s.place),
        link: undef(s.link),
        status: s.status,
        agenda: agenda
          .filter((i) => i.sessionId === s.id)
          .map((i) =>
            clean({
              kind: i.kind,
              title: i.title,
              series: undef(i.series),
              agreement: i.agreementId ? agreementKey.get(i.agreementId) : undefined,
            }),
          ),
        attendance: attendance
          .filter((a) => a.sessionId === s.id)
          .map((a) =>
            clean({
              category: a.category,
              person: a.personId ? personKey.get(a.personId) : undefined,
              party: a.partyId ? partyKey.get(a.partyId) : undefined,
              area: a.areaId ? areaKey.get(a.areaId) : undefined,
              capacity: undef(a.capacity),
              present: a.isPresent,
              substitute: a.substitutePersonId ? personKey.get(a.substitutePersonId) : undefined,
            }),
          ),
        minutesApprovedBy: s.minutesApprovedByResolutionId
          ? resolutionNumber.get(s.minutesApprovedByResolutionId)
          : undefined,
      }),
    ),
    resolutions: resolutions.map((r) =>
      clean({
        number: r.number,
        session: sessionKey.get(r.sessionId) as string,
        agendaItem: r.agendaItemId ? agendaPosition.get(r.agendaItemId) : undefined,
        title: r.title,
        text: undef(r.text),
        outcome: r.outcome,
        votes: votes
          .filter((v) => v.resolutionId === r.id)
          .map((v) => ({ person: personKey.get(v.personId) as string, vote: v.vote }))
          .sort((a, b) => a.person.localeCompare(b.person)),
      }),
    ),
    agreements: agreements.map((a) =>
      clean({
        key: a.key,
        title: a.title,
        type: a.typeId ? catalogKey.get(a.typeId) : undefined,
        counterparts: counterparts
          .filter((x) => x.agreementId === a.id)
          .sort(byPosition)
          .map((x) => organisationKey.get(x.organisationId) as string),
        object: undef(a.object),
        areas: agreementAreas
          .filter((x) => x.agreementId === a.id)
          .sort(byPosition)
          .map((x) => areaKey.get(x.areaId) as string),
        management: a.management,
        stage: a.stage,
        stages: stageEvents
          .filter((x) => x.agreementId === a.id)
          .map((x) => clean({ stage: x.stage, date: x.date, note: undef(x.note) })),
        signedOn: undef(a.signedOn),
        validFrom: undef(a.validFrom),
        validTo: undef(a.validTo),
        indefinite: a.isIndefinite,
        parent: a.parentId ? agreementKey.get(a.parentId) : undefined,
        resources: undef(a.resources),
        ceremony: a.ceremony ?? undefined,
      }),
    ),
    pertinenceOpinions: opinions.map((o) =>
      clean({
        number: o.number,
        agreement: o.agreementId ? agreementKey.get(o.agreementId) : undefined,
        subject: o.subject,
        outcome: o.outcome,
        issuedOn: undef(o.issuedOn),
        areas: opinionAreas.filter((x) => x.opinionId === o.id).map((x) => areaKey.get(x.areaId) as string),
      }),
    ),
    agreementProgress: progress.map((g) =>
      clean({
        agreement: agreementKey.get(g.agreementId) as string,
        session: sessionKey.get(g.sessionId) as string,
        area: g.areaId ? areaKey.get(g.areaId) : undefined,
        text: undef(g.text),
      }),
    ),
    activities: activities.map((a) =>
      clean({
        key: a.key,
        kind: catalogKey.get(a.kindId) as string,
        action: a.actionId ? actionRef.get(a.actionId) : undefined,
        title: a.title,
        description: undef(a.description),
        dates: activityDates
          .filter((x) => x.activityId === a.id)
          .map((x) => x.date)
          .sort(),
        span: a.isContinuous ? { from: a.startDate, to: a.endDate } : undefined,
        counterparts: activityCounterparts
          .filter((x) => x.activityId === a.id)
          .sort(byPosition)
          .map((x) => organisationKey.get(x.organisationId) as string),
        participants: activityParticipants
          .filter((x) => x.activityId === a.id)
          .sort(byPosition)
          .map((x) => clean({ person: personKey.get(x.personId) as string, role: undef(x.role) })),
        followedBody: a.followedBodyId ? organisationKey.get(a.followedBodyId) : undefined,
        audience: undef(a.audience),
        quantity: undef(a.quantity),
        status: a.status,
        statusReason: undef(a.statusReason),
      }),
    ),
  } as Dataset;
}

/** Drops undefined fields so exported YAML has no empty keys. */
function clean<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
