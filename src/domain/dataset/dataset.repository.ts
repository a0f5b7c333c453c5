/**
 * The writes of the dataset module: bulk inserts of a validated dataset, in the caller's transaction (the reads
 * that export one are in dataset-read.repository.ts). Import is a bulk loader over the same schema the per-record use cases write, with the same
 * constraints; see docs/decisions/002-dataset-import-writes-in-bulk.md.
 */
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../../platform/db/open.ts";
import * as t from "../../platform/db/schema.ts";
import { numberingScope, parseNumber, raiseSequence } from "../numbering/numbering.ts";
import { recordCampaignActivity } from "../outreach/campaign-activity.ts";
import type { Dataset } from "./dataset.schema.ts";
import type { KnownKeys } from "./validate-dataset.ts";

export type ImportProgress = (step: string, done: number, total: number) => void;

type KeyedTable = typeof t.people | typeof t.parties | typeof t.areas | typeof t.organisations;

const CHUNK = 500;
async function insertChunked<T>(items: T[], write: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < items.length; i += CHUNK) await write(items.slice(i, i + CHUNK));
}

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

/** How many contacts the commission's lists hold (personal data a dataset never carries). */
export async function contactCount(db: Db, commissionId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(t.contacts)
    .innerJoin(t.outreachLists, eq(t.outreachLists.id, t.contacts.listId))
    .where(eq(t.outreachLists.commissionId, commissionId));
  return Number(row?.n ?? 0);
}

/** The periods of the commission's approved (frozen) reports. */
export async function approvedReportPeriods(db: Db, commissionId: string): Promise<string[]> {
  const rows = await db
    .select({ period: t.reports.period })
    .from(t.reports)
    .where(and(eq(t.reports.commissionId, commissionId), eq(t.reports.status, "approved")));
  return rows.map((row) => row.period).sort();
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
  // Rows that point across the commission's own tables without cascading (a report at its agenda item, an
  // agenda item at its agreement) go first, so the cascade never meets them in the wrong order.
  await db.delete(t.reports).where(eq(t.reports.commissionId, commissionId));
  await db.delete(t.sessions).where(eq(t.sessions.commissionId, commissionId));
  await db.delete(t.commissions).where(eq(t.commissions.id, commissionId));
}

/** Writes a validated dataset. Catalogue records are upserted by key; the commission's records are created. */
export async function writeDataset(
  tx: Db,
  d: Dataset,
  progress: ImportProgress = () => {},
): Promise<{ commissionId: string }> {
  const total = 10;
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
  if (d.reportTemplate) {
    await tx.insert(t.reportTemplates).values({ commissionId, template: d.reportTemplate });
  }
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

  // Contact lists (never their contacts) and their sent campaigns. Each campaign's activity is derived from its
  // sends by the function the sender uses when a send ends, keeping the key it was exported with (decision 026).
  for (const l of d.outreachLists) {
    const [list] = await tx
      .insert(t.outreachLists)
      .values({
        commissionId,
        key: l.key,
        name: l.name,
        description: l.description,
        purpose: l.purpose,
        retentionMonths: l.retentionMonths,
        privacyNoticeVersion: l.privacyNoticeVersion,
      })
      .returning({ id: t.outreachLists.id });
    const listId = (list as { id: string }).id;
    for (const c of l.campaigns) {
      const instants = c.sends.map((send) => noonInMexicoCity(send.on));
      const [campaign] = await tx
        .insert(t.campaigns)
        .values({
          listId,
          subject: c.subject,
          bodyMarkdown: c.bodyMarkdown,
          status: "sent",
          activityKindId: c.kind ? catalogIds.activity_kind.get(c.kind) : undefined,
          actionId: c.action ? actionIds.get(c.action) : undefined,
          reportTitle: c.reportTitle,
          recipientCount: c.recipients ?? Math.max(...c.sends.map((send) => send.delivered)),
          startedAt: instants[0],
          sentAt: instants.at(-1),
        })
        .returning({ id: t.campaigns.id });
      const campaignId = (campaign as { id: string }).id;
      await tx.insert(t.campaignSends).values(
        c.sends.map((send, index) => ({
          campaignId,
          number: index + 1,
          sentOn: send.on,
          startedAt: instants[index],
          finishedAt: instants[index],
          delivered: send.delivered,
          failed: send.failed,
        })),
      );
      // No activity when no send delivered anything (the validation then refused counterparts).
      const activityId = await recordCampaignActivity(tx, campaignId, { key: c.key });
      if (activityId && c.counterparts.length > 0) {
        await tx.insert(t.activityCounterparts).values(
          c.counterparts.map((o, position) => ({
            activityId,
            organisationId: organisationIds.get(o) as string,
            position,
          })),
        );
      }
    }
  }
  tick("outreach lists and campaigns");
  return { commissionId };
}

/**
 * The instant a send of a dataset is recorded at: noon in Mexico City (UTC−6; 13:00 under the daylight saving
 * time Mexico kept until 2022), so its day in Mexico City is the day the dataset gives.
 */
function noonInMexicoCity(day: string): Date {
  return new Date(`${day}T18:00:00Z`);
}

function snake(name: string): string {
  return name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}
