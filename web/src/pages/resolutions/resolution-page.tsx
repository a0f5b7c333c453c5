/**
 * A resolution (/acuerdos/:id): its number, date, title, text, session, agenda point and votes. The technical
 * secretariat corrects title, text, point and votes (PATCH — never the number, session or year) and may withdraw
 * it (DELETE) only while it is the last number of its year: withdrawing deletes it and the next resolution
 * adopted that year takes its number again, so the numbering keeps no gaps. The page says so before asking.
 */
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  Modal,
  NativeSelect,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  Title,
} from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { apiDelete, apiGet, apiPatch } from "../../api/client.ts";
import type { Page } from "../../api/types.ts";
import { hasPermission, useMe } from "../../auth/auth.ts";
import { FormErrors, fieldErrors } from "../../components/form-errors.tsx";
import { UnsavedChangesGuard } from "../../components/unsaved-changes.tsx";
import { useT } from "../../i18n/i18n.ts";
import { ErrorNotice } from "../../layout/error-notice.tsx";
import { PageLoader } from "../../layout/page-loader.tsx";
import { recordPath } from "../../records.ts";
import { usePeople } from "../sessions/catalog-queries.ts";
import { type AgendaItem, byId, keys, type Resolution, type SessionRecord } from "../sessions/session-api.ts";
import { useVoters, VoteFields, type Votes, votesBody } from "./vote-fields.tsx";

export function ResolutionPage() {
  const t = useT();
  const { id = "" } = useParams();
  const me = useMe().data;
  const canWrite = hasPermission(me, "records.write");
  const resolution = useQuery({
    queryKey: [...keys.resolutions, "one", id],
    queryFn: () => apiGet<Resolution>(`/resolutions/${encodeURIComponent(id)}`),
  });
  const sessionId = resolution.data?.sessionId;
  const session = useQuery({
    queryKey: keys.session(sessionId ?? ""),
    enabled: !!sessionId,
    queryFn: () => apiGet<SessionRecord>(`/sessions/${sessionId}`),
  });
  const agenda = useQuery({
    queryKey: keys.agenda(sessionId ?? ""),
    enabled: !!sessionId,
    queryFn: () => apiGet<{ items: AgendaItem[] }>(`/sessions/${sessionId}/agenda-items`),
  });
  const people = usePeople();
  const [isEditing, setEditing] = useState(false);
  if (resolution.isPending || (sessionId && session.isPending)) return <PageLoader />;
  if (resolution.isError)
    return <ErrorNotice error={resolution.error} onRetry={() => void resolution.refetch()} />;
  if (session.isError) return <ErrorNotice error={session.error} onRetry={() => void session.refetch()} />;
  const record = resolution.data;
  const sessionRecord = session.data as SessionRecord;
  const item = record.agendaItemId
    ? agenda.data?.items.find((entry) => entry.id === record.agendaItemId)
    : undefined;
  const personById = byId(people.data);
  return (
    <Stack gap="lg">
      <div>
        <Anchor component={Link} to={`/acuerdos?año=${record.year}`} size="sm">
          {t("resolutions.back")}
        </Anchor>
        <Group gap="sm" mt={4}>
          <Title order={1}>{t("resolutions.heading", { number: record.number })}</Title>
          <Badge
            variant="dot"
            color={record.outcome === "adopted" ? "teal" : "gray"}
            c="dark.7"
            radius="sm"
            size="lg"
          >
            {t(`resolutions.outcome.${record.outcome}`)}
          </Badge>
        </Group>
        <Text size="lg" mt={4}>
          {record.title}
        </Text>
      </div>
      {isEditing ? (
        <ResolutionForm
          resolution={record}
          session={sessionRecord}
          agenda={agenda.data?.items ?? []}
          onDone={() => setEditing(false)}
        />
      ) : (
        <Paper component="section" aria-labelledby="resolution-data">
          <Stack gap="md">
            <Group justify="space-between">
              <Title order={2} id="resolution-data">
                {t("resolutions.data")}
              </Title>
              {canWrite && (
                <Button variant="default" size="xs" onClick={() => setEditing(true)}>
                  {t("resolutions.edit")}
                </Button>
              )}
            </Group>
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
              <Field label={t("resolutions.column.date")}>{sessionRecord.dateText}</Field>
              <Field label={t("resolutions.column.session")}>
                <Anchor component={Link} to={recordPath("session", sessionRecord.id) as string} size="sm">
                  {sessionRecord.name}
                </Anchor>
              </Field>
              <Field label={t("resolutions.field.point")}>
                {item ? `${item.position}. ${item.title}` : t("resolutions.field.noPoint")}
              </Field>
              <Field label={t("resolutions.field.text")}>{record.text ?? "—"}</Field>
            </SimpleGrid>
            <div>
              <Title order={3} size="h4" mb="xs">
                {t("resolutions.votes.title")}
              </Title>
              {record.votes.length === 0 ? (
                <Text size="sm" c="dimmed">
                  {t("resolutions.votes.none")}
                </Text>
              ) : (
                <Table withTableBorder fz="sm" maw={560}>
                  <caption className="visually-hidden">{t("resolutions.votes.title")}</caption>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">{t("resolutions.votes.voter")}</Table.Th>
                      <Table.Th scope="col">{t("resolutions.votes.vote")}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {record.votes.map((vote) => (
                      <Table.Tr key={vote.personId}>
                        <Table.Td>{personById.get(vote.personId)?.name ?? "—"}</Table.Td>
                        <Table.Td>{t(`resolutions.vote.${vote.vote}`)}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              )}
            </div>
          </Stack>
        </Paper>
      )}
      {canWrite && <WithdrawResolution resolution={record} />}
    </Stack>
  );
}

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" fw={600} tt="uppercase">
        {label}
      </Text>
      <Text size="sm" component="div">
        {children}
      </Text>
    </div>
  );
}

function ResolutionForm({
  resolution,
  session,
  agenda,
  onDone,
}: {
  resolution: Resolution;
  session: SessionRecord;
  agenda: AgendaItem[];
  onDone(): void;
}) {
  const t = useT();
  const queryClient = useQueryClient();
  const initialVotes: Votes = Object.fromEntries(resolution.votes.map((vote) => [vote.personId, vote.vote]));
  const [title, setTitle] = useState(resolution.title);
  const [text, setText] = useState(resolution.text ?? "");
  const [agendaItemId, setAgendaItemId] = useState(resolution.agendaItemId ?? "");
  const [votes, setVotes] = useState<Votes>(initialVotes);
  const { voters } = useVoters(session.commissionId, session.date);
  const votesChanged =
    JSON.stringify(votesBody(votes).sort((a, b) => a.personId.localeCompare(b.personId))) !==
    JSON.stringify(votesBody(initialVotes).sort((a, b) => a.personId.localeCompare(b.personId)));
  const body: Record<string, unknown> = {};
  if (title !== resolution.title) body.title = title;
  if (text !== (resolution.text ?? "")) body.text = text.trim() ? text : null;
  if (agendaItemId !== (resolution.agendaItemId ?? "")) body.agendaItemId = agendaItemId || null;
  if (votesChanged) body.votes = votesBody(votes);
  const isDirty = Object.keys(body).length > 0;
  const save = useMutation({
    mutationFn: () => apiPatch<Resolution>(`/resolutions/${resolution.id}`, body),
    onSuccess: (updated) => {
      queryClient.setQueryData([...keys.resolutions, "one", resolution.id], updated);
      void queryClient.invalidateQueries({ queryKey: keys.resolutions });
      onDone();
    },
  });
  const errors = fieldErrors(save.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (isDirty) save.mutate();
    else onDone();
  };
  return (
    <Paper component="form" onSubmit={submit} noValidate aria-labelledby="resolution-edit">
      <Stack gap="md">
        <Title order={2} id="resolution-edit">
          {t("resolutions.editTitle")}
        </Title>
        <Text size="sm" c="dimmed">
          {t("resolutions.editNote")}
        </Text>
        <Textarea
          label={t("resolutions.field.title")}
          value={title}
          onChange={(event) => setTitle(event.currentTarget.value)}
          error={errors.title}
          autosize
          minRows={2}
          required
        />
        <NativeSelect
          label={t("resolutions.field.point")}
          value={agendaItemId}
          onChange={(event) => setAgendaItemId(event.currentTarget.value)}
          data={[
            { value: "", label: t("resolutions.field.noPoint") },
            ...agenda.map((item) => ({
              value: item.id,
              label: `${item.position}. ${item.title.length > 90 ? `${item.title.slice(0, 90)}…` : item.title}`,
            })),
          ]}
          error={errors.agendaItemId}
        />
        <Textarea
          label={t("resolutions.field.text")}
          value={text}
          onChange={(event) => setText(event.currentTarget.value)}
          error={errors.text}
          autosize
          minRows={2}
          maxRows={10}
        />
        <VoteFields voters={voters} votes={votes} onChange={setVotes} />
        <FormErrors error={save.error} fields={["title", "text", "agendaItemId"]} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t("form.cancel")}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {t("form.save")}
          </Button>
        </Group>
      </Stack>
      <UnsavedChangesGuard when={isDirty && !save.isSuccess} />
    </Paper>
  );
}

/** Withdrawing: only the last number of the year, and the page says what happens to the number. */
function WithdrawResolution({ resolution }: { resolution: Resolution }) {
  const t = useT();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [isAsking, setAsking] = useState(false);
  const last = useQuery({
    queryKey: [...keys.resolutions, "last", resolution.commissionId, resolution.year],
    queryFn: () =>
      apiGet<Page<Resolution>>("/resolutions", {
        commissionId: resolution.commissionId,
        year: resolution.year,
        sort: "seq",
        order: "desc",
        limit: 1,
      }),
  });
  const withdraw = useMutation({
    mutationFn: () => apiDelete(`/resolutions/${resolution.id}`),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: keys.resolutions });
      void navigate(`/acuerdos?año=${resolution.year}`, { replace: true });
    },
  });
  const lastNumber = last.data?.items[0];
  const isLast = lastNumber?.id === resolution.id;
  return (
    <Paper component="section" aria-labelledby="resolution-withdraw">
      <Stack gap="sm">
        <Title order={2} id="resolution-withdraw">
          {t("resolutions.withdraw.title")}
        </Title>
        {!lastNumber ? null : isLast ? (
          <>
            <Text size="sm">
              {t("resolutions.withdraw.explain", { number: resolution.number, year: resolution.year })}
            </Text>
            <Group>
              <Button color="red.9" variant="outline" onClick={() => setAsking(true)}>
                {t("resolutions.withdraw.button", { number: resolution.number })}
              </Button>
            </Group>
          </>
        ) : (
          <Text size="sm" c="dimmed">
            {t("resolutions.withdraw.notLast", { year: resolution.year, last: lastNumber.number })}
          </Text>
        )}
      </Stack>
      <Modal
        opened={isAsking}
        onClose={() => setAsking(false)}
        title={t("resolutions.withdraw.confirmTitle", { number: resolution.number })}
        centered
        closeButtonProps={{ "aria-label": t("sessions.closeDialog") }}
      >
        <Stack gap="md">
          <Alert color="orange" variant="light">
            {t("resolutions.withdraw.explain", { number: resolution.number, year: resolution.year })}
          </Alert>
          {withdraw.isError && <ErrorNotice error={withdraw.error} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setAsking(false)}>
              {t("form.cancel")}
            </Button>
            <Button color="red" loading={withdraw.isPending} onClick={() => withdraw.mutate()}>
              {t("resolutions.withdraw.confirm")}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Paper>
  );
}
