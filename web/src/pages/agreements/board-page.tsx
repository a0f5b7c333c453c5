/**
 * /convenios/tablero — the agreements by stage: one column per stage in the order of their life, a card per
 * agreement (key, title, counterpart, area, days in its stage when the history dates it). The secretariat moves
 * an agreement with the card's «Mover a…» menu (only the stages the domain allows next) or by dragging the card
 * to a column; either way the date is asked before POST /agreements/:id/stage, and a refusal is shown as the API
 * words it. The columns scroll sideways inside their own box, so the page keeps its width.
 */
import { Alert, Anchor, Badge, Box, Group, Paper, ScrollArea, Stack, Text, Title } from "@mantine/core";
import { type DragEvent, useState } from "react";
import { Link } from "react-router";
import { useCurrentCommission, useMe } from "../../auth/auth.ts";
import { today } from "../../format.ts";
import { useT } from "../../i18n/i18n.ts";
import { ErrorNotice } from "../../layout/error-notice.tsx";
import { PageLoader } from "../../layout/page-loader.tsx";
import { SectionHeader, STAGE_COLOR } from "./common.tsx";
import {
  type Agreement,
  type AgreementStage,
  canWrite,
  daysInStage,
  type Lookups,
  nextStages,
  STAGES,
  shortName,
  useAgreements,
  useLookups,
} from "./data.ts";
import { MoveMenu, StageChangeDialog } from "./stage-move.tsx";

const DRAG_TYPE = "application/x-vincula-agreement";

function AgreementCard({
  agreement,
  lookups,
  isWritable,
  onPick,
}: {
  agreement: Agreement;
  lookups: Lookups;
  isWritable: boolean;
  onPick: (stage: AgreementStage) => void;
}) {
  const t = useT();
  const days = daysInStage(agreement, today());
  const counterpart = agreement.counterpartIds
    .map((id) => shortName(lookups.organisation.get(id)))
    .join(", ");
  const areas = agreement.areaIds.map((id) => shortName(lookups.area.get(id))).join(", ");
  const canMove = isWritable && nextStages(agreement).length > 0;
  return (
    <Paper
      component="li"
      p="sm"
      withBorder
      shadow="xs"
      draggable={canMove}
      onDragStart={(event: DragEvent) => {
        event.dataTransfer.setData(DRAG_TYPE, agreement.id);
        event.dataTransfer.effectAllowed = "move";
      }}
      style={{ cursor: canMove ? "grab" : undefined, listStyle: "none" }}
      data-testid={`card-${agreement.key}`}
    >
      <Stack gap={6}>
        <Text size="xs" c="dimmed" ff="monospace" style={{ overflowWrap: "anywhere" }}>
          {agreement.key}
        </Text>
        <Anchor component={Link} to={`/convenios/${agreement.id}`} size="sm" fw={600} lineClamp={3}>
          {agreement.title}
        </Anchor>
        <Text size="xs">
          <Text span fw={600} size="xs">
            {t("agreements.card.counterpart")}
          </Text>{" "}
          {counterpart}
        </Text>
        {areas && (
          <Text size="xs">
            <Text span fw={600} size="xs">
              {t("agreements.card.area")}
            </Text>{" "}
            {areas}
          </Text>
        )}
        {days !== null && (
          <Text size="xs" c="dimmed">
            {t("agreements.card.days", { count: days })}
          </Text>
        )}
        {canMove && (
          <Group justify="flex-end" mt={2}>
            <MoveMenu agreement={agreement} onPick={onPick} />
          </Group>
        )}
      </Stack>
    </Paper>
  );
}

export function BoardPage() {
  const t = useT();
  const me = useMe().data;
  const commission = useCurrentCommission(me).data;
  const lookups = useLookups(commission?.id);
  const agreements = useAgreements(commission?.id, {});
  const isWritable = canWrite(me);
  const [moving, setMoving] = useState<{ agreement: Agreement; stage: AgreementStage } | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [over, setOver] = useState<AgreementStage | null>(null);
  const items = agreements.data?.items ?? [];

  const drop = (stage: AgreementStage) => (event: DragEvent) => {
    event.preventDefault();
    setOver(null);
    const agreement = items.find((item) => item.id === event.dataTransfer.getData(DRAG_TYPE));
    if (!agreement || agreement.stage === stage) return;
    if (!nextStages(agreement).includes(stage)) {
      setRefusal(
        t("agreements.move.notAllowed", {
          key: agreement.key,
          from: t(`agreements.stage.${agreement.stage}`),
          to: t(`agreements.stage.${stage}`),
        }),
      );
      return;
    }
    setRefusal(null);
    setMoving({ agreement, stage });
  };

  return (
    <Stack gap="lg">
      <SectionHeader title={t("agreements.board.title")} intro={t("agreements.board.intro")} />
      {agreements.data && agreements.data.total > items.length && (
        <Text size="sm" c="dimmed">
          {t("agreements.register.truncated", { shown: items.length })}
        </Text>
      )}
      {refusal && (
        <Alert
          color="red"
          variant="light"
          role="alert"
          withCloseButton
          closeButtonLabel={t("agreements.board.dismiss")}
          onClose={() => setRefusal(null)}
        >
          {refusal}
        </Alert>
      )}
      {agreements.isPending || lookups.isPending ? (
        <PageLoader />
      ) : agreements.isError ? (
        <ErrorNotice error={agreements.error} onRetry={() => void agreements.refetch()} />
      ) : (
        <ScrollArea type="auto" offsetScrollbars scrollbars="x">
          <Group align="flex-start" wrap="nowrap" gap="sm" pb="sm">
            {STAGES.map((stage) => {
              const cards = items.filter((agreement) => agreement.stage === stage);
              const headingId = `board-${stage}`;
              return (
                <Box
                  key={stage}
                  component="section"
                  aria-labelledby={headingId}
                  w={256}
                  miw={256}
                  p="xs"
                  bg={over === stage ? "institutional.0" : "gray.1"}
                  style={{
                    borderRadius: 8,
                    borderTop: `4px solid var(--mantine-color-${STAGE_COLOR[stage]}-6)`,
                  }}
                  onDragOver={(event: DragEvent) => {
                    if (!isWritable) return;
                    event.preventDefault();
                    setOver(stage);
                  }}
                  onDragLeave={() => setOver(null)}
                  onDrop={drop(stage)}
                  data-testid={`column-${stage}`}
                >
                  <Group justify="space-between" mb="xs" px={4} wrap="nowrap" align="flex-start">
                    <Title order={2} size="h5" id={headingId}>
                      {t(`agreements.stage.${stage}`)}
                    </Title>
                    <Badge
                      style={{ flexShrink: 0 }}
                      variant="white"
                      color="dark"
                      radius="sm"
                      aria-label={t("agreements.board.count", { count: cards.length })}
                    >
                      {cards.length}
                    </Badge>
                  </Group>
                  <ScrollArea.Autosize mah="calc(100vh - 300px)" type="auto" offsetScrollbars>
                    <Stack component="ul" gap="xs" m={0} p={0}>
                      {cards.map((agreement) => (
                        <AgreementCard
                          key={agreement.id}
                          agreement={agreement}
                          lookups={lookups}
                          isWritable={isWritable}
                          onPick={(next) => setMoving({ agreement, stage: next })}
                        />
                      ))}
                    </Stack>
                    {cards.length === 0 && (
                      <Text size="xs" c="dimmed" px={4} pb="xs">
                        {t("agreements.board.emptyColumn")}
                      </Text>
                    )}
                  </ScrollArea.Autosize>
                </Box>
              );
            })}
          </Group>
        </ScrollArea>
      )}
      {moving && (
        <StageChangeDialog
          agreement={moving.agreement}
          stage={moving.stage}
          onClose={() => setMoving(null)}
        />
      )}
    </Stack>
  );
}
