/**
 * Moving an agreement to another stage (POST /agreements/:id/stage): the stages the domain allows next in a
 * menu, then the date it was reached (today by default; the signing date when signing) and an optional note.
 * A refusal comes back in the API's Spanish words.
 */
import { Button, Group, Menu, Modal, Stack, Text, Textarea } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { apiPost } from "../../api/client.ts";
import { DateField } from "../../components/date-field.tsx";
import { FormErrors, fieldErrors } from "../../components/form-errors.tsx";
import { today } from "../../format.ts";
import { useT } from "../../i18n/i18n.ts";
import { AGREEMENTS_KEY, type Agreement, type AgreementStage, nextStages } from "./data.ts";

export function useStageChange() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: { id: string; stage: AgreementStage; date: string; note?: string }) =>
      apiPost<Agreement>(`/agreements/${encodeURIComponent(id)}/stage`, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: AGREEMENTS_KEY }),
  });
}

/** The dialog that asks the date of the move and sends it. */
export function StageChangeDialog({
  agreement,
  stage,
  onClose,
}: {
  agreement: Agreement;
  stage: AgreementStage | null;
  onClose: () => void;
}) {
  const t = useT();
  const change = useStageChange();
  const [date, setDate] = useState(today());
  const [note, setNote] = useState("");
  const close = () => {
    change.reset();
    setNote("");
    onClose();
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!stage) return;
    change.mutate(
      { id: agreement.id, stage, date, ...(note.trim() ? { note: note.trim() } : {}) },
      { onSuccess: close },
    );
  };
  const errors = fieldErrors(change.error);
  return (
    <Modal
      opened={stage !== null}
      onClose={close}
      title={stage ? t("agreements.move.title", { stage: t(`agreements.stage.${stage}`) }) : ""}
      centered
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Text size="sm">{agreement.title}</Text>
          <DateField
            label={stage === "signed" ? t("agreements.move.signedDate") : t("agreements.move.date")}
            value={date}
            onChange={setDate}
            error={errors.date}
            required
          />
          <Textarea
            label={t("agreements.move.note")}
            value={note}
            onChange={(event) => setNote(event.currentTarget.value)}
            error={errors.note}
            autosize
            minRows={2}
          />
          <FormErrors error={change.error} fields={["date", "note"]} />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t("form.cancel")}
            </Button>
            <Button type="submit" loading={change.isPending}>
              {t("agreements.move.submit")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** «Mover a…»: a keyboard-accessible menu of the stages the agreement may reach next. */
export function MoveMenu({
  agreement,
  onPick,
  size = "xs",
}: {
  agreement: Agreement;
  onPick: (stage: AgreementStage) => void;
  size?: "xs" | "sm";
}) {
  const t = useT();
  const stages = nextStages(agreement);
  if (stages.length === 0) return null;
  return (
    <Menu position="bottom-start" withinPortal>
      <Menu.Target>
        <Button
          variant="default"
          size={size}
          aria-label={t("agreements.move.menuFor", { key: agreement.key })}
        >
          {t("agreements.move.menu")}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{t("agreements.move.menuLabel")}</Menu.Label>
        {stages.map((stage) => (
          <Menu.Item key={stage} onClick={() => onPick(stage)}>
            {t(`agreements.stage.${stage}`)}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
