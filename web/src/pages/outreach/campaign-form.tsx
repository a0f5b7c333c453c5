/**
 * A campaign's words and how the report counts it: subject, Markdown body, the report's wording, the programmed
 * action and activity kind, and the sending rate. For a new draft (POST /campaigns) and for changing one (PATCH,
 * drafts only). The API's refusals appear under their fields; leaving with unsaved changes asks first.
 */
import { Button, Group, NumberInput, SimpleGrid, Stack, Textarea, TextInput } from "@mantine/core";
import { type FormEvent, useMemo, useState } from "react";
import { FormErrors, fieldErrors } from "../../components/form-errors.tsx";
import { UnsavedChangesGuard } from "../../components/unsaved-changes.tsx";
import { useT } from "../../i18n/i18n.ts";
import { actionChoices, useActivityKinds, useProgrammes } from "../activities/data.ts";
import { QuickSelect } from "../activities/pickers.tsx";
import { actionOptions, kindOptions } from "../activities/quick-entry-form.tsx";
import type { Campaign } from "./data.ts";

export type CampaignValues = {
  subject: string;
  bodyMarkdown: string;
  reportTitle: string;
  actionId: string | null;
  activityKindId: string | null;
  ratePerMinute: number | "";
};

export const EMPTY_CAMPAIGN: CampaignValues = {
  subject: "",
  bodyMarkdown: "",
  reportTitle: "",
  actionId: null,
  activityKindId: null,
  ratePerMinute: 60,
};

export const campaignValuesOf = (campaign: Campaign): CampaignValues => ({
  subject: campaign.subject,
  bodyMarkdown: campaign.bodyMarkdown,
  reportTitle: campaign.reportTitle ?? "",
  actionId: campaign.actionId,
  activityKindId: campaign.activityKindId,
  ratePerMinute: campaign.ratePerMinute,
});

export function campaignBody(values: CampaignValues): Record<string, unknown> {
  return {
    subject: values.subject,
    bodyMarkdown: values.bodyMarkdown,
    reportTitle: values.reportTitle.trim() === "" ? null : values.reportTitle,
    actionId: values.actionId,
    activityKindId: values.activityKindId,
    ...(values.ratePerMinute === "" ? {} : { ratePerMinute: values.ratePerMinute }),
  };
}

const FIELDS = ["subject", "bodyMarkdown", "reportTitle", "actionId", "activityKindId", "ratePerMinute"];

export function CampaignForm({
  commissionId,
  initial,
  isNew,
  isSaving,
  error,
  onSubmit,
  onCancel,
}: {
  commissionId: string;
  initial: CampaignValues;
  isNew: boolean;
  isSaving: boolean;
  error: unknown;
  onSubmit: (values: CampaignValues) => void;
  onCancel?: () => void;
}) {
  const t = useT();
  const [values, setValues] = useState(initial);
  const programmes = useProgrammes(commissionId);
  const kinds = useActivityKinds();
  const actions = useMemo(() => actionOptions(actionChoices(programmes.data)), [programmes.data]);
  const kindChoices = useMemo(() => kindOptions(kinds.data), [kinds.data]);
  const isDirty = JSON.stringify(values) !== JSON.stringify(initial);
  const errors = fieldErrors(error);
  const set = <K extends keyof CampaignValues>(name: K, value: CampaignValues[K]) =>
    setValues((current) => ({ ...current, [name]: value }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit(values);
  };
  return (
    <form
      onSubmit={submit}
      noValidate
      aria-label={isNew ? t("outreach.campaigns.new") : t("outreach.campaign.edit")}
    >
      <UnsavedChangesGuard when={isDirty && !isSaving} />
      <Stack gap="md">
        <TextInput
          label={t("outreach.campaign.subject")}
          description={t("outreach.campaign.subjectHint")}
          required
          value={values.subject}
          onChange={(event) => set("subject", event.currentTarget.value)}
          error={errors.subject}
        />
        <Textarea
          label={t("outreach.campaign.body")}
          description={t("outreach.campaign.bodyHint")}
          required
          autosize
          minRows={10}
          maxRows={30}
          styles={{ input: { fontFamily: "var(--mantine-font-family-monospace)" } }}
          value={values.bodyMarkdown}
          onChange={(event) => set("bodyMarkdown", event.currentTarget.value)}
          error={errors.bodyMarkdown}
        />
        <Textarea
          label={t("outreach.campaign.reportTitle")}
          description={t("outreach.campaign.reportTitleHint")}
          autosize
          minRows={2}
          value={values.reportTitle}
          onChange={(event) => set("reportTitle", event.currentTarget.value)}
          error={errors.reportTitle}
        />
        <SimpleGrid cols={{ base: 1, md: 3 }} spacing="md">
          <QuickSelect
            label={t("outreach.campaign.action")}
            description={t("outreach.campaign.actionHint")}
            options={actions}
            value={values.actionId}
            onChange={(value) => set("actionId", value)}
            error={errors.actionId}
            clearable
            nothingFound={t("outreach.campaign.nothingFound")}
          />
          <QuickSelect
            label={t("outreach.campaign.kind")}
            description={t("outreach.campaign.kindHint")}
            options={kindChoices}
            value={values.activityKindId}
            onChange={(value) => set("activityKindId", value)}
            error={errors.activityKindId}
            clearable
            nothingFound={t("outreach.campaign.nothingFound")}
          />
          <NumberInput
            label={t("outreach.campaign.rate")}
            description={t("outreach.campaign.rateHint")}
            min={1}
            max={100_000}
            allowDecimal={false}
            value={values.ratePerMinute}
            onChange={(value) => set("ratePerMinute", typeof value === "number" ? value : "")}
            error={errors.ratePerMinute}
          />
        </SimpleGrid>
        <FormErrors error={error} fields={FIELDS} />
        <Group justify="flex-end">
          {onCancel && (
            <Button variant="default" onClick={onCancel} disabled={isSaving}>
              {t("form.cancel")}
            </Button>
          )}
          <Button type="submit" loading={isSaving} disabled={!isNew && !isDirty}>
            {isNew ? t("outreach.campaigns.create") : t("outreach.campaign.save")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
