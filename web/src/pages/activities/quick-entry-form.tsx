/**
 * Quick entry: the technical unit records several activities a day, so the form is filled from the keyboard in
 * its natural tab order — kind, dates, action, title, description, counterparts — and Enter in the last field
 * (or Ctrl+Enter anywhere) saves. After saving, the form clears but keeps the kind and the action, focus goes
 * back to the first field, and a live region says what was saved.
 */
import {
  Anchor,
  Button,
  Group,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, type KeyboardEvent, useMemo, useRef, useState } from "react";
import { Link } from "react-router";
import { apiPost } from "../../api/client.ts";
import type { Me } from "../../api/types.ts";
import { hasPermission } from "../../auth/auth.ts";
import { FormErrors, fieldErrors } from "../../components/form-errors.tsx";
import { useT } from "../../i18n/i18n.ts";
import {
  type ActionChoice,
  type Activity,
  type CatalogEntry,
  type Organisation,
  recordableActions,
} from "./data.ts";
import { parseDates } from "./dates.ts";
import { type PickOption, QuickMultiSelect, QuickSelect } from "./pickers.tsx";

/** The API's message for a field, or for the first entry under it («dates[1]», «span.to»). */
export function errorUnder(errors: Record<string, string>, ...prefixes: string[]): string | undefined {
  for (const prefix of prefixes)
    for (const [path, message] of Object.entries(errors))
      if (path === prefix || path.startsWith(`${prefix}[`) || path.startsWith(`${prefix}.`)) return message;
  return undefined;
}

export function kindOptions(kinds: CatalogEntry[] | undefined): PickOption[] {
  return (kinds ?? []).map((kind) => ({ value: kind.id, label: kind.name, searchText: kind.key }));
}

export function actionOptions(actions: ActionChoice[]): PickOption[] {
  return actions.map((action) => ({
    value: action.id,
    label: `${action.code} — ${action.title}`,
    searchText: `${action.code} ${action.line.number}${action.letter} ${action.line.title}`,
    detail: `${action.year} · ${action.line.number}. ${action.line.title}`,
  }));
}

export function organisationOptions(organisations: Organisation[] | undefined): PickOption[] {
  return (organisations ?? []).map((organisation) => {
    const others = [organisation.acronym, ...organisation.aliases].filter(Boolean) as string[];
    return {
      value: organisation.id,
      label: organisation.acronym ? `${organisation.name} (${organisation.acronym})` : organisation.name,
      searchText: `${organisation.key} ${others.join(" ")}`,
      detail: organisation.aliases.length > 0 ? organisation.aliases.join(" · ") : undefined,
    };
  });
}

type Draft = {
  kindId: string | null;
  dates: string;
  actionId: string | null;
  title: string;
  description: string;
  counterpartIds: string[];
};
const EMPTY: Draft = {
  kindId: null,
  dates: "",
  actionId: null,
  title: "",
  description: "",
  counterpartIds: [],
};

export function QuickEntryForm({
  me,
  commissionId,
  kinds,
  actions,
  organisations,
}: {
  me: Me;
  commissionId: string;
  kinds: CatalogEntry[];
  actions: ActionChoice[];
  organisations: Organisation[];
}) {
  const t = useT();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const [announcement, setAnnouncement] = useState("");
  const [lastSaved, setLastSaved] = useState<Activity | null>(null);
  const [dismissed, setDismissed] = useState<ReadonlySet<string>>(new Set());
  const firstField = useRef<HTMLInputElement>(null);
  const lastField = useRef<HTMLInputElement>(null);
  const isAreaOnly = !hasPermission(me, "records.write");
  const allowedActions = useMemo(() => recordableActions(me, actions), [me, actions]);
  const kindChoices = useMemo(() => kindOptions(kinds), [kinds]);
  const actionChoicesList = useMemo(() => actionOptions(allowedActions), [allowedActions]);
  const organisationChoices = useMemo(() => organisationOptions(organisations), [organisations]);

  const save = useMutation({
    mutationFn: (body: Record<string, unknown>) => apiPost<Activity>("/activities", body),
    onSuccess: (activity) => {
      void queryClient.invalidateQueries({ queryKey: ["activities"] });
      void queryClient.invalidateQueries({ queryKey: ["activity-counts"] });
      setDraft((previous) => ({ ...EMPTY, kindId: previous.kindId, actionId: previous.actionId }));
      setAnnouncement(t("activities.entry.saved", { title: activity.title }));
      setLastSaved(activity);
      firstField.current?.focus();
    },
  });

  const submit = () => {
    if (save.isPending) return;
    const missing: Record<string, string> = {};
    if (!draft.kindId) missing.kindId = t("activities.entry.kindMissing");
    if (draft.dates.trim() === "") missing.dates = t("activities.entry.datesMissing");
    if (draft.title.trim() === "") missing.title = t("activities.entry.titleMissing");
    if (isAreaOnly && !draft.actionId) missing.actionId = t("activities.entry.actionMissing");
    setLocalErrors(missing);
    setDismissed(new Set());
    setAnnouncement("");
    if (Object.keys(missing).length > 0) {
      save.reset();
      return;
    }
    save.mutate({
      commissionId,
      kindId: draft.kindId,
      ...(draft.actionId ? { actionId: draft.actionId } : {}),
      ...parseDates(draft.dates),
      title: draft.title,
      ...(draft.description.trim() ? { description: draft.description } : {}),
      counterpartIds: draft.counterpartIds,
    });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLFormElement>) => {
    // An open list took the Enter (it picked an option).
    if (event.key !== "Enter" || event.defaultPrevented || event.nativeEvent.isComposing) return;
    const target = event.target as HTMLElement;
    if (event.ctrlKey || event.metaKey) {
      event.preventDefault();
      submit();
    } else if (target === lastField.current) {
      event.preventDefault();
      submit();
    } else if (target.tagName !== "TEXTAREA" && target.tagName !== "BUTTON") {
      // Enter elsewhere does not save half a form.
      event.preventDefault();
    }
  };

  const apiErrors = fieldErrors(save.error);
  const shown = (field: keyof Draft, message: string | undefined) =>
    dismissed.has(field) ? undefined : message;
  const errors = {
    kindId: shown("kindId", localErrors.kindId ?? errorUnder(apiErrors, "kindId")),
    dates: shown("dates", localErrors.dates ?? errorUnder(apiErrors, "dates", "span")),
    actionId: shown("actionId", localErrors.actionId ?? errorUnder(apiErrors, "actionId")),
    title: shown("title", localErrors.title ?? errorUnder(apiErrors, "title")),
    description: shown("description", errorUnder(apiErrors, "description")),
    counterpartIds: shown("counterpartIds", errorUnder(apiErrors, "counterpartIds")),
  };
  const isErrorPending =
    save.isError &&
    (Object.keys(apiErrors).length === 0 || Object.values(errors).some((message) => message !== undefined));
  // A field's complaint goes once the field is edited; the next save checks everything again.
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => {
    setDraft((d) => ({ ...d, [key]: value }));
    setDismissed((previous) => new Set(previous).add(key));
  };

  if (isAreaOnly && allowedActions.length === 0)
    return (
      <Paper>
        <Title order={2}>{t("activities.entry.title")}</Title>
        <Text size="sm" mt="sm">
          {t("activities.entry.noActions")}
        </Text>
      </Paper>
    );

  return (
    <Paper>
      <form
        aria-labelledby="quick-entry-title"
        onKeyDown={onKeyDown}
        onSubmit={(event: FormEvent) => {
          event.preventDefault();
          submit();
        }}
        noValidate
      >
        <Stack gap="sm">
          <div>
            <Title order={2} id="quick-entry-title">
              {t("activities.entry.title")}
            </Title>
            <Text size="sm" c="dimmed">
              {t("activities.entry.hint")}
            </Text>
            {isAreaOnly && (
              <Text size="sm" mt={4}>
                {t("activities.entry.areaOnly")}
              </Text>
            )}
          </div>
          <SimpleGrid cols={{ base: 1, md: 3 }} spacing="sm">
            <QuickSelect
              ref={firstField}
              label={t("activities.entry.kind")}
              options={kindChoices}
              value={draft.kindId}
              onChange={(value) => set("kindId", value)}
              error={errors.kindId}
              required
              nothingFound={t("activities.entry.nothingFound")}
            />
            <TextInput
              label={t("activities.entry.dates")}
              description={t("activities.entry.datesHint")}
              inputWrapperOrder={["label", "input", "description", "error"]}
              value={draft.dates}
              onChange={(event) => set("dates", event.currentTarget.value)}
              error={errors.dates}
              required
              autoComplete="off"
            />
            <QuickSelect
              label={t("activities.entry.action")}
              placeholder={t("activities.entry.actionPlaceholder")}
              options={actionChoicesList}
              value={draft.actionId}
              onChange={(value) => set("actionId", value)}
              error={errors.actionId}
              required={isAreaOnly}
              clearable
              nothingFound={t("activities.entry.nothingFound")}
            />
          </SimpleGrid>
          <TextInput
            label={t("activities.entry.title.field")}
            value={draft.title}
            onChange={(event) => set("title", event.currentTarget.value)}
            error={errors.title}
            required
            autoComplete="off"
          />
          <Textarea
            label={t("activities.entry.description")}
            value={draft.description}
            onChange={(event) => set("description", event.currentTarget.value)}
            error={errors.description}
            autosize
            minRows={2}
            maxRows={6}
          />
          <QuickMultiSelect
            ref={lastField}
            label={t("activities.entry.counterparts")}
            placeholder={t("activities.entry.counterpartsPlaceholder")}
            options={organisationChoices}
            value={draft.counterpartIds}
            onChange={(value) => set("counterpartIds", value)}
            error={errors.counterpartIds}
            nothingFound={t("activities.entry.nothingFound")}
          />
          <FormErrors
            error={isErrorPending ? save.error : null}
            fields={Object.keys(apiErrors).filter((path) =>
              /^(kindId|dates|span|actionId|title|description|counterpartIds)/.test(path),
            )}
          />
          <Group justify="space-between" align="center" wrap="nowrap">
            <Group gap="sm" style={{ flex: 1 }}>
              <Text size="sm" fw={500} role="status" aria-live="polite" data-testid="quick-entry-status">
                {announcement}
              </Text>
              {announcement && lastSaved && (
                <Anchor component={Link} to={`/actividades/${lastSaved.id}`} size="sm">
                  {t("activities.entry.open")}
                </Anchor>
              )}
            </Group>
            <Button type="submit" loading={save.isPending} style={{ flexShrink: 0 }}>
              {t("activities.entry.save")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
