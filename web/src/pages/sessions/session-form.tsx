/**
 * The fields of a session, for «Nueva sesión» and for editing one: kind and number (its name comes from them),
 * date, time, modality, place, link and status. Native date, time and select inputs: the browser's own pickers,
 * usable by keyboard and screen readers. The API's refusals show under their field.
 */

import { NativeSelect, NumberInput, SimpleGrid, TextInput } from "@mantine/core";
import type { SessionKind, SessionModality, SessionStatus } from "../../api/types.ts";
import { DateField } from "../../components/date-field.tsx";
import { fieldErrors } from "../../components/form-errors.tsx";
import { useT } from "../../i18n/i18n.ts";
import type { SessionRecord } from "./session-api.ts";

export type SessionFormValues = {
  kind: SessionKind;
  number: number | "";
  date: string;
  startTime: string;
  modality: SessionModality;
  place: string;
  link: string;
  status: SessionStatus;
};

export const SESSION_FIELDS = ["kind", "number", "date", "startTime", "modality", "place", "link", "status"];

export const emptySession = (): SessionFormValues => ({
  kind: "ordinary",
  number: "",
  date: "",
  startTime: "",
  modality: "remote",
  place: "",
  link: "",
  status: "scheduled",
});

export const sessionValues = (session: SessionRecord): SessionFormValues => ({
  kind: session.kind,
  number: session.number,
  date: session.date,
  startTime: session.startTime ?? "",
  modality: session.modality,
  place: session.place ?? "",
  link: session.link ?? "",
  status: session.status,
});

/** The body for POST (empty optional fields left out) or PATCH (only what changed; emptied ones as null). */
export function sessionBody(values: SessionFormValues, before?: SessionFormValues): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const name of SESSION_FIELDS as (keyof SessionFormValues)[]) {
    const value = values[name];
    if (before && value === before[name]) continue;
    if (value === "") {
      if (before) body[name] = null;
      continue;
    }
    body[name] = value;
  }
  return body;
}

export function SessionFields({
  values,
  onChange,
  error,
  numberHint,
}: {
  values: SessionFormValues;
  onChange(values: SessionFormValues): void;
  error: unknown;
  numberHint?: string;
}) {
  const t = useT();
  const errors = fieldErrors(error);
  const set = <K extends keyof SessionFormValues>(name: K, value: SessionFormValues[K]) =>
    onChange({ ...values, [name]: value });
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
      <NativeSelect
        label={t("sessions.field.kind")}
        value={values.kind}
        onChange={(event) => set("kind", event.currentTarget.value as SessionKind)}
        data={(["ordinary", "extraordinary", "urgent"] as const).map((kind) => ({
          value: kind,
          label: t(`sessions.kind.${kind}`),
        }))}
        error={errors.kind}
        required
      />
      <NumberInput
        label={t("sessions.field.number")}
        description={numberHint}
        inputWrapperOrder={["label", "input", "description", "error"]}
        value={values.number}
        onChange={(value) => set("number", typeof value === "number" ? value : "")}
        min={1}
        max={999}
        allowDecimal={false}
        error={errors.number}
        required
      />
      <DateField
        label={t("sessions.field.date")}
        value={values.date}
        onChange={(date) => set("date", date)}
        error={errors.date}
        required
      />
      <TextInput
        type="time"
        label={t("sessions.field.time")}
        description={t("sessions.field.timeHint")}
        inputWrapperOrder={["label", "input", "description", "error"]}
        value={values.startTime}
        onChange={(event) => set("startTime", event.currentTarget.value)}
        error={errors.startTime}
      />
      <NativeSelect
        label={t("sessions.field.modality")}
        value={values.modality}
        onChange={(event) => set("modality", event.currentTarget.value as SessionModality)}
        data={(["remote", "in_person", "hybrid"] as const).map((modality) => ({
          value: modality,
          label: t(`modality.${modality}`),
        }))}
        error={errors.modality}
        required
      />
      <NativeSelect
        label={t("sessions.field.status")}
        value={values.status}
        onChange={(event) => set("status", event.currentTarget.value as SessionStatus)}
        data={(["scheduled", "held", "postponed", "cancelled"] as const).map((status) => ({
          value: status,
          label: t(`status.${status}`),
        }))}
        error={errors.status}
        required
      />
      <TextInput
        label={t("sessions.field.place")}
        value={values.place}
        onChange={(event) => set("place", event.currentTarget.value)}
        error={errors.place}
      />
      <TextInput
        type="url"
        label={t("sessions.field.link")}
        placeholder="https://"
        value={values.link}
        onChange={(event) => set("link", event.currentTarget.value)}
        error={errors.link}
      />
    </SimpleGrid>
  );
}
