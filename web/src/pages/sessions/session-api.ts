/**
 * What the sessions and resolutions pages read from the API (a subset of each shape; the OpenAPI document has the
 * rest), the query keys they share, and a reader of every page of a list.
 */
import { apiGet } from "../../api/client.ts";
import type { Page, Session } from "../../api/types.ts";

export type SessionRecord = Session & {
  key: string;
  year: number;
  place: string | null;
  link: string | null;
  minutesApprovedByResolutionId: string | null;
  minutesAttachmentId: string | null;
};

export const AGENDA_ITEM_KINDS = [
  "roll_call",
  "agenda_approval",
  "minutes_approval",
  "resolution",
  "report",
  "note",
  "proposal",
  "general_affairs",
  "other",
] as const;
export type AgendaItemKind = (typeof AGENDA_ITEM_KINDS)[number];

export type AgendaItem = {
  id: string;
  sessionId: string;
  position: number;
  kind: AgendaItemKind;
  title: string;
  series: string | null;
  agreementId: string | null;
};

export type AttendanceCategory =
  | "member"
  | "technical_secretary"
  | "party_representative"
  | "invited_official";

export type AttendanceEntry = {
  category: AttendanceCategory;
  personId: string | null;
  partyId: string | null;
  areaId: string | null;
  capacity: string | null;
  isPresent: boolean;
  substitutePersonId: string | null;
};

export type Membership = {
  id: string;
  role: "chair" | "member" | "technical_secretary" | "party_representative" | "guest";
  personId: string | null;
  hasVotingRight: boolean;
  onBehalfOfPartyId: string | null;
  startDate: string | null;
  endDate: string | null;
};

export type Person = { id: string; name: string; honorific: string | null };
export type Party = { id: string; name: string; acronym: string | null };
export type Area = { id: string; name: string; acronym: string | null };

export type VoteOption = "yes" | "no" | "abstain" | "absent";
export const VOTE_OPTIONS: VoteOption[] = ["yes", "no", "abstain", "absent"];

export type Resolution = {
  id: string;
  commissionId: string;
  sessionId: string;
  agendaItemId: string | null;
  number: string;
  year: number;
  seq: number;
  title: string;
  text: string | null;
  outcome: "adopted" | "rejected" | "withdrawn";
  votes: { personId: string; vote: VoteOption }[];
};

export type Attachment = { id: string; filename: string; size: number; mediaType: string; createdAt: string };

/**
 * Query keys: a write invalidates the ones it changes. Lists of sessions start with `sessions`; one session, its
 * agenda and its attendance do not, so refreshing the lists leaves a grid being edited alone.
 */
export const keys = {
  sessions: ["sessions"] as const,
  session: (id: string) => ["session", id] as const,
  agenda: (id: string) => ["session-agenda", id] as const,
  attendance: (id: string) => ["session-attendance", id] as const,
  resolutions: ["resolutions"] as const,
  people: ["catalogs", "people"] as const,
  parties: ["catalogs", "parties"] as const,
  areas: ["catalogs", "areas"] as const,
  memberships: (commissionId: string | undefined) => ["catalogs", "memberships", commissionId] as const,
};

/** Every item of a paginated list, 500 at a time (the API's largest page). */
export async function fetchAll<T>(path: string, query: Record<string, string | number | undefined> = {}) {
  const items: T[] = [];
  for (let offset = 0; ; offset += 500) {
    const page = await apiGet<Page<T>>(path, { ...query, limit: 500, offset });
    items.push(...page.items);
    if (page.items.length === 0 || items.length >= page.total) return items;
  }
}

/** Whether a membership held on `date` (its period includes the day). */
export const isActiveOn = (membership: Membership, date: string) =>
  (membership.startDate === null || membership.startDate <= date) &&
  (membership.endDate === null || membership.endDate >= date);

/** A lookup by id. */
export const byId = <T extends { id: string }>(items: readonly T[] | undefined) =>
  new Map((items ?? []).map((item) => [item.id, item]));
