/**
 * What the Informes section reads from the API (GET /reports, /reports/:id, /reports/checks, the programme of the
 * report's year, sessions, agenda items and resolutions) and the keys its mutations invalidate.
 */
import { useQuery } from "@tanstack/react-query";
import { apiGet } from "../../api/client.ts";
import type { Page, Session } from "../../api/types.ts";

export type ReportStatus = "draft" | "presented" | "approved";
export type ReportFile = { format: string; sha256: string; size: number };

export type Report = {
  id: string;
  commissionId: string;
  /** «2021-Q1» or «2021». */
  period: string;
  /** «primer trimestre de 2021», «año 2021». */
  periodName: string;
  status: ReportStatus;
  introduction: string[];
  partTexts: Record<string, string[]>;
  presentedAgendaItemId: string | null;
  approvedByResolutionId: string | null;
  presentation: {
    sessionId: string;
    sessionName: string;
    date: string;
    dateText: string;
    position: number;
    title: string;
  } | null;
  approval: { number: string; title: string } | null;
  approvedAt: string | null;
  createdAt: string;
  updatedAt: string;
  files: ReportFile[];
};

export type PeriodFinding = {
  code: string;
  severity: "error" | "warning" | "info";
  message: string;
  record: { type: string; id: string; label: string };
  isBlocking: boolean;
};

export type AgendaItem = { id: string; sessionId: string; position: number; kind: string; title: string };

export type Resolution = {
  id: string;
  sessionId: string;
  number: string;
  title: string;
  outcome: string;
};

export type Programme = {
  id: string;
  year: number;
  lines: { number: number; title: string; actions: { letter: string; title: string }[] }[];
};

export const REPORTS_KEY = ["reports"] as const;
export const reportKey = (id: string) => ["reports", "one", id] as const;
export const reportListKey = (commissionId: string | undefined) => ["reports", "list", commissionId] as const;
export const checksKey = (commissionId: string, period: string) =>
  ["reports", "checks", commissionId, period] as const;

export function useReports(commissionId: string | undefined) {
  return useQuery({
    queryKey: reportListKey(commissionId),
    enabled: !!commissionId,
    queryFn: () => apiGet<{ items: Report[] }>("/reports", { commissionId }),
  });
}

export function useReport(id: string) {
  return useQuery({ queryKey: reportKey(id), queryFn: () => apiGet<Report>(`/reports/${id}`) });
}

export function useReportFindings(report: Report | undefined) {
  return useQuery({
    queryKey: checksKey(report?.commissionId ?? "", report?.period ?? ""),
    enabled: !!report && report.status !== "approved",
    queryFn: () =>
      apiGet<{ items: PeriodFinding[] }>("/reports/checks", {
        commissionId: report?.commissionId,
        period: report?.period,
      }),
  });
}

/** The programme of the report's year: its actions are the parts whose opening text a draft may carry. */
export function useProgramme(report: Report | undefined, enabled: boolean) {
  return useQuery({
    queryKey: ["work-programmes", report?.commissionId, report?.period.slice(0, 4)],
    enabled: !!report && enabled,
    queryFn: async () => {
      const page = await apiGet<Page<Programme>>("/work-programmes", {
        commissionId: report?.commissionId,
        year: report?.period.slice(0, 4),
        limit: 1,
      });
      return page.items[0] ?? null;
    },
  });
}

/** The sessions of the commission from the period's start: a report is presented after the period it covers. */
export function useSessionsFrom(commissionId: string, from: string, enabled: boolean) {
  return useQuery({
    queryKey: ["sessions", "from", commissionId, from],
    enabled,
    queryFn: () =>
      apiGet<Page<Session>>("/sessions", { commissionId, from, sort: "date", order: "desc", limit: 100 }),
  });
}

export function useAgendaItems(sessionId: string | null) {
  return useQuery({
    queryKey: ["sessions", sessionId, "agenda-items"],
    enabled: !!sessionId,
    queryFn: async () => (await apiGet<{ items: AgendaItem[] }>(`/sessions/${sessionId}/agenda-items`)).items,
  });
}

export function useSessionResolutions(commissionId: string, sessionId: string | null) {
  return useQuery({
    queryKey: ["resolutions", "session", sessionId],
    enabled: !!sessionId,
    queryFn: () =>
      apiGet<Page<Resolution>>("/resolutions", {
        commissionId,
        sessionId: sessionId ?? undefined,
        limit: 100,
      }),
  });
}
