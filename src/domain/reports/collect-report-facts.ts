/**
 * The first step of the report pipeline (DESIGN §4): everything a report of a commission for a period is made of,
 * read through the modules' own use cases and shaped for composing. No wording here: the composer and its
 * template turn facts into a ReportDocument, and the checks read the same facts.
 */
import { z } from "zod";
import { activityResource } from "../activities/activities.resources.ts";
import type { Activity } from "../activities/activities.schema.ts";
import {
  agreementProgressResource,
  agreementResource,
  pertinenceOpinionResource,
} from "../agreements/agreements.resources.ts";
import type { Agreement, AgreementProgress, PertinenceOpinion } from "../agreements/agreements.schema.ts";
import {
  areaResource,
  catalogEntryResource,
  organisationResource,
  partyResource,
  personResource,
} from "../catalogs/catalogs.resources.ts";
import { getInstitution } from "../catalogs/institution.ts";
import { commissionResource, membershipResource } from "../commissions/commissions.resources.ts";
import type { Commission, Membership } from "../commissions/commissions.schema.ts";
import { workProgrammeResource } from "../programmes/programmes.resources.ts";
import type { Programme } from "../programmes/programmes.schema.ts";
import { listResolutions } from "../resolutions/resolutions.resources.ts";
import type { Resolution } from "../resolutions/resolutions.schema.ts";
import { listSessionAttendance } from "../sessions/list-attendance.ts";
import { listAgenda } from "../sessions/sessions.repository.ts";
import { sessionResource } from "../sessions/sessions.resources.ts";
import type { Session } from "../sessions/sessions.schema.ts";
import { type Period, parsePeriod, quarterOf } from "../shared/calendar.ts";
import { authorize, type UseCaseContext } from "../shared/context.ts";
import { AppError } from "../shared/errors.ts";
import type { Page } from "../shared/primitives.ts";
import { parseInput, type Resource } from "../shared/resource.ts";

export const ZReportFactsQuery = z.object({
  commissionId: z.uuid(),
  period: z.string().refine((value) => parsePeriod(value) !== undefined, {
    message: "periodo inválido: use AAAA-Qn para un trimestre (p. ej. 2021-Q1) o AAAA para un año",
  }),
});

/** Reads every page of a list use case. */
async function listAll<T>(
  ctx: UseCaseContext,
  resource: Pick<Resource<z.ZodObject, z.ZodObject>, "list">,
  query: Record<string, unknown>,
): Promise<T[]> {
  const items: T[] = [];
  for (let offset = 0; ; offset += 500) {
    const page = (await resource.list(ctx, { ...query, limit: 500, offset })) as Page<T>;
    items.push(...page.items);
    if (items.length >= page.total || page.items.length === 0) return items;
  }
}

type Named = { id: string; name: string; key: string; acronym?: string | null };

export type ReportFacts = Awaited<ReturnType<typeof collectReportFacts>>;

/** Collects the records behind the report of `commissionId` for `period` (a quarter «2021-Q1» or a year «2021»). */
export async function collectReportFacts(ctx: UseCaseContext, rawQuery: unknown) {
  authorize(ctx.actor, "reports.read");
  const query = parseInput(ZReportFactsQuery, rawQuery);
  const period = parsePeriod(query.period) as Period;
  const year = Number(period.from.slice(0, 4));
  const quarters = query.period.includes("Q") ? [quarterOf(period.from)] : [1, 2, 3, 4];
  const commission = (await commissionResource.get(ctx, query.commissionId)) as Commission;
  const inPeriod = { from: period.from, to: period.to };
  const ofCommission = { commissionId: commission.id };

  const [programmes, sessions, resolutions, activities, signedAgreements, progress, opinions, memberships] =
    await Promise.all([
      listAll<Programme>(ctx, workProgrammeResource, {
        ...ofCommission,
        year,
      }),
      listAll<Session>(ctx, sessionResource, {
        ...ofCommission,
        ...inPeriod,
        sort: "date",
      }),
      listAll<Resolution>(
        ctx,
        { list: listResolutions },
        {
          ...ofCommission,
          year,
          sort: "seq",
        },
      ),
      listAll<Activity>(ctx, activityResource, {
        ...ofCommission,
        ...inPeriod,
        sort: "startDate",
      }),
      listAll<Agreement>(ctx, agreementResource, {
        ...ofCommission,
        signedFrom: period.from,
        signedTo: period.to,
        sort: "signedOn",
      }),
      listAll<AgreementProgress>(ctx, agreementProgressResource, {
        ...ofCommission,
        ...inPeriod,
      }),
      listAll<PertinenceOpinion>(ctx, pertinenceOpinionResource, {
        ...ofCommission,
        year,
      }),
      listAll<Membership>(ctx, membershipResource, ofCommission),
    ]);
  const programme = programmes[0];
  if (!programme) {
    throw new AppError(
      "not_found",
      `La comisión ${commission.acronym} no tiene programa anual de trabajo para ${year}.`,
    );
  }

  // Agenda and attendance of each session held in the period.
  const sessionIds = new Set(sessions.map((s) => s.id));
  const sessionDetails = await Promise.all(
    sessions.map(async (session) => ({
      ...session,
      agenda: await listAgenda(ctx.db, session.id),
      attendance: await listSessionAttendance(ctx, session.id),
      resolutions: resolutions.filter((r) => r.sessionId === session.id),
    })),
  );
  // Agreements reported on in the period (progress rows point at them).
  const progressAgreementIds = [
    ...new Set(progress.filter((g) => sessionIds.has(g.sessionId)).map((g) => g.agreementId)),
  ];
  // Read as pages of the commission's agreements, not one query each: a quarter may report on thousands.
  const position = new Map(progressAgreementIds.map((id, index) => [id, index]));
  const reportedAgreements =
    position.size === 0
      ? []
      : (await listAll<Agreement>(ctx, agreementResource, { ...ofCommission, sort: "key" }))
          .filter((a) => position.has(a.id))
          .sort((a, b) => (position.get(a.id) as number) - (position.get(b.id) as number));
  // Opinions issued in the period, and those of the year with no recorded issue date (the composer decides how
  // to present them; the checks ask for the date).
  const opinionsInPeriod = opinions.filter(
    (o) => o.issuedOn && o.issuedOn >= period.from && o.issuedOn <= period.to,
  );
  const undatedOpinions = opinions.filter((o) => !o.issuedOn);

  const [people, parties, areas, organisations, catalog] = await Promise.all([
    listAll<Named>(ctx, personResource, {}),
    listAll<Named>(ctx, partyResource, {}),
    listAll<Named>(ctx, areaResource, {}),
    listAll<Named>(ctx, organisationResource, {}),
    listAll<Named & { catalog: string }>(ctx, catalogEntryResource, {}),
  ]);
  const byId = <T extends { id: string }>(rows: T[]) => new Map(rows.map((row) => [row.id, row]));

  return {
    institution: await getInstitution(ctx),
    commission,
    period: { ...period, year, quarters },
    programme,
    memberships,
    sessions: sessionDetails,
    resolutions: resolutions.filter((r) => sessionIds.has(r.sessionId)),
    activities,
    agreements: { signed: signedAgreements, reported: reportedAgreements, progress },
    opinions: { inPeriod: opinionsInPeriod, undated: undatedOpinions },
    names: {
      people: byId(people),
      parties: byId(parties),
      areas: byId(areas),
      organisations: byId(organisations),
      catalog: byId(catalog),
    },
  };
}
