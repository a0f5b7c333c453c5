/**
 * What the agreement pages read from the API: the agreements, and the catalogues that name what they point to
 * (types, areas, organisations, sessions), each loaded once and shared by every page of the section.
 */
import { useQuery } from "@tanstack/react-query";
import { apiGet } from "../../api/client.ts";
import type { Me, Page, Session } from "../../api/types.ts";
import { hasPermission } from "../../auth/auth.ts";

export type AgreementStage =
  | "negotiation"
  | "pertinence_opinion"
  | "signed"
  | "in_force"
  | "concluded"
  | "terminated"
  | "cancelled";

export type Management = "direct" | "accompanied";

export type Agreement = {
  id: string;
  commissionId: string;
  key: string;
  title: string;
  typeId: string | null;
  object: string | null;
  counterpartIds: string[];
  areaIds: string[];
  management: Management;
  stage: AgreementStage;
  stages: { stage: AgreementStage; date: string; note: string | null }[];
  signedOn: string | null;
  validFrom: string | null;
  validTo: string | null;
  isIndefinite: boolean;
  parentId: string | null;
  resources: string | null;
  documents: { attachmentId: string; label: string }[];
  updatedAt: string;
};

export type PertinenceOpinion = {
  id: string;
  number: string;
  agreementId: string | null;
  subject: string;
  outcome: "favourable" | "unfavourable";
  issuedOn: string | null;
  areaIds: string[];
};

export type AgreementProgress = {
  id: string;
  agreementId: string;
  sessionId: string;
  areaId: string | null;
  text: string | null;
};

export type Attachment = { id: string; filename: string; mediaType: string; size: number };

export type AgreementCounts = {
  date: string;
  signed: { since: string | null; count: number };
  inForce: { on: string; count: number };
  signedByYear: { year: number; count: number }[];
  signedByType: { typeId: string | null; typeKey: string | null; typeName: string | null; count: number }[];
};

type Named = { id: string; name: string; acronym?: string | null };
export type Organisation = Named & { sector: string | null };
export type Area = Named;
export type CatalogEntry = { id: string; key: string; name: string };

/** The life of an agreement in order (src/domain/agreements/agreement-stages.ts): the board's columns. */
export const STAGES: AgreementStage[] = [
  "negotiation",
  "pertinence_opinion",
  "signed",
  "in_force",
  "concluded",
  "terminated",
  "cancelled",
];

const STAGE_RANK: Record<AgreementStage, number> = {
  negotiation: 0,
  pertinence_opinion: 1,
  signed: 2,
  in_force: 3,
  concluded: 4,
  terminated: 4,
  cancelled: 4,
};

/**
 * The stages the domain lets the agreement move to (the same rules as agreement-stages.ts, so the menu offers
 * only what POST /agreements/:id/stage accepts): forward only, nowhere from an ending, and in force, concluded
 * or terminated only once signed.
 */
export function nextStages(agreement: Pick<Agreement, "stage" | "signedOn">): AgreementStage[] {
  if (STAGE_RANK[agreement.stage] === 4) return [];
  return STAGES.filter(
    (stage) =>
      STAGE_RANK[stage] > STAGE_RANK[agreement.stage] &&
      !(["in_force", "concluded", "terminated"].includes(stage) && !agreement.signedOn),
  );
}

export const stageRank = (stage: AgreementStage): number => STAGE_RANK[stage];

/** Days since the agreement reached its current stage, when the history dates it. */
export function daysInStage(agreement: Agreement, today: string): number | null {
  const reached = agreement.stages.find((event) => event.stage === agreement.stage)?.date;
  if (!reached) return null;
  const days = Math.floor((Date.parse(today) - Date.parse(reached)) / 86_400_000);
  return days >= 0 ? days : null;
}

export const AGREEMENTS_KEY = ["agreements"] as const;

export function useAgreements(commissionId: string | undefined, filters: Record<string, string | undefined>) {
  return useQuery({
    queryKey: [...AGREEMENTS_KEY, "list", commissionId, filters],
    enabled: !!commissionId,
    queryFn: () =>
      apiGet<Page<Agreement>>("/agreements", {
        commissionId,
        ...filters,
        sort: "key",
        limit: 500,
      }),
  });
}

export function useAgreement(id: string | undefined) {
  return useQuery({
    queryKey: [...AGREEMENTS_KEY, "one", id],
    enabled: !!id,
    queryFn: () => apiGet<Agreement>(`/agreements/${encodeURIComponent(id ?? "")}`),
  });
}

const LOOKUP_STALE = 5 * 60_000;

/** The names of what agreements point to, by id, for tables, cards and selects. */
export function useLookups(commissionId: string | undefined) {
  const organisations = useQuery({
    queryKey: ["organisations", "all"],
    staleTime: LOOKUP_STALE,
    queryFn: () => apiGet<Page<Organisation>>("/organisations", { limit: 500, sort: "name" }),
  });
  const areas = useQuery({
    queryKey: ["areas", "all"],
    staleTime: LOOKUP_STALE,
    queryFn: () => apiGet<Page<Area>>("/areas", { limit: 500, sort: "name" }),
  });
  const types = useQuery({
    queryKey: ["catalog-entries", "agreement_type"],
    staleTime: LOOKUP_STALE,
    queryFn: () => apiGet<Page<CatalogEntry>>("/catalog-entries", { catalog: "agreement_type", limit: 500 }),
  });
  const sessions = useQuery({
    queryKey: ["sessions", commissionId, "for-agreements"],
    enabled: !!commissionId,
    staleTime: LOOKUP_STALE,
    queryFn: () =>
      apiGet<Page<Session>>("/sessions", { commissionId, sort: "date", order: "desc", limit: 500 }),
  });
  const byId = <T extends { id: string }>(items: T[] | undefined) =>
    new Map((items ?? []).map((item) => [item.id, item]));
  return {
    isPending: organisations.isPending || areas.isPending || types.isPending,
    error: organisations.error ?? areas.error ?? types.error ?? sessions.error,
    organisations: organisations.data?.items ?? [],
    areas: areas.data?.items ?? [],
    types: types.data?.items ?? [],
    sessions: sessions.data?.items ?? [],
    organisation: byId(organisations.data?.items),
    area: byId(areas.data?.items),
    type: byId(types.data?.items),
    session: byId(sessions.data?.items),
  };
}
export type Lookups = ReturnType<typeof useLookups>;

/** «ARVM», or the name when it has no acronym. */
export const shortName = (record: Named | undefined): string => record?.acronym || record?.name || "—";

export const canWrite = (me: Me | null | undefined): boolean => hasPermission(me, "records.write");

/**
 * Whether the account may report progress on the agreement: the secretariat always; an area liaison for the
 * agreements of its own area (the API decides the same with «area.write» and the agreement's areas).
 */
export function canReportProgress(me: Me | null | undefined, agreement: Pick<Agreement, "areaIds">): boolean {
  if (canWrite(me)) return true;
  if (!hasPermission(me, "area.write")) return false;
  return (me?.roles ?? []).some(
    (role) => role.role === "area_liaison" && !!role.areaId && agreement.areaIds.includes(role.areaId),
  );
}
