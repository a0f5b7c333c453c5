/**
 * The draft's narrative paragraphs: the introduction and the opening text of parts of section III (keyed by line
 * and action, «2A»), one paragraph per blank-line-separated block, saved with PATCH /reports/:id. Empty means the
 * template's wording. Leaving with unsaved changes asks first.
 */
import { ActionIcon, Button, Group, NativeSelect, Stack, Text, Textarea, Title } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { apiPatch } from "../../api/client.ts";
import { FormErrors, fieldErrors } from "../../components/form-errors.tsx";
import { UnsavedChangesGuard } from "../../components/unsaved-changes.tsx";
import { useT } from "../../i18n/i18n.ts";
import { REPORTS_KEY, type Report, reportKey, useProgramme } from "./api.ts";

const toText = (paragraphs: string[] | undefined) => (paragraphs ?? []).join("\n\n");
const toParagraphs = (text: string) =>
  text
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.trim())
    .filter((paragraph) => paragraph.length > 0);

type Draft = { introduction: string; parts: Record<string, string> };

const draftOf = (report: Report): Draft => ({
  introduction: toText(report.introduction),
  parts: Object.fromEntries(Object.entries(report.partTexts).map(([key, value]) => [key, toText(value)])),
});

/** What a draft sends: its paragraphs, and only the parts with some. */
const payloadOf = (draft: Draft) => ({
  introduction: toParagraphs(draft.introduction),
  partTexts: Object.fromEntries(
    Object.entries(draft.parts)
      .map(([key, text]) => [key, toParagraphs(text)] as const)
      .filter(([, paragraphs]) => paragraphs.length > 0),
  ),
});

const sameDraft = (a: Draft, b: Draft) => JSON.stringify(payloadOf(a)) === JSON.stringify(payloadOf(b));

export function ReportTexts({ report }: { report: Report }) {
  const t = useT();
  const queryClient = useQueryClient();
  const [saved, setSaved] = useState<Draft>(() => draftOf(report));
  const [draft, setDraft] = useState<Draft>(saved);
  const [partToAdd, setPartToAdd] = useState("");
  const programme = useProgramme(report, true);
  const actions = (programme.data?.lines ?? []).flatMap((line) =>
    line.actions.map((action) => ({
      key: `${line.number}${action.letter}`,
      label: `${line.number}.${action.letter} ${action.title}`,
    })),
  );
  const labelOf = (key: string) => actions.find((action) => action.key === key)?.label ?? key;
  const isDirty = !sameDraft(draft, saved);
  const save = useMutation({
    mutationFn: (next: Draft) => apiPatch<Report>(`/reports/${report.id}`, payloadOf(next)),
    onSuccess: (updated) => {
      queryClient.setQueryData(reportKey(report.id), updated);
      void queryClient.invalidateQueries({ queryKey: REPORTS_KEY });
      const next = draftOf(updated);
      setSaved(next);
      setDraft(next);
    },
  });
  const errors = fieldErrors(save.error);
  const available = actions.filter((action) => !(action.key in draft.parts));
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate(draft);
      }}
    >
      <UnsavedChangesGuard when={isDirty} />
      <Stack gap="lg">
        <Text size="sm" c="dimmed">
          {t("reports.texts.intro")}
        </Text>
        <Textarea
          label={t("reports.texts.introduction")}
          description={t("reports.texts.introductionHelp")}
          placeholder={t("reports.texts.templateWording")}
          value={draft.introduction}
          onChange={(event) => {
            const introduction = event.currentTarget.value;
            setDraft((current) => ({ ...current, introduction }));
          }}
          error={errors.introduction ?? errors["introduction[0]"]}
          autosize
          minRows={5}
          maxRows={16}
        />
        <Stack gap="sm">
          <Title order={2} size="h4">
            {t("reports.texts.parts")}
          </Title>
          <Text size="sm" c="dimmed">
            {t("reports.texts.partsHelp")}
          </Text>
          {Object.keys(draft.parts).map((key) => (
            <Group key={key} align="flex-start" wrap="nowrap">
              <Textarea
                style={{ flex: 1 }}
                label={t("reports.texts.part", { part: labelOf(key) })}
                value={draft.parts[key]}
                onChange={(event) => {
                  const text = event.currentTarget.value;
                  setDraft((current) => ({ ...current, parts: { ...current.parts, [key]: text } }));
                }}
                error={errors[`partTexts.${key}`]}
                autosize
                minRows={3}
                maxRows={12}
              />
              <ActionIcon
                mt={28}
                variant="subtle"
                color="red"
                aria-label={t("reports.texts.removePart", { part: key })}
                onClick={() =>
                  setDraft((current) => {
                    const { [key]: _removed, ...parts } = current.parts;
                    return { ...current, parts };
                  })
                }
              >
                <Text span aria-hidden fw={700}>
                  ×
                </Text>
              </ActionIcon>
            </Group>
          ))}
          {available.length > 0 && (
            <Group align="flex-end">
              <NativeSelect
                label={t("reports.texts.addPart")}
                value={partToAdd}
                onChange={(event) => setPartToAdd(event.currentTarget.value)}
                data={[
                  { value: "", label: t("reports.texts.choosePart") },
                  ...available.map((action) => ({ value: action.key, label: action.label })),
                ]}
                w={480}
              />
              <Button
                variant="default"
                disabled={!partToAdd}
                onClick={() => {
                  setDraft((current) => ({ ...current, parts: { ...current.parts, [partToAdd]: "" } }));
                  setPartToAdd("");
                }}
              >
                {t("reports.texts.add")}
              </Button>
            </Group>
          )}
        </Stack>
        <FormErrors
          error={save.error}
          fields={[
            "introduction",
            "introduction[0]",
            ...Object.keys(draft.parts).map((k) => `partTexts.${k}`),
          ]}
        />
        <Group justify="space-between">
          <Text size="sm" c="dimmed" role="status">
            {isDirty ? t("reports.texts.unsaved") : save.isSuccess ? t("reports.texts.saved") : ""}
          </Text>
          <Group gap="sm">
            <Button variant="default" disabled={!isDirty || save.isPending} onClick={() => setDraft(saved)}>
              {t("reports.texts.discard")}
            </Button>
            <Button type="submit" loading={save.isPending} disabled={!isDirty}>
              {t("reports.texts.save")}
            </Button>
          </Group>
        </Group>
      </Stack>
    </form>
  );
}
