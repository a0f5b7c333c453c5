/**
 * Inicio's figures of a year (GET /api/v1/dashboard): programme progress per line and quarter, activities per
 * month, attendance of members and parties, agreements about to expire. The year offered first is the current
 * one when it has a work programme, otherwise the latest year that has one (the demo is 2021).
 */
import { Select, SimpleGrid, Stack } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { type ReactNode, useState } from "react";
import { apiGet } from "../../api/client.ts";
import type { Commission, Page } from "../../api/types.ts";
import { today } from "../../format.ts";
import { useT } from "../../i18n/i18n.ts";
import { ErrorNotice } from "../../layout/error-notice.tsx";
import { PageLoader } from "../../layout/page-loader.tsx";
import { ActivitiesChart } from "./activities-chart.tsx";
import { AttendanceCharts } from "./attendance-charts.tsx";
import { ExpiringAgreements } from "./expiring-agreements.tsx";
import { ProgrammeProgress } from "./programme-progress.tsx";
import type { Dashboard } from "./types.ts";

function useProgrammeYears(commission: Commission | null | undefined) {
  return useQuery({
    enabled: !!commission,
    queryKey: ["work-programmes", "years", commission?.id],
    queryFn: async () => {
      const page = await apiGet<Page<{ year: number }>>("/work-programmes", {
        commissionId: commission?.id,
        limit: 100,
      });
      const current = Number(today().slice(0, 4));
      const years = [...new Set([current, ...page.items.map((programme) => programme.year)])].sort(
        (a, b) => b - a,
      );
      const withProgramme = page.items.map((programme) => programme.year);
      const initial = withProgramme.includes(current) ? current : Math.max(...withProgramme, 0) || current;
      return { years, initial };
    },
    staleTime: 5 * 60_000,
  });
}

/** The year selector, for the page's header. */
export function YearSelect({
  years,
  value,
  onChange,
}: {
  years: number[];
  value: number;
  onChange(year: number): void;
}) {
  const t = useT();
  return (
    <Select
      label={t("dashboard.year")}
      data={years.map(String)}
      value={String(value)}
      onChange={(next) => next && onChange(Number(next))}
      allowDeselect={false}
      w={120}
      size="sm"
    />
  );
}

/** The years offered (the current one and every year with a programme) and the one shown. */
export function useDashboardYear(commission: Commission | null | undefined) {
  const years = useProgrammeYears(commission);
  const [chosen, setChosen] = useState<number | null>(null);
  return { years, year: chosen ?? years.data?.initial, setYear: setChosen };
}

export function DashboardFigures({
  commission,
  year,
  before,
  beside,
}: {
  commission: Commission;
  year: number;
  /** What the page shows above the figures (the next sessions). */
  before?: ReactNode;
  /** What goes beside the agreements about to expire (the findings). */
  beside?: ReactNode;
}) {
  const dashboard = useQuery({
    queryKey: ["dashboard", commission.id, year],
    queryFn: () => apiGet<Dashboard>("/dashboard", { commissionId: commission.id, year }),
  });
  return (
    <Stack gap="lg">
      {before}
      {dashboard.isPending ? (
        <PageLoader />
      ) : dashboard.isError ? (
        <ErrorNotice error={dashboard.error} onRetry={() => void dashboard.refetch()} />
      ) : (
        <>
          <ProgrammeProgress dashboard={dashboard.data} />
          <ActivitiesChart dashboard={dashboard.data} />
          <AttendanceCharts dashboard={dashboard.data} />
          <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
            <ExpiringAgreements dashboard={dashboard.data} />
            {beside}
          </SimpleGrid>
        </>
      )}
    </Stack>
  );
}
