/**
 * The agreement's fields, for a new agreement (POST /agreements) and for correcting one (PATCH): the API's
 * refusals appear under the field they concern, the rest above the buttons, and leaving with unsaved changes
 * asks first.
 */

import {
  Button,
  Checkbox,
  Group,
  MultiSelect,
  Select,
  SimpleGrid,
  Stack,
  Textarea,
  TextInput,
} from "@mantine/core";
import { type FormEvent, useState } from "react";
import { DateField } from "../../components/date-field.tsx";
import { FormErrors, fieldErrors } from "../../components/form-errors.tsx";
import { UnsavedChangesGuard } from "../../components/unsaved-changes.tsx";
import { useT } from "../../i18n/i18n.ts";
import { type Agreement, type AgreementStage, type Lookups, type Management, STAGES } from "./data.ts";

export type AgreementValues = {
  key: string;
  title: string;
  typeId: string | null;
  counterpartIds: string[];
  areaIds: string[];
  management: Management;
  stage: AgreementStage;
  object: string;
  signedOn: string;
  validFrom: string;
  validTo: string;
  isIndefinite: boolean;
};

export const EMPTY_VALUES: AgreementValues = {
  key: "",
  title: "",
  typeId: null,
  counterpartIds: [],
  areaIds: [],
  management: "direct",
  stage: "negotiation",
  object: "",
  signedOn: "",
  validFrom: "",
  validTo: "",
  isIndefinite: false,
};

export const valuesOf = (agreement: Agreement): AgreementValues => ({
  key: agreement.key,
  title: agreement.title,
  typeId: agreement.typeId,
  counterpartIds: agreement.counterpartIds,
  areaIds: agreement.areaIds,
  management: agreement.management,
  stage: agreement.stage,
  object: agreement.object ?? "",
  signedOn: agreement.signedOn ?? "",
  validFrom: agreement.validFrom ?? "",
  validTo: agreement.validTo ?? "",
  isIndefinite: agreement.isIndefinite,
});

const OPTIONAL = ["typeId", "object", "signedOn", "validFrom", "validTo"] as const;

/** A new agreement's body: empty optional fields left out. */
export function createBody(values: AgreementValues, commissionId: string): Record<string, unknown> {
  const body: Record<string, unknown> = { ...values, commissionId };
  for (const name of OPTIONAL) if (!values[name]) delete body[name];
  return body;
}

/** A correction's body: only what changed, an emptied optional field as null; never the stage (it moves apart). */
export function patchBody(values: AgreementValues, before: AgreementValues): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const name of Object.keys(values) as (keyof AgreementValues)[]) {
    if (name === "stage") continue;
    if (JSON.stringify(values[name]) === JSON.stringify(before[name])) continue;
    body[name] = (OPTIONAL as readonly string[]).includes(name) && !values[name] ? null : values[name];
  }
  return body;
}

const FIELDS = [
  "key",
  "title",
  "typeId",
  "counterpartIds",
  "areaIds",
  "management",
  "stage",
  "object",
  "signedOn",
  "validFrom",
  "validTo",
  "isIndefinite",
];

export function AgreementForm({
  initial,
  lookups,
  isNew,
  isSaving,
  error,
  onSubmit,
  onCancel,
}: {
  initial: AgreementValues;
  lookups: Lookups;
  isNew: boolean;
  isSaving: boolean;
  error: unknown;
  onSubmit: (values: AgreementValues) => void;
  onCancel?: () => void;
}) {
  const t = useT();
  const [values, setValues] = useState(initial);
  const isDirty = JSON.stringify(values) !== JSON.stringify(initial);
  const errors = fieldErrors(error);
  const set = <K extends keyof AgreementValues>(name: K, value: AgreementValues[K]) =>
    setValues((current) => ({ ...current, [name]: value }));
  const date = (name: "signedOn" | "validFrom" | "validTo") => ({
    value: values[name],
    onChange: (value: string) => set(name, value),
    error: errors[name],
  });
  const text = (name: "key" | "title" | "object") => ({
    value: values[name],
    onChange: (event: { currentTarget: { value: string } }) => set(name, event.currentTarget.value),
    error: errors[name],
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit(values);
  };
  return (
    <form onSubmit={submit} noValidate aria-label={isNew ? t("agreements.new") : t("agreements.edit.title")}>
      <UnsavedChangesGuard when={isDirty && !isSaving} />
      <Stack gap="md">
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
          <TextInput
            label={t("agreements.field.key")}
            description={t("agreements.field.keyHint")}
            required
            {...text("key")}
          />
          <Select
            label={t("agreements.field.type")}
            placeholder={t("agreements.field.none")}
            data={lookups.types.map((type) => ({ value: type.id, label: type.name }))}
            value={values.typeId}
            onChange={(value) => set("typeId", value)}
            error={errors.typeId}
            clearable
            searchable
          />
        </SimpleGrid>
        <Textarea label={t("agreements.field.title")} required autosize minRows={2} {...text("title")} />
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
          <MultiSelect
            label={t("agreements.field.counterparts")}
            description={t("agreements.field.counterpartsHint")}
            data={lookups.organisations.map((organisation) => ({
              value: organisation.id,
              label: organisation.acronym
                ? `${organisation.name} (${organisation.acronym})`
                : organisation.name,
            }))}
            value={values.counterpartIds}
            onChange={(value) => set("counterpartIds", value)}
            error={errors.counterpartIds}
            required
            searchable
            hidePickedOptions
            limit={30}
          />
          <MultiSelect
            label={t("agreements.field.areas")}
            data={lookups.areas.map((area) => ({
              value: area.id,
              label: area.acronym ? `${area.acronym} — ${area.name}` : area.name,
            }))}
            value={values.areaIds}
            onChange={(value) => set("areaIds", value)}
            error={errors.areaIds}
            searchable
            hidePickedOptions
          />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, md: isNew ? 2 : 1 }} spacing="md">
          <Select
            label={t("agreements.field.management")}
            data={(["direct", "accompanied"] as const).map((value) => ({
              value,
              label: t(`agreements.management.${value}`),
            }))}
            value={values.management}
            onChange={(value) => value && set("management", value as Management)}
            error={errors.management}
            allowDeselect={false}
          />
          {isNew && (
            <Select
              label={t("agreements.field.stage")}
              description={t("agreements.field.stageHint")}
              data={STAGES.map((stage) => ({ value: stage, label: t(`agreements.stage.${stage}`) }))}
              value={values.stage}
              onChange={(value) => value && set("stage", value as AgreementStage)}
              error={errors.stage}
              allowDeselect={false}
            />
          )}
        </SimpleGrid>
        <Textarea label={t("agreements.field.object")} autosize minRows={2} {...text("object")} />
        <SimpleGrid cols={{ base: 1, md: 3 }} spacing="md">
          <DateField label={t("agreements.field.signedOn")} {...date("signedOn")} />
          <DateField label={t("agreements.field.validFrom")} {...date("validFrom")} />
          <DateField
            label={t("agreements.field.validTo")}
            disabled={values.isIndefinite}
            {...date("validTo")}
          />
        </SimpleGrid>
        <Checkbox
          label={t("agreements.field.indefinite")}
          checked={values.isIndefinite}
          onChange={(event) => {
            const checked = event.currentTarget.checked;
            setValues((current) => ({
              ...current,
              isIndefinite: checked,
              validTo: checked ? "" : current.validTo,
            }));
          }}
          error={errors.isIndefinite}
        />
        <FormErrors error={error} fields={FIELDS} />
        <Group justify="flex-end">
          {onCancel && (
            <Button variant="default" onClick={onCancel} disabled={isSaving}>
              {t("form.cancel")}
            </Button>
          )}
          <Button type="submit" loading={isSaving} disabled={!isNew && !isDirty}>
            {isNew ? t("agreements.create") : t("form.save")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
