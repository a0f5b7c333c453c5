/**
 * What the Difusión pages read from the API (src/http/routes/outreach.routes.ts): contact lists, contacts, the
 * read log, campaigns with their sends and progress, and data-protection (ARCO) requests. Contacts are personal
 * data: every read of a list's contacts is logged by the server, so the pages read them only when shown.
 */
import { useQuery } from "@tanstack/react-query";
import { apiGet } from "../../api/client.ts";
import type { Me, Page } from "../../api/types.ts";
import { hasPermission } from "../../auth/auth.ts";

export const CONTACT_STATUSES = ["subscribed", "unsubscribed", "bounced", "blocked"] as const;
export type ContactStatus = (typeof CONTACT_STATUSES)[number];
export const CAMPAIGN_STATUSES = ["draft", "scheduled", "sending", "sent", "cancelled"] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];
export const ARCO_KINDS = ["access", "rectification", "cancellation", "opposition"] as const;
export type ArcoKind = (typeof ARCO_KINDS)[number];
export const ARCO_OUTCOMES = ["granted", "denied", "withdrawn"] as const;
export type ArcoStatus = "received" | (typeof ARCO_OUTCOMES)[number];

export type OutreachList = {
  id: string;
  commissionId: string;
  key: string;
  name: string;
  description: string | null;
  purpose: string;
  retentionMonths: number;
  privacyNoticeVersion: string;
  createdAt: string;
  updatedAt: string;
};
/** A list as GET /outreach-lists gives it: with its counts. */
export type ListWithCounts = OutreachList & {
  subscribedCount: number;
  unsubscribedCount: number;
  bouncedCount: number;
  blockedCount: number;
  contactCount: number;
};

export type Consent = {
  id: string;
  givenOn: string;
  source: string;
  privacyNoticeVersion: string;
  purposes: string[];
};

export type Contact = {
  id: string;
  listId: string;
  name: string | null;
  email: string;
  country: string | null;
  city: string | null;
  language: string | null;
  tags: string[];
  status: ContactStatus;
  statusChangedAt: string;
  createdAt: string;
};
export type ContactWithConsents = Contact & { consents: Consent[] };

export type ListRead = {
  id: string;
  actor: string;
  at: string;
  purpose: string;
  filters: Record<string, unknown>;
  rowCount: number;
};

export type ImportResult = {
  committed: boolean;
  total: number;
  valid: number;
  rejected: number;
  imported: number;
  rejections: { row: number; email: string; reasons: { column: string; message: string }[] }[];
  preview: {
    row: number;
    name: string | null;
    email: string;
    country: string | null;
    city: string | null;
    language: string | null;
    tags: string[];
  }[];
};

export type CampaignSend = {
  number: number;
  sentOn: string;
  startedAt: string;
  finishedAt: string | null;
  delivered: number | null;
  failed: number | null;
};

export type Campaign = {
  id: string;
  listId: string;
  subject: string;
  bodyMarkdown: string;
  status: CampaignStatus;
  scheduledAt: string | null;
  ratePerMinute: number;
  activityKindId: string | null;
  actionId: string | null;
  reportTitle: string | null;
  activityId: string | null;
  recipientCount: number;
  startedAt: string | null;
  sentAt: string | null;
  createdAt: string;
  updatedAt: string;
};
export type CampaignDetail = Campaign & { sends: CampaignSend[] };

export type DeliveryCounts = {
  pending: number;
  sending: number;
  sent: number;
  failed_temporary: number;
  failed_permanent: number;
  bounced: number;
};

export type CampaignProgress = {
  status: CampaignStatus;
  scheduledAt: string | null;
  sentAt: string | null;
  recipientCount: number;
  send: { number: number; sentOn: string; startedAt: string; finishedAt: string | null } | null;
  total: number;
  deliveries: DeliveryCounts;
};

export type CampaignPreview = { subject: string; from: string; html: string; text: string };

export type DataProtectionRequest = {
  id: string;
  commissionId: string;
  kind: ArcoKind;
  contactId: string | null;
  requesterEmail: string;
  requesterName: string | null;
  details: string | null;
  receivedOn: string;
  deadlineOn: string;
  status: ArcoStatus;
  outcome: string | null;
  resolvedOn: string | null;
};

export const canWriteContacts = (me: Me | null | undefined) => hasPermission(me, "contacts.write");

export const OUTREACH_KEY = ["outreach"] as const;
export const LISTS_KEY = [...OUTREACH_KEY, "lists"] as const;
export const CAMPAIGNS_KEY = [...OUTREACH_KEY, "campaigns"] as const;
export const ARCO_KEY = [...OUTREACH_KEY, "arco"] as const;

export function useLists(commissionId: string | undefined) {
  return useQuery({
    queryKey: [...LISTS_KEY, "all", commissionId],
    enabled: !!commissionId,
    queryFn: () => apiGet<ListWithCounts[]>("/outreach-lists", { commissionId }),
  });
}

/** One list with its counts (GET /outreach-lists/:id has none; the lists' table has them). */
export function useList(commissionId: string | undefined, id: string | undefined) {
  const lists = useLists(commissionId);
  const list = lists.data?.find((candidate) => candidate.id === id);
  return { ...lists, list };
}

export type ContactFilters = { status?: string; country?: string; tag?: string; q?: string };

export const CONTACTS_PAGE = 50;

export function useContacts(listId: string, filters: ContactFilters, offset: number) {
  return useQuery({
    queryKey: [...LISTS_KEY, listId, "contacts", filters, offset],
    queryFn: () =>
      apiGet<Page<Contact>>(`/outreach-lists/${encodeURIComponent(listId)}/contacts`, {
        ...filters,
        limit: CONTACTS_PAGE,
        offset,
      }),
    placeholderData: (previous) => previous,
    // Every read is logged by the server: no reading again behind the person's back.
    refetchOnWindowFocus: false,
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export function useReads(listId: string, offset: number) {
  return useQuery({
    queryKey: [...LISTS_KEY, listId, "reads", offset],
    queryFn: () =>
      apiGet<Page<ListRead>>(`/outreach-lists/${encodeURIComponent(listId)}/reads`, {
        limit: CONTACTS_PAGE,
        offset,
      }),
  });
}

export function useListCampaigns(listId: string) {
  return useQuery({
    queryKey: [...CAMPAIGNS_KEY, "of-list", listId],
    queryFn: () => apiGet<Campaign[]>(`/outreach-lists/${encodeURIComponent(listId)}/campaigns`),
  });
}

export function useCampaign(id: string | undefined) {
  return useQuery({
    queryKey: [...CAMPAIGNS_KEY, "one", id],
    enabled: !!id,
    queryFn: () => apiGet<CampaignDetail>(`/campaigns/${encodeURIComponent(id ?? "")}`),
    // A scheduled campaign is started by the server: read it again now and then to see it start.
    refetchInterval: (query) => (query.state.data?.status === "scheduled" ? SCHEDULED_POLL_MS : false),
  });
}

/** How often the progress is asked while a send is under way (docs/decisions/027). */
export const PROGRESS_POLL_MS = 2_000;
/** How often a scheduled campaign is read again, to notice that the server started it. */
export const SCHEDULED_POLL_MS = 10_000;

export function useCampaignProgress(id: string, isLive: boolean) {
  return useQuery({
    queryKey: [...CAMPAIGNS_KEY, "progress", id],
    queryFn: () => apiGet<CampaignProgress>(`/campaigns/${encodeURIComponent(id)}/progress`),
    refetchInterval: (query) => {
      const status = query.state.data?.status ?? (isLive ? "sending" : undefined);
      return status === "sending" ? PROGRESS_POLL_MS : false;
    },
  });
}

export function useCampaignPreview(id: string, updatedAt: string) {
  return useQuery({
    queryKey: [...CAMPAIGNS_KEY, "preview", id, updatedAt],
    queryFn: () => apiGet<CampaignPreview>(`/campaigns/${encodeURIComponent(id)}/preview`),
    refetchOnWindowFocus: false,
  });
}

/** Whether this server sends campaigns itself (SMTP configured) or an operator runs `vincula campaign send`. */
export function useMailStatus() {
  return useQuery({
    queryKey: [...OUTREACH_KEY, "mail"],
    queryFn: () => apiGet<{ configured: boolean }>("/outreach/mail"),
    staleTime: 5 * 60_000,
  });
}

export function useDataProtectionRequests(commissionId: string | undefined) {
  return useQuery({
    queryKey: [...ARCO_KEY, commissionId],
    enabled: !!commissionId,
    queryFn: () => apiGet<DataProtectionRequest[]>("/data-protection-requests", { commissionId }),
  });
}

/** Calendar days from `today` to `deadline` (negative when it passed). */
export function daysLeft(deadline: string, today: string): number {
  return Math.round((Date.parse(`${deadline}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
}

/** A deadline five calendar days away or less is near (a business week). */
export const NEAR_DEADLINE_DAYS = 5;

/**
 * «2026-12-08» and «09:30» in Mexico City → an ISO instant with its offset. Mexico City keeps UTC−6 all year
 * since daylight saving time ended in 2022.
 */
export function mexicoCityInstant(date: string, time: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !/^\d{2}:\d{2}$/.test(time)) return null;
  return `${date}T${time}:00-06:00`;
}

/** The split of a send's deliveries a person reads: sent, failed for good, waiting for a retry, still to go. */
export function progressShares(progress: Pick<CampaignProgress, "total" | "deliveries">) {
  const { deliveries, total } = progress;
  const failed = deliveries.failed_permanent + deliveries.bounced;
  const retrying = deliveries.failed_temporary;
  const waiting = deliveries.pending + deliveries.sending;
  const share = (count: number) => (total > 0 ? (count / total) * 100 : 0);
  return {
    sent: deliveries.sent,
    failed,
    retrying,
    waiting,
    done: deliveries.sent + failed,
    sentShare: share(deliveries.sent),
    failedShare: share(failed),
    retryingShare: share(retrying),
  };
}
