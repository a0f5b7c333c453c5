/**
 * The agenda (orden del día): its points in order; the technical secretariat adds, edits, removes and reorders
 * them. Reordering works three ways — dragging a row (native HTML5 drag and drop), «Subir»/«Bajar» on each row,
 * or Alt+↑/↓ on a focused row — and each move is sent at once (PUT /sessions/:id/agenda-order), announced
 * («Punto 3 movido a la posición 2») and leaves the focus on the moved point.
 */
import {
  ActionIcon,
  Badge,
  Button,
  Group,
  Modal,
  NativeSelect,
  Paper,
  Stack,
  Text,
  Textarea,
  Title,
} from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, type KeyboardEvent, useEffect, useLayoutEffect, useRef, useState } from "react";
import { useLocation } from "react-router";
import { apiDelete, apiGet, apiPatch, apiPost, apiPut } from "../../api/client.ts";
import { FormErrors, fieldErrors } from "../../components/form-errors.tsx";
import { useT } from "../../i18n/i18n.ts";
import { ErrorNotice } from "../../layout/error-notice.tsx";
import { PageLoader } from "../../layout/page-loader.tsx";
import {
  AGENDA_ITEM_KINDS,
  type AgendaItem,
  type AgendaItemKind,
  keys,
  type SessionRecord,
} from "./session-api.ts";

type Items = { items: AgendaItem[] };
type FocusTarget = { id: string; control: "row" | "up" | "down"; index: number };

export function AgendaPanel({ session, canWrite }: { session: SessionRecord; canWrite: boolean }) {
  const t = useT();
  const queryClient = useQueryClient();
  const key = keys.agenda(session.id);
  const agenda = useQuery({
    queryKey: key,
    queryFn: () => apiGet<Items>(`/sessions/${session.id}/agenda-items`),
  });
  const [announcement, setAnnouncement] = useState("");
  const [editing, setEditing] = useState<string | null>(null);
  const [removing, setRemoving] = useState<AgendaItem | null>(null);
  const [dragId, setDragId] = useState<string | null>(null);
  const [dropId, setDropId] = useState<string | null>(null);
  const focusAfter = useRef<FocusTarget | null>(null);
  const items = agenda.data?.items ?? [];

  const reorder = useMutation({
    // One after the other, in the order they were made: each sends the whole order it saw.
    scope: { id: `agenda-order-${session.id}` },
    mutationFn: ({ itemIds }: { itemIds: string[]; previous: Items | undefined }) =>
      apiPut<Items>(`/sessions/${session.id}/agenda-order`, { itemIds }),
    onError: (_error, { previous }) => {
      if (previous) queryClient.setQueryData(key, previous);
      setAnnouncement(t("sessions.agenda.moveFailed"));
    },
    onSuccess: (result) => queryClient.setQueryData(key, result),
  });

  /**
   * Moves the point at `from` (index) to `to`: shown at once (the order is written into the cache before the
   * request), announced, sent, and the focus kept on the point.
   */
  const move = (from: number, to: number, control: FocusTarget["control"]) => {
    if (to < 0 || to >= items.length || from === to) return;
    const moved = items[from] as AgendaItem;
    const reordered = items.filter((item) => item.id !== moved.id);
    reordered.splice(to, 0, moved);
    const previous = queryClient.getQueryData<Items>(key);
    void queryClient.cancelQueries({ queryKey: key });
    queryClient.setQueryData<Items>(key, {
      items: reordered.map((item, index) => ({ ...item, position: index + 1 })),
    });
    focusAfter.current = { id: moved.id, control, index: to };
    setAnnouncement(t("sessions.agenda.moved", { from: from + 1, to: to + 1 }));
    reorder.mutate({ itemIds: reordered.map((item) => item.id), previous });
  };

  // Once the list shows the new order: back to the moved point (moving its element may have lost the focus).
  useLayoutEffect(() => {
    const target = focusAfter.current;
    if (!target || items[target.index]?.id !== target.id) return;
    focusAfter.current = null;
    const button =
      target.control === "row" ? null : document.getElementById(`agenda-${target.control}-${target.id}`);
    if (button && !(button as HTMLButtonElement).disabled) button.focus();
    else document.getElementById(`punto-${target.id}`)?.focus();
  });

  // `#punto-<id>` (from a search result about an agenda item): that point, once the agenda is on the page.
  const location = useLocation();
  const hasAgenda = agenda.isSuccess;
  useEffect(() => {
    if (!hasAgenda || !location.hash.startsWith("#punto-")) return;
    const row = document.getElementById(location.hash.slice(1));
    row?.scrollIntoView({ block: "center" });
    row?.focus({ preventScroll: true });
  }, [hasAgenda, location.hash]);

  const onRowKeyDown = (event: KeyboardEvent, index: number) => {
    if (!canWrite || !event.altKey || event.target !== event.currentTarget) return;
    if (event.key === "ArrowUp" || event.key === "ArrowDown") {
      event.preventDefault();
      move(index, event.key === "ArrowUp" ? index - 1 : index + 1, "row");
    }
  };

  const remove = useMutation({
    mutationFn: (item: AgendaItem) => apiDelete(`/sessions/${session.id}/agenda-items/${item.id}`),
    onSuccess: () => {
      setRemoving(null);
      void queryClient.invalidateQueries({ queryKey: key });
    },
  });

  return (
    <Paper component="section" aria-labelledby="session-agenda">
      <Stack gap="md">
        <div>
          <Title order={2} id="session-agenda">
            {t("sessions.agenda.title")}
          </Title>
          {canWrite && items.length > 1 && (
            <Text size="sm" c="dimmed" id="agenda-keys">
              {t("sessions.agenda.keys")}
            </Text>
          )}
        </div>
        <div role="status" aria-live="polite" className="visually-hidden" data-testid="agenda-announcement">
          {announcement}
        </div>
        {agenda.isPending ? (
          <PageLoader />
        ) : agenda.isError ? (
          <ErrorNotice error={agenda.error} onRetry={() => void agenda.refetch()} />
        ) : items.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t("sessions.agenda.empty")}
          </Text>
        ) : (
          <Stack
            component="ol"
            gap={6}
            m={0}
            p={0}
            style={{ listStyle: "none" }}
            aria-labelledby="session-agenda"
          >
            {items.map((item, index) =>
              editing === item.id ? (
                <li key={item.id}>
                  <AgendaItemForm
                    sessionId={session.id}
                    item={item}
                    onDone={() => {
                      setEditing(null);
                      focusAfter.current = { id: item.id, control: "row", index };
                    }}
                  />
                </li>
              ) : (
                <Group
                  component="li"
                  key={item.id}
                  id={`punto-${item.id}`}
                  className="agenda-row"
                  tabIndex={canWrite ? 0 : -1}
                  aria-describedby={canWrite && items.length > 1 ? "agenda-keys" : undefined}
                  data-dragging={dragId === item.id}
                  data-drop-target={dropId === item.id && dragId !== item.id}
                  draggable={canWrite}
                  onKeyDown={(event: KeyboardEvent) => onRowKeyDown(event, index)}
                  onDragStart={(event: React.DragEvent) => {
                    event.dataTransfer.effectAllowed = "move";
                    event.dataTransfer.setData("text/plain", item.id);
                    setDragId(item.id);
                  }}
                  onDragOver={(event: React.DragEvent) => {
                    if (!dragId) return;
                    event.preventDefault();
                    event.dataTransfer.dropEffect = "move";
                    setDropId(item.id);
                  }}
                  onDrop={(event: React.DragEvent) => {
                    event.preventDefault();
                    const from = items.findIndex((candidate) => candidate.id === dragId);
                    if (from >= 0) move(from, index, "row");
                    setDragId(null);
                    setDropId(null);
                  }}
                  onDragEnd={() => {
                    setDragId(null);
                    setDropId(null);
                  }}
                  wrap="nowrap"
                  align="flex-start"
                  gap="sm"
                  p="xs"
                  bg={index % 2 === 0 ? "gray.0" : undefined}
                >
                  {canWrite && (
                    <Text
                      className="drag-handle"
                      c="dimmed"
                      aria-hidden
                      title={t("sessions.agenda.drag")}
                      pt={2}
                    >
                      ⠿
                    </Text>
                  )}
                  <Text fw={700} w={28} ta="right" pt={1}>
                    {item.position}.
                  </Text>
                  <Stack gap={2} style={{ flex: 1 }}>
                    <Text size="sm">{item.title}</Text>
                    <Group gap={6}>
                      <Badge variant="light" color="gray" radius="sm" size="sm" c="dark.6">
                        {t(`sessions.agendaKind.${item.kind}`)}
                      </Badge>
                    </Group>
                  </Stack>
                  {canWrite && (
                    <Group gap={4} wrap="nowrap">
                      <ActionIcon
                        id={`agenda-up-${item.id}`}
                        variant="default"
                        aria-label={t("sessions.agenda.up", { position: item.position })}
                        disabled={index === 0}
                        onClick={() => move(index, index - 1, "up")}
                      >
                        <span aria-hidden>↑</span>
                      </ActionIcon>
                      <ActionIcon
                        id={`agenda-down-${item.id}`}
                        variant="default"
                        aria-label={t("sessions.agenda.down", { position: item.position })}
                        disabled={index === items.length - 1}
                        onClick={() => move(index, index + 1, "down")}
                      >
                        <span aria-hidden>↓</span>
                      </ActionIcon>
                      <Button
                        variant="subtle"
                        size="compact-sm"
                        aria-label={t("sessions.agenda.editPoint", { position: item.position })}
                        onClick={() => setEditing(item.id)}
                      >
                        {t("sessions.agenda.edit")}
                      </Button>
                      <Button
                        variant="subtle"
                        color="red"
                        size="compact-sm"
                        aria-label={t("sessions.agenda.removePoint", { position: item.position })}
                        onClick={() => setRemoving(item)}
                      >
                        {t("sessions.agenda.remove")}
                      </Button>
                    </Group>
                  )}
                </Group>
              ),
            )}
          </Stack>
        )}
        {reorder.isError && <ErrorNotice error={reorder.error} />}
        {canWrite && <AgendaItemForm sessionId={session.id} />}
      </Stack>
      <Modal
        opened={removing !== null}
        onClose={() => {
          remove.reset();
          setRemoving(null);
        }}
        title={t("sessions.agenda.removeTitle", { position: removing?.position ?? "" })}
        centered
        closeButtonProps={{ "aria-label": t("sessions.closeDialog") }}
      >
        <Stack gap="md">
          <Text size="sm">{removing?.title}</Text>
          <Text size="sm" c="dimmed">
            {t("sessions.agenda.removeBody")}
          </Text>
          {remove.isError && <ErrorNotice error={remove.error} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setRemoving(null)}>
              {t("form.cancel")}
            </Button>
            <Button
              color="red"
              loading={remove.isPending}
              onClick={() => removing && remove.mutate(removing)}
            >
              {t("sessions.agenda.remove")}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Paper>
  );
}

/** Adds a point at the end (without `item`) or edits one (PATCH its kind and title). */
function AgendaItemForm({
  sessionId,
  item,
  onDone,
}: {
  sessionId: string;
  item?: AgendaItem;
  onDone?(): void;
}) {
  const t = useT();
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<AgendaItemKind>(item?.kind ?? "report");
  const [title, setTitle] = useState(item?.title ?? "");
  const save = useMutation({
    mutationFn: () =>
      item
        ? apiPatch<AgendaItem>(`/sessions/${sessionId}/agenda-items/${item.id}`, { kind, title })
        : apiPost<AgendaItem>(`/sessions/${sessionId}/agenda-items`, { kind, title }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: keys.agenda(sessionId) });
      if (!item) {
        setTitle("");
        setKind("report");
      }
      onDone?.();
    },
  });
  const errors = fieldErrors(save.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  return (
    <form
      onSubmit={submit}
      noValidate
      aria-label={item ? t("sessions.agenda.editTitle") : t("sessions.agenda.addTitle")}
    >
      <Stack
        gap="xs"
        p={item ? "xs" : 0}
        bg={item ? "institutional.0" : undefined}
        style={{ borderRadius: 4 }}
      >
        {!item && (
          <Title order={3} size="h4">
            {t("sessions.agenda.addTitle")}
          </Title>
        )}
        <Group align="flex-start" gap="sm" wrap="wrap">
          <NativeSelect
            label={t("sessions.agenda.kind")}
            value={kind}
            onChange={(event) => setKind(event.currentTarget.value as AgendaItemKind)}
            data={AGENDA_ITEM_KINDS.map((value) => ({ value, label: t(`sessions.agendaKind.${value}`) }))}
            error={errors.kind}
            w={220}
          />
          <Textarea
            label={t("sessions.agenda.pointTitle")}
            value={title}
            onChange={(event) => setTitle(event.currentTarget.value)}
            error={errors.title}
            autosize
            minRows={1}
            maxRows={6}
            style={{ flex: 1, minWidth: 280 }}
            required
          />
        </Group>
        <FormErrors error={save.error} fields={["kind", "title"]} />
        <Group justify="flex-end" gap="xs">
          {item && (
            <Button variant="default" size="xs" onClick={onDone}>
              {t("form.cancel")}
            </Button>
          )}
          <Button type="submit" size="xs" loading={save.isPending}>
            {item ? t("form.save") : t("sessions.agenda.add")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
