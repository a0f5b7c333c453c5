/**
 * /actividades/:id — one activity, editable by whoever may write it (PATCH /activities/:id sends what changed)
 * with the unsaved-changes guard, and deletable after a confirmation.
 */
import {
  Anchor,
  Button,
  Group,
  Modal,
  NumberInput,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useEffect, useMemo, useState } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { apiDelete, apiGet, apiPatch } from "../../api/client.ts";
import type { Me } from "../../api/types.ts";
import { hasPermission } from "../../auth/auth.ts";
import { FormErrors, fieldErrors } from "../../components/form-errors.tsx";
import { UnsavedChangesGuard } from "../../components/unsaved-changes.tsx";
import { useT } from "../../i18n/i18n.ts";
import { ErrorNotice } from "../../layout/error-notice.tsx";
import { PageLoader } from "../../layout/page-loader.tsx";
import { STATUS_TEXT } from "./activity-list.tsx";
import {
  type ActionChoice,
  type Activity,
  type ActivityStatus,
  type CatalogEntry,
  type Organisation,
  recordableActions,
} from "./data.ts";
import { datesText, parseDates } from "./dates.ts";
import { QuickMultiSelect, QuickSelect } from "./pickers.tsx";
import { actionOptions, errorUnder, kindOptions, organisationOptions } from "./quick-entry-form.tsx";

type Draft = {
  kindId: string | null;
  dates: string;
  actionId: string | null;
  title: string;
  description: string;
  counterpartIds: string[];
  audience: string;
  quantity: number | string;
  status: ActivityStatus;
  statusReason: string;
};

const draftOf = (activity: Activity): Draft => ({
  kindId: activity.kindId,
  dates: datesText(activity),
  actionId: activity.actionId,
  title: activity.title,
  description: activity.description ?? "",
  counterpartIds: activity.counterpartIds,
  audience: activity.audience ?? "",
  quantity: activity.quantity ?? "",
  status: activity.status,
  statusReason: activity.statusReason ?? "",
});

/** Only what changed, with `null` for a cleared optional field. */
function patchOf(before: Draft, after: Draft): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  const orNull = (text: string) => (text.trim() === "" ? null : text);
  if (after.kindId !== before.kindId) patch.kindId = after.kindId;
  if (after.dates !== before.dates) Object.assign(patch, parseDates(after.dates));
  if (after.actionId !== before.actionId) patch.actionId = after.actionId;
  if (after.title !== before.title) patch.title = after.title;
  if (after.description !== before.description) patch.description = orNull(after.description);
  if (after.counterpartIds.join() !== before.counterpartIds.join())
    patch.counterpartIds = after.counterpartIds;
  if (after.audience !== before.audience) patch.audience = orNull(after.audience);
  if (after.quantity !== before.quantity)
    patch.quantity = after.quantity === "" ? null : Number(after.quantity);
  if (after.status !== before.status) patch.status = after.status;
  if (after.statusReason !== before.statusReason) patch.statusReason = orNull(after.statusReason);
  return patch;
}

export function ActivityDetail({
  me,
  kinds,
  actions,
  organisations,
}: {
  me: Me;
  kinds: CatalogEntry[];
  actions: ActionChoice[];
  organisations: Organisation[];
}) {
  const { id = "" } = useParams();
  const activity = useQuery({
    queryKey: ["activities", "one", id],
    queryFn: () => apiGet<Activity>(`/activities/${encodeURIComponent(id)}`),
  });
  if (activity.isPending) return <PageLoader />;
  if (activity.isError) return <ErrorNotice error={activity.error} onRetry={() => void activity.refetch()} />;
  return (
    <ActivityForm
      key={activity.data.id}
      me={me}
      activity={activity.data}
      kinds={kinds}
      actions={actions}
      organisations={organisations}
    />
  );
}

function ActivityForm({
  me,
  activity,
  kinds,
  actions,
  organisations,
}: {
  me: Me;
  activity: Activity;
  kinds: CatalogEntry[];
  actions: ActionChoice[];
  organisations: Organisation[];
}) {
  const t = useT();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const saved = useMemo(() => draftOf(activity), [activity]);
  const [draft, setDraft] = useState<Draft>(saved);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [message, setMessage] = useState("");
  const patch = patchOf(saved, draft);
  const isDirty = Object.keys(patch).length > 0;
  const writable = recordableActions(me, actions);
  const canWrite =
    hasPermission(me, "records.write") ||
    (hasPermission(me, "area.write") && writable.some((action) => action.id === activity.actionId));
  // The action it has stays offered even when the account could not choose it.
  const offered = writable.some((action) => action.id === activity.actionId)
    ? writable
    : [...actions.filter((action) => action.id === activity.actionId), ...writable];

  const save = useMutation({
    mutationFn: () => apiPatch<Activity>(`/activities/${activity.id}`, patch),
    onSuccess: (updated) => {
      queryClient.setQueryData(["activities", "one", activity.id], updated);
      setDraft(draftOf(updated));
      void queryClient.invalidateQueries({ queryKey: ["activities", "list"] });
      void queryClient.invalidateQueries({ queryKey: ["activity-counts"] });
      setMessage(t("form.saved"));
    },
  });
  const remove = useMutation({
    mutationFn: () => apiDelete(`/activities/${activity.id}`),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ["activities"] });
      void queryClient.invalidateQueries({ queryKey: ["activity-counts"] });
      void navigate("/actividades", { state: { notice: t("activities.detail.deleted") } });
    },
  });
  useEffect(() => {
    if (isDirty) setMessage("");
  }, [isDirty]);

  const errors = fieldErrors(save.error);
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (isDirty) save.mutate();
  };

  return (
    <Stack gap="lg">
      <UnsavedChangesGuard when={isDirty && !remove.isSuccess} />
      <div>
        <Anchor component={Link} to="/actividades" size="sm">
          ← {t("activities.detail.back")}
        </Anchor>
        <Title order={1} mt="xs">
          {activity.title}
        </Title>
        <Text size="sm" c="dimmed">
          {t("activities.detail.key", { key: activity.key })}
        </Text>
      </div>
      <Paper>
        <form onSubmit={onSubmit} noValidate>
          <fieldset disabled={!canWrite} style={{ border: 0, margin: 0, padding: 0, minWidth: 0 }}>
            <Stack gap="sm">
              {!canWrite && <Text size="sm">{t("activities.detail.readOnly")}</Text>}
              <SimpleGrid cols={{ base: 1, md: 3 }} spacing="sm">
                <QuickSelect
                  label={t("activities.entry.kind")}
                  options={kindOptions(kinds)}
                  value={draft.kindId}
                  onChange={(value) => set("kindId", value)}
                  error={errorUnder(errors, "kindId")}
                  required
                  nothingFound={t("activities.entry.nothingFound")}
                />
                <TextInput
                  label={t("activities.entry.dates")}
                  description={t("activities.entry.datesHint")}
                  inputWrapperOrder={["label", "input", "description", "error"]}
                  value={draft.dates}
                  onChange={(event) => set("dates", event.currentTarget.value)}
                  error={errorUnder(errors, "dates", "span")}
                  required
                />
                <QuickSelect
                  label={t("activities.entry.action")}
                  options={actionOptions(offered)}
                  value={draft.actionId}
                  onChange={(value) => set("actionId", value)}
                  error={errorUnder(errors, "actionId")}
                  clearable={hasPermission(me, "records.write")}
                  nothingFound={t("activities.entry.nothingFound")}
                />
              </SimpleGrid>
              <TextInput
                label={t("activities.entry.title.field")}
                value={draft.title}
                onChange={(event) => set("title", event.currentTarget.value)}
                error={errorUnder(errors, "title")}
                required
              />
              <Textarea
                label={t("activities.entry.description")}
                value={draft.description}
                onChange={(event) => set("description", event.currentTarget.value)}
                error={errorUnder(errors, "description")}
                autosize
                minRows={3}
                maxRows={10}
              />
              <QuickMultiSelect
                label={t("activities.entry.counterparts")}
                placeholder={t("activities.entry.counterpartsPlaceholder")}
                options={organisationOptions(organisations)}
                value={draft.counterpartIds}
                onChange={(value) => set("counterpartIds", value)}
                error={errorUnder(errors, "counterpartIds")}
                nothingFound={t("activities.entry.nothingFound")}
              />
              <SimpleGrid cols={{ base: 1, md: 3 }} spacing="sm">
                <TextInput
                  label={t("activities.detail.audience")}
                  value={draft.audience}
                  onChange={(event) => set("audience", event.currentTarget.value)}
                  error={errorUnder(errors, "audience")}
                />
                <NumberInput
                  label={t("activities.detail.quantity")}
                  value={draft.quantity}
                  onChange={(value) => set("quantity", value)}
                  error={errorUnder(errors, "quantity")}
                  min={0}
                  allowDecimal={false}
                  thousandSeparator=","
                />
                <Select
                  label={t("activities.detail.status")}
                  data={(Object.keys(STATUS_TEXT) as ActivityStatus[]).map((status) => ({
                    value: status,
                    label: t(STATUS_TEXT[status]),
                  }))}
                  value={draft.status}
                  onChange={(value) => value && set("status", value as ActivityStatus)}
                  allowDeselect={false}
                />
              </SimpleGrid>
              {draft.status !== "held" && (
                <Textarea
                  label={t("activities.detail.statusReason")}
                  description={t("activities.detail.statusReasonHint")}
                  value={draft.statusReason}
                  onChange={(event) => set("statusReason", event.currentTarget.value)}
                  error={errorUnder(errors, "statusReason")}
                  required
                  autosize
                  minRows={2}
                />
              )}
              <FormErrors
                error={save.error}
                fields={Object.keys(errors).filter((path) =>
                  /^(kindId|dates|span|actionId|title|description|counterpartIds|audience|quantity|statusReason)/.test(
                    path,
                  ),
                )}
              />
              {remove.isError && <ErrorNotice error={remove.error} />}
              {canWrite && (
                <Group justify="space-between">
                  <Button variant="outline" color="red.8" onClick={() => setConfirmDelete(true)}>
                    {t("activities.detail.delete")}
                  </Button>
                  <Group>
                    <Text size="sm" fw={500} role="status" aria-live="polite">
                      {message}
                    </Text>
                    <Button variant="default" disabled={!isDirty} onClick={() => setDraft(saved)}>
                      {t("form.cancel")}
                    </Button>
                    <Button type="submit" disabled={!isDirty} loading={save.isPending}>
                      {t("form.save")}
                    </Button>
                  </Group>
                </Group>
              )}
            </Stack>
          </fieldset>
        </form>
      </Paper>
      <Modal
        opened={confirmDelete}
        onClose={() => setConfirmDelete(false)}
        title={t("activities.detail.deleteTitle")}
        centered
      >
        <Text size="sm">{t("activities.detail.deleteBody", { title: activity.title })}</Text>
        <Group justify="flex-end" mt="lg">
          <Button variant="default" onClick={() => setConfirmDelete(false)}>
            {t("form.cancel")}
          </Button>
          <Button
            color="red"
            loading={remove.isPending}
            onClick={() => {
              setConfirmDelete(false);
              remove.mutate();
            }}
          >
            {t("activities.detail.deleteConfirm")}
          </Button>
        </Group>
      </Modal>
    </Stack>
  );
}
