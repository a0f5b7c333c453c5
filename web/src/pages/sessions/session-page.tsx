/**
 * A session (/sesiones/:id): its name and long date (the API's), time, modality, place and status, editable by
 * the technical secretariat; its agenda, attendance, the resolutions adopted in it and its minutes. Everyone else
 * who may read sessions (members, party representatives, guests) sees the same without write controls. One
 * unsaved-changes guard covers the parts that edit in place (the details and the attendance grid).
 */
import { Anchor, Badge, Button, Group, Paper, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useCallback, useEffect, useState } from "react";
import { Link, useParams } from "react-router";
import { apiGet, apiPatch } from "../../api/client.ts";
import { hasPermission, useMe } from "../../auth/auth.ts";
import { FormErrors } from "../../components/form-errors.tsx";
import { UnsavedChangesGuard } from "../../components/unsaved-changes.tsx";
import { useT } from "../../i18n/i18n.ts";
import { ErrorNotice } from "../../layout/error-notice.tsx";
import { PageLoader } from "../../layout/page-loader.tsx";
import { STATUS_COLOR } from "../session-table.tsx";
import { AgendaPanel } from "./agenda-panel.tsx";
import { AttendancePanel } from "./attendance-panel.tsx";
import { MinutesPanel } from "./minutes-panel.tsx";
import { keys, type SessionRecord } from "./session-api.ts";
import {
  SESSION_FIELDS,
  SessionFields,
  type SessionFormValues,
  sessionBody,
  sessionValues,
} from "./session-form.tsx";
import { SessionResolutionsPanel } from "./session-resolutions-panel.tsx";

export function SessionPage() {
  const t = useT();
  const { id = "" } = useParams();
  const me = useMe().data;
  const canWrite = hasPermission(me, "records.write");
  const session = useQuery({
    queryKey: keys.session(id),
    queryFn: () => apiGet<SessionRecord>(`/sessions/${encodeURIComponent(id)}`),
  });
  const [dirtyParts, setDirtyParts] = useState<Record<string, boolean>>({});
  const setDirty = useCallback(
    (part: string, isDirty: boolean) =>
      setDirtyParts((current) => (current[part] === isDirty ? current : { ...current, [part]: isDirty })),
    [],
  );
  if (session.isPending) return <PageLoader />;
  if (session.isError) return <ErrorNotice error={session.error} onRetry={() => void session.refetch()} />;
  const record = session.data;
  return (
    <Stack gap="lg">
      <div>
        <Anchor component={Link} to="/sesiones" size="sm">
          {t("sessions.back")}
        </Anchor>
        <Group gap="sm" mt={4} align="center">
          <Title order={1}>{record.name}</Title>
          <Badge color={STATUS_COLOR[record.status]} variant="dot" radius="sm" c="dark.7" size="lg">
            {t(`status.${record.status}`)}
          </Badge>
        </Group>
        <Group gap="md" mt={4} align="baseline">
          <Text size="lg">
            {record.dateText}
            {record.startTime ? `, ${t("sessions.atTime", { time: record.startTime })}` : ""}
          </Text>
          <Anchor component={Link} to={`/sesiones?vista=calendario&mes=${record.date.slice(0, 7)}`} size="sm">
            {t("sessions.showInCalendar")}
          </Anchor>
        </Group>
      </div>
      <SessionDetails
        session={record}
        canWrite={canWrite}
        onDirty={(isDirty) => setDirty("details", isDirty)}
      />
      <AgendaPanel session={record} canWrite={canWrite} />
      <AttendancePanel
        session={record}
        canWrite={canWrite}
        onDirty={(isDirty) => setDirty("attendance", isDirty)}
      />
      <SessionResolutionsPanel session={record} canWrite={canWrite} />
      <MinutesPanel session={record} canWrite={canWrite} />
      <UnsavedChangesGuard when={Object.values(dirtyParts).some(Boolean)} />
    </Stack>
  );
}

function Detail({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" fw={600} tt="uppercase">
        {label}
      </Text>
      <Text size="sm">{children}</Text>
    </div>
  );
}

/** The session's data; «Editar datos» turns them into the form (PATCH /sessions/:id with what changed). */
function SessionDetails({
  session,
  canWrite,
  onDirty,
}: {
  session: SessionRecord;
  canWrite: boolean;
  onDirty(isDirty: boolean): void;
}) {
  const t = useT();
  const queryClient = useQueryClient();
  const [values, setValues] = useState<SessionFormValues | null>(null);
  const before = sessionValues(session);
  const isDirty = values !== null && Object.keys(sessionBody(values, before)).length > 0;
  useEffect(() => onDirty(isDirty), [isDirty, onDirty]);
  const save = useMutation({
    mutationFn: (body: Record<string, unknown>) => apiPatch<SessionRecord>(`/sessions/${session.id}`, body),
    onSuccess: (updated) => {
      queryClient.setQueryData(keys.session(session.id), updated);
      void queryClient.invalidateQueries({ queryKey: keys.sessions });
      setValues(null);
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!values) return;
    const body = sessionBody(values, before);
    if (Object.keys(body).length === 0) setValues(null);
    else save.mutate(body);
  };
  return (
    <Paper component="section" aria-labelledby="session-details">
      <Stack gap="md">
        <Group justify="space-between">
          <Title order={2} id="session-details">
            {t("sessions.details")}
          </Title>
          {canWrite && values === null && (
            <Button variant="default" size="xs" onClick={() => setValues(sessionValues(session))}>
              {t("sessions.edit")}
            </Button>
          )}
        </Group>
        {values ? (
          <form onSubmit={submit} noValidate>
            <Stack gap="md">
              <SessionFields values={values} onChange={setValues} error={save.error} />
              <FormErrors error={save.error} fields={SESSION_FIELDS} />
              <Group justify="flex-end">
                <Button
                  variant="default"
                  onClick={() => {
                    save.reset();
                    setValues(null);
                  }}
                >
                  {t("form.cancel")}
                </Button>
                <Button type="submit" loading={save.isPending}>
                  {t("form.save")}
                </Button>
              </Group>
            </Stack>
          </form>
        ) : (
          <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="md">
            <Detail label={t("sessions.field.date")}>{session.dateText}</Detail>
            <Detail label={t("sessions.field.time")}>{session.startTime ?? t("sessions.noTimeSet")}</Detail>
            <Detail label={t("sessions.field.modality")}>{t(`modality.${session.modality}`)}</Detail>
            <Detail label={t("sessions.field.status")}>{t(`status.${session.status}`)}</Detail>
            <Detail label={t("sessions.field.place")}>{session.place ?? "—"}</Detail>
            <Detail label={t("sessions.field.link")}>
              {session.link ? (
                <Anchor href={session.link} size="sm" target="_blank" rel="noreferrer">
                  {session.link}
                </Anchor>
              ) : (
                "—"
              )}
            </Detail>
          </SimpleGrid>
        )}
      </Stack>
    </Paper>
  );
}
