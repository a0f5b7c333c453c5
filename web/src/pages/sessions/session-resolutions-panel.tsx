/**
 * The resolutions adopted in the session (GET /resolutions?sessionId=…, in the order of their numbers) and, for
 * the technical secretariat, «Adoptar acuerdo» (POST /resolutions): title, text, agenda point and votes. The
 * number is never typed — the server assigns the next of the commission's year — and the one it gave is announced.
 */
import {
  Anchor,
  Button,
  CloseButton,
  Group,
  Modal,
  NativeSelect,
  Notification,
  Paper,
  Stack,
  Table,
  Text,
  Textarea,
  Title,
} from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Link } from "react-router";
import { apiGet, apiPost } from "../../api/client.ts";
import type { Page } from "../../api/types.ts";
import { FormErrors, fieldErrors } from "../../components/form-errors.tsx";
import { useT } from "../../i18n/i18n.ts";
import { ErrorNotice } from "../../layout/error-notice.tsx";
import { PageLoader } from "../../layout/page-loader.tsx";
import { recordPath } from "../../records.ts";
import { useVoters, VoteFields, type Votes, votesBody } from "../resolutions/vote-fields.tsx";
import { type AgendaItem, byId, keys, type Resolution, type SessionRecord } from "./session-api.ts";

export function SessionResolutionsPanel({
  session,
  canWrite,
}: {
  session: SessionRecord;
  canWrite: boolean;
}) {
  const t = useT();
  const [isAdopting, setAdopting] = useState(false);
  const [adopted, setAdopted] = useState<Resolution | null>(null);
  const resolutions = useQuery({
    queryKey: [...keys.resolutions, "session", session.id],
    queryFn: () =>
      apiGet<Page<Resolution>>("/resolutions", { sessionId: session.id, sort: "seq", limit: 500 }),
  });
  const agenda = useQuery({
    queryKey: keys.agenda(session.id),
    queryFn: () => apiGet<{ items: AgendaItem[] }>(`/sessions/${session.id}/agenda-items`),
  });
  const itemById = byId(agenda.data?.items);
  const isOpen = session.status !== "cancelled" && session.status !== "postponed";
  return (
    <Paper component="section" aria-labelledby="session-resolutions">
      <Stack gap="md">
        <Group justify="space-between">
          <Title order={2} id="session-resolutions">
            {t("sessions.resolutions.title")}
          </Title>
          {canWrite && isOpen && (
            <Button onClick={() => setAdopting(true)}>{t("sessions.resolutions.adopt")}</Button>
          )}
        </Group>
        <div role="status" aria-live="polite">
          {adopted && (
            <Notification
              color="teal"
              title={t("sessions.resolutions.adoptedTitle")}
              withCloseButton={false}
              withBorder
              data-testid="adopted-notification"
            >
              <Group justify="space-between" wrap="nowrap" align="flex-start">
                <Text size="sm" c="var(--mantine-color-text)">
                  {t("sessions.resolutions.adopted", { number: adopted.number })}
                </Text>
                <CloseButton
                  aria-label={t("sessions.resolutions.closeNotice")}
                  onClick={() => setAdopted(null)}
                />
              </Group>
            </Notification>
          )}
        </div>
        {resolutions.isPending ? (
          <PageLoader />
        ) : resolutions.isError ? (
          <ErrorNotice error={resolutions.error} onRetry={() => void resolutions.refetch()} />
        ) : resolutions.data.items.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t("sessions.resolutions.empty")}
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={560}>
            <Table striped>
              <caption className="visually-hidden">{t("sessions.resolutions.title")}</caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col" w={130}>
                    {t("resolutions.column.number")}
                  </Table.Th>
                  <Table.Th scope="col">{t("resolutions.column.title")}</Table.Th>
                  <Table.Th scope="col" w={90}>
                    {t("resolutions.column.point")}
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {resolutions.data.items.map((resolution) => (
                  <Table.Tr key={resolution.id}>
                    <Table.Td className="nowrap">
                      <Anchor
                        component={Link}
                        to={recordPath("resolution", resolution.id) as string}
                        fw={600}
                        size="sm"
                      >
                        {resolution.number}
                      </Anchor>
                    </Table.Td>
                    <Table.Td fz="sm">{resolution.title}</Table.Td>
                    <Table.Td fz="sm">
                      {resolution.agendaItemId
                        ? (itemById.get(resolution.agendaItemId)?.position ?? "—")
                        : "—"}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
      {isAdopting && (
        <AdoptResolutionModal
          session={session}
          agenda={agenda.data?.items ?? []}
          onClose={() => setAdopting(false)}
          onAdopted={(resolution) => {
            setAdopting(false);
            setAdopted(resolution);
          }}
        />
      )}
    </Paper>
  );
}

function AdoptResolutionModal({
  session,
  agenda,
  onClose,
  onAdopted,
}: {
  session: SessionRecord;
  agenda: AgendaItem[];
  onClose(): void;
  onAdopted(resolution: Resolution): void;
}) {
  const t = useT();
  const queryClient = useQueryClient();
  const [title, setTitle] = useState("");
  const [text, setText] = useState("");
  const [agendaItemId, setAgendaItemId] = useState("");
  const [votes, setVotes] = useState<Votes>({});
  const { voters } = useVoters(session.commissionId, session.date);
  const adopt = useMutation({
    mutationFn: () =>
      apiPost<Resolution>("/resolutions", {
        sessionId: session.id,
        title,
        ...(text.trim() ? { text } : {}),
        ...(agendaItemId ? { agendaItemId } : {}),
        votes: votesBody(votes),
      }),
    onSuccess: (resolution) => {
      void queryClient.invalidateQueries({ queryKey: keys.resolutions });
      onAdopted(resolution);
    },
  });
  const errors = fieldErrors(adopt.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    adopt.mutate();
  };
  return (
    <Modal
      opened
      onClose={onClose}
      title={t("sessions.resolutions.adoptTitle", { session: session.name })}
      size="xl"
      centered
      closeButtonProps={{ "aria-label": t("sessions.closeDialog") }}
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Text size="sm" c="dimmed">
            {t("sessions.resolutions.numberNote")}
          </Text>
          <Textarea
            label={t("resolutions.field.title")}
            value={title}
            onChange={(event) => setTitle(event.currentTarget.value)}
            error={errors.title}
            autosize
            minRows={2}
            required
            data-autofocus
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
            maxRows={8}
          />
          <VoteFields voters={voters} votes={votes} onChange={setVotes} />
          <FormErrors error={adopt.error} fields={["title", "text", "agendaItemId"]} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t("form.cancel")}
            </Button>
            <Button type="submit" loading={adopt.isPending}>
              {t("sessions.resolutions.adoptSubmit")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
