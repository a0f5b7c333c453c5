/**
 * Programme progress: one row per strategic line, one cell per quarter — of the actions programmed in it, how
 * many were done (an activity), justified or are still pending — as a segmented bar with the numbers in words.
 */
import { Group, Paper, Progress, Stack, Table, Text, Title } from "@mantine/core";
import { useT } from "../../i18n/i18n.ts";
import type { Dashboard, QuarterProgress } from "./types.ts";

const QUARTERS = [1, 2, 3, 4] as const;

function QuarterCell({ progress }: { progress: QuarterProgress | undefined }) {
  const t = useT();
  if (!progress || progress.programmed === 0)
    return (
      <Text size="xs" c="dimmed">
        {progress?.doneOutsideProgramme
          ? t("dashboard.progress.outside", { count: progress.doneOutsideProgramme })
          : t("dashboard.progress.none")}
      </Text>
    );
  const share = (count: number) => (count / progress.programmed) * 100;
  return (
    <Stack gap={4}>
      <Progress.Root size="lg" aria-hidden>
        <Progress.Section value={share(progress.done)} color="teal.7" />
        <Progress.Section value={share(progress.justified)} color="blue.4" />
        <Progress.Section value={share(progress.pending)} color="orange.3" />
      </Progress.Root>
      <Text size="xs" fw={600}>
        {t("dashboard.progress.cell", { done: progress.done, programmed: progress.programmed })}
      </Text>
      {(progress.justified > 0 || progress.pending > 0) && (
        <Text size="xs" c="dimmed">
          {[
            progress.justified > 0 && t("dashboard.progress.justifiedCount", { count: progress.justified }),
            progress.pending > 0 && t("dashboard.progress.pendingCount", { count: progress.pending }),
          ]
            .filter(Boolean)
            .join(" · ")}
        </Text>
      )}
    </Stack>
  );
}

export function ProgrammeProgress({ dashboard }: { dashboard: Dashboard }) {
  const t = useT();
  return (
    <Paper>
      <Stack gap="sm">
        <div>
          <Title order={2}>{t("dashboard.progress.title")}</Title>
          <Text size="sm" c="dimmed">
            {dashboard.programme
              ? t("dashboard.progress.intro", { programme: dashboard.programme.title })
              : t("dashboard.progress.noProgramme", { year: dashboard.year })}
          </Text>
        </div>
        {dashboard.programmeProgress.length > 0 && (
          <>
            <Group gap="lg" aria-hidden>
              {(
                [
                  ["teal.7", "dashboard.progress.done"],
                  ["blue.4", "dashboard.progress.justified"],
                  ["orange.3", "dashboard.progress.pending"],
                ] as const
              ).map(([color, label]) => (
                <Group key={label} gap={6}>
                  <span
                    className="legend-swatch"
                    style={{ background: `var(--mantine-color-${color.replace(".", "-")})` }}
                  />
                  <Text size="xs">{t(label)}</Text>
                </Group>
              ))}
            </Group>
            <Table.ScrollContainer minWidth={760}>
              <Table verticalSpacing="sm" layout="fixed">
                <caption className="visually-hidden">{t("dashboard.progress.title")}</caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col" w="32%">
                      {t("dashboard.progress.line")}
                    </Table.Th>
                    {QUARTERS.map((quarter) => (
                      <Table.Th key={quarter} scope="col">
                        {t(`dashboard.quarter.Q${quarter}`)}
                      </Table.Th>
                    ))}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {dashboard.programmeProgress.map((line) => (
                    <Table.Tr key={line.lineId}>
                      <Table.Th scope="row" fw={500}>
                        <Text size="sm" lineClamp={2}>
                          {line.number}. {line.title}
                        </Text>
                      </Table.Th>
                      {QUARTERS.map((quarter) => (
                        <Table.Td key={quarter}>
                          <QuarterCell progress={line.quarters.find((entry) => entry.quarter === quarter)} />
                        </Table.Td>
                      ))}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </>
        )}
      </Stack>
    </Paper>
  );
}
