/**
 * The justifications of one action (or of a line) for the four quarters: the text the quarterly report prints
 * when the action has no activity. Saved with PUT /work-programmes/:id/justifications, one per changed quarter;
 * the unsaved-changes guard holds navigation while something is typed and not saved.
 */
import { Button, Group, SimpleGrid, Stack, Text, Textarea } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { apiPut } from "../../api/client.ts";
import { FormErrors, fieldErrors } from "../../components/form-errors.tsx";
import { UnsavedChangesGuard } from "../../components/unsaved-changes.tsx";
import { useT } from "../../i18n/i18n.ts";
import type { Justification } from "../activities/data.ts";

const QUARTERS = [1, 2, 3, 4] as const;

export function JustificationEditor({
  programmeId,
  lineId,
  actionId,
  justifications,
  label,
  onClose,
}: {
  programmeId: string;
  lineId: string;
  actionId?: string;
  justifications: Justification[];
  /** What is being justified, for the form's accessible name: «la acción 1.A». */
  label: string;
  onClose(message?: string): void;
}) {
  const t = useT();
  const queryClient = useQueryClient();
  const savedText = (quarter: number) => justifications.find((j) => j.quarter === quarter)?.text ?? "";
  const [texts, setTexts] = useState<Record<number, string>>(() =>
    Object.fromEntries(QUARTERS.map((quarter) => [quarter, savedText(quarter)])),
  );
  const changed = QUARTERS.filter((quarter) => (texts[quarter] ?? "") !== savedText(quarter));
  const cleared = changed.filter((quarter) => (texts[quarter] ?? "").trim() === "");
  const save = useMutation({
    mutationFn: async () => {
      for (const quarter of changed)
        await apiPut(`/work-programmes/${programmeId}/justifications`, {
          ...(actionId ? { actionId } : { lineId }),
          quarter,
          text: texts[quarter],
        });
    },
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ["work-programmes"] });
      onClose(t("programme.saved"));
    },
  });
  const errors = fieldErrors(save.error);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (changed.length > 0 && cleared.length === 0) save.mutate();
  };
  return (
    <form onSubmit={onSubmit} aria-label={t("programme.editFor", { what: label })} noValidate>
      <UnsavedChangesGuard when={changed.length > 0 && !save.isSuccess} />
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {t("programme.justificationHint")}
        </Text>
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm">
          {QUARTERS.map((quarter) => (
            <Textarea
              key={quarter}
              label={t("programme.justification", { quarter })}
              value={texts[quarter] ?? ""}
              onChange={(event) => {
                const value = event.currentTarget.value;
                setTexts((previous) => ({ ...previous, [quarter]: value }));
              }}
              error={
                cleared.includes(quarter) && savedText(quarter) !== ""
                  ? t("programme.cannotClear")
                  : errors.text
              }
              autosize
              minRows={2}
              maxRows={8}
            />
          ))}
        </SimpleGrid>
        <FormErrors error={save.error} fields={["text"]} />
        <Group justify="flex-end">
          <Button variant="default" onClick={() => onClose()}>
            {t("form.cancel")}
          </Button>
          <Button
            type="submit"
            disabled={changed.length === 0 || cleared.length > 0}
            loading={save.isPending}
          >
            {t("form.save")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
