/**
 * /convenios/:id — one agreement: its data (corrected by the secretariat with PATCH), its stage and the history
 * of stages with their dates (the domain records each stage reached), its pertinence opinions, the progress
 * reported session by session, and its documents.
 */
import { Anchor, Grid, Group, Paper, Stack, Text, Timeline, Title } from "@mantine/core";
import { useState } from "react";
import { Link, useParams } from "react-router";
import { useMe } from "../../auth/auth.ts";
import { longDate } from "../../format.ts";
import { useI18n } from "../../i18n/i18n.ts";
import { ErrorNotice } from "../../layout/error-notice.tsx";
import { PageLoader } from "../../layout/page-loader.tsx";
import { recordPath } from "../../records.ts";
import { AgreementDetails } from "./agreement-details.tsx";
import { StageBadge } from "./common.tsx";
import { type AgreementStage, canWrite, stageRank, useAgreement, useLookups } from "./data.ts";
import { Documents } from "./documents.tsx";
import { Opinions } from "./opinions.tsx";
import { ProgressReports } from "./progress-reports.tsx";
import { MoveMenu, StageChangeDialog } from "./stage-move.tsx";

export function AgreementPage() {
  const { t, language } = useI18n();
  const { id } = useParams();
  const me = useMe().data;
  const agreement = useAgreement(id);
  const lookups = useLookups(agreement.data?.commissionId);
  const [moving, setMoving] = useState<AgreementStage | null>(null);

  if (agreement.isPending || lookups.isPending) return <PageLoader />;
  if (agreement.isError)
    return <ErrorNotice error={agreement.error} onRetry={() => void agreement.refetch()} />;
  const record = agreement.data;
  const history = [...record.stages].sort(
    (a, b) => stageRank(a.stage) - stageRank(b.stage) || a.date.localeCompare(b.date),
  );
  const parent = record.parentId;

  return (
    <Stack gap="lg">
      <Anchor component={Link} to="/convenios" size="sm">
        {t("agreements.backToRegister")}
      </Anchor>
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Stack gap={6}>
          <Title order={1} size="h2">
            {record.title}
          </Title>
          <Group gap="sm">
            <Text size="sm" c="dimmed" ff="monospace">
              {record.key}
            </Text>
            <StageBadge stage={record.stage} />
            {parent && (
              <Anchor component={Link} to={recordPath("agreement", parent) ?? "/convenios"} size="sm">
                {t("agreements.page.parent")}
              </Anchor>
            )}
          </Group>
        </Stack>
        {canWrite(me) && <MoveMenu agreement={record} onPick={setMoving} size="sm" />}
      </Group>

      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <Stack gap="lg">
            <AgreementDetails agreement={record} lookups={lookups} />
            <ProgressReports agreement={record} lookups={lookups} />
            <Opinions agreement={record} lookups={lookups} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <Stack gap="lg">
            <Paper component="section" aria-labelledby="history-title">
              <Stack gap="sm">
                <Title order={2} size="h4" id="history-title">
                  {t("agreements.history.title")}
                </Title>
                {history.length === 0 ? (
                  <Text size="sm" c="dimmed">
                    {t("agreements.history.empty")}
                  </Text>
                ) : (
                  <Timeline
                    active={history.length - 1}
                    bulletSize={14}
                    lineWidth={2}
                    data-testid="stage-history"
                  >
                    {history.map((event) => (
                      <Timeline.Item
                        key={event.stage}
                        title={
                          <Text size="sm" fw={600}>
                            {t(`agreements.stage.${event.stage}`)}
                          </Text>
                        }
                      >
                        <Text size="xs" c="dimmed">
                          {longDate(event.date, language)}
                        </Text>
                        {event.note && <Text size="xs">{event.note}</Text>}
                      </Timeline.Item>
                    ))}
                  </Timeline>
                )}
                {!record.stages.some((event) => event.stage === record.stage) && (
                  <Text size="xs" c="dimmed">
                    {t("agreements.history.currentUndated", { stage: t(`agreements.stage.${record.stage}`) })}
                  </Text>
                )}
              </Stack>
            </Paper>
            <Documents agreement={record} />
          </Stack>
        </Grid.Col>
      </Grid>
      {moving && <StageChangeDialog agreement={record} stage={moving} onClose={() => setMoving(null)} />}
    </Stack>
  );
}
