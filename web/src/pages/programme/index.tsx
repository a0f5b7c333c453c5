/**
 * Programa de trabajo (/programa): the year's work programme — strategic lines, their lettered actions with the
 * responsible areas and the programmed quarters, the held activities per quarter (GET
 * /work-programmes/:id/activity-counts) linking to the filtered list, and the justifications per quarter,
 * editable by whoever may write records. `?programa=ID` picks the year; `?accion=ID` and `?linea=ID` (the
 * addresses records.ts gives) scroll to and highlight that action or line.
 */
import { Alert, Anchor, Badge, Button, Group, Paper, Select, Stack, Table, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { Fragment, useEffect, useMemo, useState } from "react";
import { Link, Route, Routes, useSearchParams } from "react-router";
import { apiGet } from "../../api/client.ts";
import { hasPermission, useCurrentCommission, useMe } from "../../auth/auth.ts";
import { useT } from "../../i18n/i18n.ts";
import { ErrorNotice } from "../../layout/error-notice.tsx";
import { PageLoader } from "../../layout/page-loader.tsx";
import type { Area, Justification, Programme, ProgrammedAction, StrategicLine } from "../activities/data.ts";
import { useAreas, useProgrammes } from "../activities/data.ts";
import NotFoundPage from "../not-found-page.tsx";
import { JustificationEditor } from "./justification-editor.tsx";

const QUARTERS = [1, 2, 3, 4] as const;

type Counts = { items: { actionId: string; quarter: number; held: number }[] };

function QuarterCell({
  action,
  code,
  quarter,
  held,
  year,
  isJustified,
}: {
  action: ProgrammedAction;
  code: string;
  quarter: number;
  held: number;
  year: number;
  isJustified: boolean;
}) {
  const t = useT();
  const isProgrammed = action.quarters.includes(quarter);
  // A quarter neither programmed nor worked says nothing, unless the action was justified for it anyway.
  const hasOwnJustification = action.justifications.some((j) => j.quarter === quarter);
  if (!isProgrammed && held === 0 && !hasOwnJustification)
    return (
      <Text size="sm" c="dimmed">
        <span aria-hidden>—</span>
        <span className="visually-hidden">{t("programme.notProgrammed")}</span>
      </Text>
    );
  return (
    <Stack gap={2}>
      <Text size="xs" c={isProgrammed ? "dark" : "dimmed"} fw={isProgrammed ? 600 : 400}>
        {isProgrammed ? t("programme.programmed") : t("programme.notProgrammed")}
      </Text>
      {held > 0 ? (
        <Anchor
          component={Link}
          to={`/actividades?accion=${action.id}&periodo=${year}-T${quarter}`}
          size="sm"
          aria-label={`${t(held === 1 ? "programme.oneActivity" : "programme.activities", { count: held })} — ${t("programme.seeActivities", { code })}, ${year}-T${quarter}`}
        >
          ✓ {t(held === 1 ? "programme.oneActivity" : "programme.activities", { count: held })}
        </Anchor>
      ) : isJustified ? (
        <Badge variant="light" color="gray" size="sm" tt="none" style={{ alignSelf: "flex-start" }}>
          {t("programme.justified")}
        </Badge>
      ) : (
        <Text size="sm" c="dimmed">
          {t("programme.noActivity")}
        </Text>
      )}
    </Stack>
  );
}

function JustificationList({ justifications }: { justifications: Justification[] }) {
  const t = useT();
  return (
    <Stack gap={4}>
      {[...justifications]
        .sort((a, b) => a.quarter - b.quarter)
        .map((justification) => (
          <Text size="sm" key={justification.id}>
            <strong>{t("programme.col.quarterShort", { quarter: justification.quarter })}</strong>:{" "}
            {justification.text}
          </Text>
        ))}
    </Stack>
  );
}

function LineSection({
  programme,
  line,
  areas,
  counts,
  canEdit,
  highlight,
  editing,
  setEditing,
  onSaved,
}: {
  programme: Programme;
  line: StrategicLine;
  areas: Map<string, Area>;
  counts: Map<string, number>;
  canEdit: boolean;
  highlight: { lineId: string | null; actionId: string | null };
  editing: string | null;
  setEditing(id: string | null): void;
  onSaved(message: string): void;
}) {
  const t = useT();
  const isHighlighted = highlight.lineId === line.id;
  const close = (message?: string) => {
    setEditing(null);
    if (message) onSaved(message);
  };
  return (
    <Paper
      id={`linea-${line.id}`}
      data-highlighted={isHighlighted || undefined}
      withBorder
      style={isHighlighted ? { borderColor: "var(--mantine-primary-color-7)", borderWidth: 2 } : undefined}
    >
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <Title order={2} size="h3" style={{ flex: 1 }}>
            {line.number}. {line.title}
          </Title>
          {canEdit && (
            <Button
              variant="subtle"
              size="compact-sm"
              style={{ flexShrink: 0 }}
              onClick={() => setEditing(line.id)}
              disabled={editing !== null}
              aria-label={`${t("programme.lineJustifications")} ${line.number}`}
            >
              {t("programme.lineJustifications")}
            </Button>
          )}
        </Group>
        {line.justifications.length > 0 && editing !== line.id && (
          <JustificationList justifications={line.justifications} />
        )}
        {editing === line.id && (
          <JustificationEditor
            programmeId={programme.id}
            lineId={line.id}
            justifications={line.justifications}
            label={t("programme.line", { number: line.number })}
            onClose={close}
          />
        )}
        {line.actions.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t("programme.noActions")}
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={900}>
            <Table verticalSpacing="xs" withRowBorders>
              <caption className="visually-hidden">
                {line.number}. {line.title}
              </caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t("programme.col.action")}</Table.Th>
                  <Table.Th scope="col" w={110}>
                    {t("programme.col.area")}
                  </Table.Th>
                  {QUARTERS.map((quarter) => (
                    <Table.Th scope="col" w={120} key={quarter}>
                      <abbr title={t("programme.col.quarter", { quarter })}>
                        {t("programme.col.quarterShort", { quarter })}
                      </abbr>
                    </Table.Th>
                  ))}
                  <Table.Th scope="col" w={130}>
                    <span className="visually-hidden">{t("programme.col.tools")}</span>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {line.actions.map((action) => {
                  const code = `${line.number}.${action.letter}`;
                  const isActionHighlighted = highlight.actionId === action.id;
                  const justified = (quarter: number) =>
                    line.justifications.some((j) => j.quarter === quarter) ||
                    action.justifications.some((j) => j.quarter === quarter);
                  return (
                    <Fragment key={action.id}>
                      <Table.Tr
                        id={`accion-${action.id}`}
                        data-highlighted={isActionHighlighted || undefined}
                        bg={isActionHighlighted ? "yellow.1" : undefined}
                        aria-current={isActionHighlighted ? "true" : undefined}
                      >
                        <Table.Td>
                          <Anchor
                            component={Link}
                            to={`/actividades?accion=${action.id}`}
                            fw={700}
                            size="sm"
                            aria-label={t("programme.seeActivities", { code })}
                          >
                            {code}
                          </Anchor>{" "}
                          <Text span size="sm">
                            {action.title}
                          </Text>
                        </Table.Td>
                        <Table.Td>
                          <Text size="sm">
                            {action.areaIds
                              .map((id) => areas.get(id)?.acronym ?? areas.get(id)?.name ?? "")
                              .join(", ")}
                          </Text>
                        </Table.Td>
                        {QUARTERS.map((quarter) => (
                          <Table.Td key={quarter}>
                            <QuarterCell
                              action={action}
                              code={code}
                              quarter={quarter}
                              held={counts.get(`${action.id}/${quarter}`) ?? 0}
                              year={programme.year}
                              isJustified={justified(quarter)}
                            />
                          </Table.Td>
                        ))}
                        <Table.Td>
                          {canEdit && (
                            <Button
                              variant="light"
                              size="compact-sm"
                              onClick={() => setEditing(action.id)}
                              disabled={editing !== null}
                              aria-label={t("programme.editFor", { what: code })}
                            >
                              {t("programme.edit")}
                            </Button>
                          )}
                        </Table.Td>
                      </Table.Tr>
                      {(action.justifications.length > 0 || editing === action.id) && (
                        <Table.Tr bg={isActionHighlighted ? "yellow.1" : undefined}>
                          <Table.Td colSpan={7} pl="xl">
                            {editing === action.id ? (
                              <JustificationEditor
                                programmeId={programme.id}
                                lineId={line.id}
                                actionId={action.id}
                                justifications={action.justifications}
                                label={code}
                                onClose={close}
                              />
                            ) : (
                              <JustificationList justifications={action.justifications} />
                            )}
                          </Table.Td>
                        </Table.Tr>
                      )}
                    </Fragment>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
    </Paper>
  );
}

function ProgrammePage() {
  const t = useT();
  const me = useMe().data;
  const commission = useCurrentCommission(me);
  const programmes = useProgrammes(commission.data?.id);
  const areas = useAreas();
  const [params, setParams] = useSearchParams();
  const [editing, setEditing] = useState<string | null>(null);
  const [message, setMessage] = useState("");
  const actionId = params.get("accion");
  const lineId = params.get("linea");

  // The programme asked for (by id, or the one holding the action or line), else the newest.
  const programme = useMemo(() => {
    const list = programmes.data ?? [];
    const wanted = params.get("programa");
    return (
      list.find((p) => p.id === wanted) ??
      list.find((p) => p.lines.some((l) => l.id === lineId || l.actions.some((a) => a.id === actionId))) ??
      list[0]
    );
  }, [programmes.data, params, lineId, actionId]);

  const counts = useQuery({
    queryKey: ["activity-counts", programme?.id],
    enabled: !!programme,
    queryFn: () => apiGet<Counts>(`/work-programmes/${programme?.id}/activity-counts`),
  });
  const countMap = useMemo(
    () => new Map((counts.data?.items ?? []).map((item) => [`${item.actionId}/${item.quarter}`, item.held])),
    [counts.data],
  );
  const areaMap = useMemo(() => new Map((areas.data ?? []).map((area) => [area.id, area])), [areas.data]);

  const ready = !!programmes.data && !!areas.data && !!counts.data;
  useEffect(() => {
    if (!ready) return;
    const target = actionId ? `accion-${actionId}` : lineId ? `linea-${lineId}` : null;
    if (target) document.getElementById(target)?.scrollIntoView({ block: "center" });
  }, [ready, actionId, lineId]);

  const failed = [commission, programmes, areas, counts].find((query) => query.isError);
  if (failed) return <ErrorNotice error={failed.error} onRetry={() => void failed.refetch()} />;
  if (commission.data === null || (programmes.data && programmes.data.length === 0))
    return (
      <Stack gap="lg">
        <Title order={1}>{t("programme.title")}</Title>
        <Text c="dimmed">{t("programme.none")}</Text>
      </Stack>
    );
  if (!programme || !ready) return <PageLoader />;
  const canEdit = hasPermission(me, "records.write");
  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={1}>{t("programme.title")}</Title>
          <Text size="sm" c="dimmed" mt={4} maw={820}>
            {t("programme.intro")}
          </Text>
        </div>
        {(programmes.data?.length ?? 0) > 1 && (
          <Select
            label={t("programme.year")}
            data={(programmes.data ?? []).map((p) => ({ value: p.id, label: String(p.year) }))}
            value={programme.id}
            onChange={(value) => value && setParams({ programa: value })}
            allowDeselect={false}
            w={140}
          />
        )}
      </Group>
      <Paper>
        <Stack gap={4}>
          <Title order={2} size="h4">
            {programme.title}
          </Title>
          {(programme.approvedBy || programme.ratifiedBy) && (
            <Text size="sm" c="dimmed">
              {[
                programme.approvedBy && t("programme.approvedBy", { number: programme.approvedBy }),
                programme.ratifiedBy && t("programme.ratifiedBy", { number: programme.ratifiedBy }),
              ]
                .filter(Boolean)
                .join(", ")}
            </Text>
          )}
          <Text size="xs" c="dimmed">
            {t("programme.legend")}
          </Text>
        </Stack>
      </Paper>
      {message && (
        <Alert color="green" variant="light" role="status" withCloseButton onClose={() => setMessage("")}>
          {message}
        </Alert>
      )}
      {programme.lines.map((line) => (
        <LineSection
          key={line.id}
          programme={programme}
          line={line}
          areas={areaMap}
          counts={countMap}
          canEdit={canEdit}
          highlight={{ lineId, actionId }}
          editing={editing}
          setEditing={(id) => {
            setMessage("");
            setEditing(id);
          }}
          onSaved={setMessage}
        />
      ))}
    </Stack>
  );
}

export default function ProgrammeSection() {
  return (
    <Routes>
      <Route index element={<ProgrammePage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
