/** Attendance of the year: the rate of each member and of each party's representation, as horizontal bars. */
import { BarChart } from "@mantine/charts";
import { SimpleGrid } from "@mantine/core";
import { ChartFigure } from "../../components/chart-figure.tsx";
import { useT } from "../../i18n/i18n.ts";
import type { Dashboard } from "./types.ts";

const percent = (rate: number) => Math.round(rate * 1000) / 10;

function RateChart({
  title,
  description,
  rows,
}: {
  title: string;
  description: string;
  rows: { name: string; attended: number; expected: number; rate: number }[];
}) {
  const t = useT();
  const rateLabel = t("dashboard.attendance.rate");
  return (
    <ChartFigure
      title={title}
      description={description}
      table={{
        columns: [t("dashboard.attendance.who"), t("dashboard.attendance.attended"), rateLabel],
        rows: rows.map((row) => [row.name, `${row.attended} / ${row.expected}`, `${percent(row.rate)} %`]),
      }}
    >
      <BarChart
        h={Math.max(120, rows.length * 30 + 40)}
        data={rows.map((row) => ({ name: row.name, [rateLabel]: percent(row.rate) }))}
        dataKey="name"
        orientation="vertical"
        yAxisProps={{ width: 180 }}
        xAxisProps={{ domain: [0, 100] }}
        valueFormatter={(value) => `${value} %`}
        gridAxis="x"
        series={[{ name: rateLabel, color: "institutional.6" }]}
      />
    </ChartFigure>
  );
}

export function AttendanceCharts({ dashboard }: { dashboard: Dashboard }) {
  const t = useT();
  const { attendanceRates: rates } = dashboard;
  const held = t("dashboard.attendance.held", { count: rates.sessionsHeld, year: dashboard.year });
  return (
    <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
      <RateChart title={t("dashboard.attendance.members")} description={held} rows={rates.members} />
      <RateChart
        title={t("dashboard.attendance.parties")}
        description={held}
        rows={rates.parties.map((party) => ({ ...party, name: party.acronym ?? party.name }))}
      />
    </SimpleGrid>
  );
}
