/**
 * /convenios/estadisticas — the counts of agreements at a cut-off date (GET /agreement-counts): signed and in
 * force, signed by year and by type; and signed by the sector of their counterparts, counted here from the same
 * agreements (the API gives no sector count). Each chart is a figure whose data table is what screen readers
 * read.
 */
import { BarChart } from "@mantine/charts";
import { Paper, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { apiGet } from "../../api/client.ts";
import { useCurrentCommission, useMe } from "../../auth/auth.ts";
import { ChartFigure } from "../../components/chart-figure.tsx";
import { DateField, parseDate } from "../../components/date-field.tsx";
import { longDate, today } from "../../format.ts";
import { useI18n } from "../../i18n/i18n.ts";
import { ErrorNotice } from "../../layout/error-notice.tsx";
import { PageLoader } from "../../layout/page-loader.tsx";
import { SectionHeader } from "./common.tsx";
import { type AgreementCounts, useAgreements, useLookups } from "./data.ts";

const SECTORS = ["public", "private", "social", "academic", "international"] as const;

function Figure({ value, label }: { value: number; label: string }) {
  return (
    <Paper>
      <Text fz={32} fw={700} lh={1.1} c="institutional.8">
        {value.toLocaleString("es-MX")}
      </Text>
      <Text size="sm" c="dimmed">
        {label}
      </Text>
    </Paper>
  );
}

export function StatsPage() {
  const { t, language } = useI18n();
  const me = useMe().data;
  const commission = useCurrentCommission(me).data;
  const lookups = useLookups(commission?.id);
  const [date, setDate] = useState(today());
  const cutOff = parseDate(date) ?? today();
  const counts = useQuery({
    queryKey: ["agreement-counts", commission?.id, cutOff],
    enabled: !!commission,
    queryFn: () =>
      apiGet<AgreementCounts>("/agreement-counts", { commissionId: commission?.id, date: cutOff }),
  });
  const signed = useAgreements(commission?.id, { signedTo: cutOff });

  const countLabel = t("agreements.stats.countColumn");
  const bySector = new Map<string, number>();
  for (const agreement of signed.data?.items ?? []) {
    const sectors = new Set(
      agreement.counterpartIds.map((id) => lookups.organisation.get(id)?.sector ?? "unknown"),
    );
    for (const sector of sectors) bySector.set(sector, (bySector.get(sector) ?? 0) + 1);
  }
  const sectorRows = [...SECTORS, "unknown" as const]
    .filter((sector) => bySector.has(sector))
    .map((sector) => ({ sector: t(`agreements.sector.${sector}`), count: bySector.get(sector) ?? 0 }));

  return (
    <Stack gap="lg">
      <SectionHeader
        title={t("agreements.stats.title")}
        intro={t("agreements.stats.intro")}
        actions={<DateField label={t("agreements.stats.date")} value={date} onChange={setDate} w={200} />}
      />
      {counts.isPending || lookups.isPending ? (
        <PageLoader />
      ) : counts.isError ? (
        <ErrorNotice error={counts.error} onRetry={() => void counts.refetch()} />
      ) : (
        <>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="lg">
            <Figure
              value={counts.data.signed.count}
              label={
                counts.data.signed.since
                  ? t("agreements.stats.signedSince", {
                      since: longDate(counts.data.signed.since, language),
                      date: longDate(counts.data.date, language),
                    })
                  : t("agreements.stats.signed", { date: longDate(counts.data.date, language) })
              }
            />
            <Figure
              value={counts.data.inForce.count}
              label={t("agreements.stats.inForce", { date: longDate(counts.data.inForce.on, language) })}
            />
          </SimpleGrid>
          <Title order={2} className="visually-hidden">
            {t("agreements.stats.charts")}
          </Title>
          <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
            <ChartFigure
              title={t("agreements.stats.byYear")}
              description={t("agreements.stats.byYearHint")}
              table={{
                columns: [t("agreements.stats.year"), countLabel],
                rows: counts.data.signedByYear.map((row) => [String(row.year), row.count]),
              }}
            >
              <BarChart
                h={240}
                data={counts.data.signedByYear.map((row) => ({ year: String(row.year), count: row.count }))}
                dataKey="year"
                series={[{ name: "count", label: countLabel, color: "institutional.6" }]}
                tickLine="y"
                yAxisProps={{ allowDecimals: false }}
                maxBarWidth={72}
              />
            </ChartFigure>
            <ChartFigure
              title={t("agreements.stats.bySector")}
              description={t("agreements.stats.bySectorHint")}
              table={{
                columns: [t("agreements.stats.sector"), countLabel],
                rows: sectorRows.map((row) => [row.sector, row.count]),
              }}
            >
              <BarChart
                h={240}
                data={sectorRows}
                dataKey="sector"
                series={[{ name: "count", label: countLabel, color: "institutional.6" }]}
                tickLine="y"
                yAxisProps={{ allowDecimals: false }}
                maxBarWidth={72}
              />
            </ChartFigure>
          </SimpleGrid>
          <ChartFigure
            title={t("agreements.stats.byType")}
            description={t("agreements.stats.byTypeHint")}
            table={{
              columns: [t("agreements.stats.type"), countLabel],
              rows: counts.data.signedByType.map((row) => [
                row.typeName ?? t("agreements.stats.noType"),
                row.count,
              ]),
            }}
          >
            <BarChart
              h={Math.max(160, counts.data.signedByType.length * 36)}
              data={counts.data.signedByType.map((row) => ({
                type: row.typeName ?? t("agreements.stats.noType"),
                count: row.count,
              }))}
              dataKey="type"
              orientation="vertical"
              yAxisProps={{ width: 260 }}
              xAxisProps={{ allowDecimals: false }}
              maxBarWidth={28}
              series={[{ name: "count", label: countLabel, color: "institutional.6" }]}
              tickLine="x"
            />
          </ChartFigure>
        </>
      )}
    </Stack>
  );
}
