/**
 * The reads that export a commission in the dataset format (see dataset.repository.ts for the writes).
 */
import { asc, eq, inArray } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import type { Db } from "../../platform/db/open.ts";
import * as t from "../../platform/db/schema.ts";
import { findCommissionByKey } from "./dataset.repository.ts";
import type { Dataset } from "./dataset.schema.ts";

/** The rows of `table` whose `column` is one of `ids` (none when `ids` is empty), ordered by `order`. */
async function rowsWhereIn<T extends PgTable>(
  db: Db,
  table: T,
  column: PgColumn,
  ids: string[],
  ...order: PgColumn[]
): Promise<T["$inferSelect"][]> {
  if (ids.length === 0) return [];
  const query = db
    .select()
    .from(table as PgTable)
    .where(inArray(column, ids));
  return (await (order.length > 0
    ? query.orderBy(...order.map((c) => asc(c)))
    : query)) as T["$inferSelect"][];
}
const undef = <T>(value: T | null | undefined): T | undefined => (value === null ? undefined : value);

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
  const lines = await rowsWhereIn(
    db,
    t.strategicLines,
    t.strategicLines.programmeId,
    programmeIds,
    t.strategicLines.number,
  );
  const lineIds = lines.map((l) => l.id);
  const actions = await rowsWhereIn(
    db,
    t.programmedActions,
    t.programmedActions.lineId,
    lineIds,
    t.programmedActions.letter,
  );
  const actionAreas = await rowsWhereIn(
    db,
    t.programmedActionAreas,
    t.programmedActionAreas.actionId,
    actions.map((a) => a.id),
    t.programmedActionAreas.position,
  );
  const justifications = await rowsWhereIn(
    db,
    t.justifications,
    t.justifications.lineId,
    lineIds,
    t.justifications.quarter,
  );
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
  const agenda = await rowsWhereIn(
    db,
    t.agendaItems,
    t.agendaItems.sessionId,
    sessionIds,
    t.agendaItems.position,
  );
  const attendance = await rowsWhereIn(
    db,
    t.attendance,
    t.attendance.sessionId,
    sessionIds,
    t.attendance.position,
  );
  const resolutions = await db
    .select()
    .from(t.resolutions)
    .where(eq(t.resolutions.commissionId, cid))
    .orderBy(asc(t.resolutions.year), asc(t.resolutions.seq));
  const votes = await rowsWhereIn(
    db,
    t.resolutionVotes,
    t.resolutionVotes.resolutionId,
    resolutions.map((r) => r.id),
  );
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
  const counterparts = await rowsWhereIn(
    db,
    t.agreementCounterparts,
    t.agreementCounterparts.agreementId,
    agreementIds,
    t.agreementCounterparts.position,
  );
  const agreementAreas = await rowsWhereIn(
    db,
    t.agreementAreas,
    t.agreementAreas.agreementId,
    agreementIds,
    t.agreementAreas.position,
  );
  const stageEvents = await rowsWhereIn(
    db,
    t.agreementStageEvents,
    t.agreementStageEvents.agreementId,
    agreementIds,
    t.agreementStageEvents.date,
    t.agreementStageEvents.stage,
  );
  const opinions = await db
    .select()
    .from(t.pertinenceOpinions)
    .where(eq(t.pertinenceOpinions.commissionId, cid))
    .orderBy(asc(t.pertinenceOpinions.year), asc(t.pertinenceOpinions.seq));
  const opinionAreas = await rowsWhereIn(
    db,
    t.pertinenceOpinionAreas,
    t.pertinenceOpinionAreas.opinionId,
    opinions.map((o) => o.id),
    t.pertinenceOpinionAreas.position,
  );
  const progress = await rowsWhereIn(db, t.agreementProgress, t.agreementProgress.agreementId, agreementIds);
  const sessionDate = new Map(sessions.map((s) => [s.id, s.date]));
  progress.sort(
    (a, b) =>
      (agreementKey.get(a.agreementId) ?? "").localeCompare(agreementKey.get(b.agreementId) ?? "") ||
      (sessionDate.get(a.sessionId) ?? "").localeCompare(sessionDate.get(b.sessionId) ?? ""),
  );

  const [template] = await db
    .select({ template: t.reportTemplates.template })
    .from(t.reportTemplates)
    .where(eq(t.reportTemplates.commissionId, cid));
  // Contact lists and their campaigns with at least one ended send; never contacts (decision 026).
  const lists = await db
    .select()
    .from(t.outreachLists)
    .where(eq(t.outreachLists.commissionId, cid))
    .orderBy(asc(t.outreachLists.key));
  const campaigns = await rowsWhereIn(
    db,
    t.campaigns,
    t.campaigns.listId,
    lists.map((l) => l.id),
  );
  const sends = (
    await rowsWhereIn(
      db,
      t.campaignSends,
      t.campaignSends.campaignId,
      campaigns.map((c) => c.id),
      t.campaignSends.number,
    )
  ).filter((send) => send.finishedAt !== null);
  const allActivities = await db
    .select()
    .from(t.activities)
    .where(eq(t.activities.commissionId, cid))
    .orderBy(asc(t.activities.startDate), asc(t.activities.key));
  // A campaign's activity is derived from it on import: exported with the campaign, not as an activity.
  const derived = new Map(
    allActivities.filter((a) => campaigns.some((c) => c.activityId === a.id)).map((a) => [a.id, a]),
  );
  const activities = allActivities.filter((a) => !derived.has(a.id));
  const activityIds = activities.map((a) => a.id);
  const activityDates = await rowsWhereIn(db, t.activityDates, t.activityDates.activityId, activityIds);
  const activityCounterparts = await rowsWhereIn(
    db,
    t.activityCounterparts,
    t.activityCounterparts.activityId,
    [...activityIds, ...derived.keys()],
  );
  const counterpartsOf = (activityId: string) =>
    activityCounterparts
      .filter((x) => x.activityId === activityId)
      .sort((a, b) => a.position - b.position)
      .map((x) => organisationKey.get(x.organisationId) as string);
  const sendsOf = new Map(campaigns.map((c) => [c.id, sends.filter((send) => send.campaignId === c.id)]));
  const sentCampaigns = campaigns
    .filter((c) => (sendsOf.get(c.id) ?? []).length > 0)
    .map((c) => ({
      campaign: c,
      firstDay: (sendsOf.get(c.id) ?? [])[0]?.sentOn ?? "",
      activityKey: c.activityId ? derived.get(c.activityId)?.key : undefined,
    }))
    .sort(
      (a, b) =>
        a.firstDay.localeCompare(b.firstDay) ||
        (a.activityKey ?? "").localeCompare(b.activityKey ?? "") ||
        a.campaign.id.localeCompare(b.campaign.id),
    );
  const activityParticipants = await rowsWhereIn(
    db,
    t.activityParticipants,
    t.activityParticipants.activityId,
    activityIds,
  );
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
        counterparts: counterpartsOf(a.id),
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
    outreachLists: lists.map((l) =>
      clean({
        key: l.key,
        name: l.name,
        description: undef(l.description),
        purpose: l.purpose,
        retentionMonths: l.retentionMonths,
        privacyNoticeVersion: l.privacyNoticeVersion,
        campaigns: sentCampaigns
          .filter(({ campaign }) => campaign.listId === l.id)
          .map(({ campaign: c, activityKey }) =>
            clean({
              key: activityKey,
              subject: c.subject,
              bodyMarkdown: c.bodyMarkdown,
              reportTitle: undef(c.reportTitle),
              action: c.actionId ? actionRef.get(c.actionId) : undefined,
              kind: c.activityKindId ? catalogKey.get(c.activityKindId) : undefined,
              counterparts: c.activityId && derived.has(c.activityId) ? counterpartsOf(c.activityId) : [],
              recipients: c.recipientCount,
              sends: (sendsOf.get(c.id) ?? []).map((send) => ({
                on: send.sentOn,
                delivered: send.delivered ?? 0,
                failed: send.failed ?? 0,
              })),
            }),
          ),
      }),
    ),
    ...(template ? { reportTemplate: template.template } : {}),
  } as Dataset;
}

/** Drops undefined fields so exported YAML has no empty keys. */
function clean<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
