/** Activities of the year per month, stacked by strategic line (the data table says the same in numbers). */
import { BarChart } from "@mantine/charts";
import { ChartFigure } from "../../components/chart-figure.tsx";
import { useT } from "../../i18n/i18n.ts";
import type { Dashboard } from "./types.ts";

/** Distinct, colour-blind-friendly series colours (Mantine palette), one per line. */
export const SERIES_COLORS = [
  "institutional.6",
  "teal.7",
  "blue.6",
  "orange.6",
  "grape.5",
  "cyan.7",
  "lime.7",
  "gray.6",
];

const MONTHS = Array.from({ length: 12 }, (_, index) => index);

export function ActivitiesChart({ dashboard }: { dashboard: Dashboard }) {
  const t = useT();
  const lines = dashboard.activitiesByLineAndMonth.filter((line) => line.total > 0);
  const seriesName = (line: (typeof lines)[number]) =>
    line.number === null
      ? t("dashboard.activities.outside")
      : t("dashboard.activities.line", { number: line.number });
  const data = MONTHS.map((month) => ({
    month: t(`dashboard.month.${month}` as "dashboard.month.0"),
    ...Object.fromEntries(lines.map((line) => [seriesName(line), line.months[month] ?? 0])),
  }));
  const total = lines.reduce((sum, line) => sum + line.total, 0);
  return (
    <ChartFigure
      title={t("dashboard.activities.title", { year: dashboard.year })}
      description={t("dashboard.activities.intro", { total })}
      table={{
        columns: [
          t("dashboard.activities.lineColumn"),
          ...MONTHS.map((m) => t(`dashboard.month.${m}` as "dashboard.month.0")),
          t("dashboard.total"),
        ],
        rows: lines.map((line) => [
          line.number === null ? t("dashboard.activities.outside") : `${line.number}. ${line.title ?? ""}`,
          ...line.months,
          line.total,
        ]),
      }}
    >
      <BarChart
        h={260}
        data={data}
        dataKey="month"
        type="stacked"
        withLegend
        legendProps={{ verticalAlign: "bottom", height: 40 }}
        tickLine="y"
        series={lines.map((line, index) => ({
          name: seriesName(line),
          color: SERIES_COLORS[index % SERIES_COLORS.length] as string,
        }))}
      />
    </ChartFigure>
  );
}
