/**
 * A calendar date field, the one every form uses: Mantine's DateInput in the interface's language, showing «21/01/2021» and giving
 * YYYY-MM-DD (what the API takes); it accepts a typed date as DD/MM/AAAA or AAAA-MM-DD. The browser's own date
 * input would follow the browser's language instead of the interface's.
 */
import "dayjs/locale/es-mx";
import { DateInput, DatesProvider } from "@mantine/dates";
import { useI18n } from "../i18n/i18n.ts";

const pad = (value: string) => value.padStart(2, "0");

/** «5/4/2021» or «2021-04-05» → «2021-04-05»; anything else, no date. */
export function parseDate(text: string): string | null {
  const trimmed = text.trim();
  const local = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(trimmed);
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(trimmed);
  const date = local
    ? `${local[3]}-${pad(local[2] as string)}-${pad(local[1] as string)}`
    : iso
      ? trimmed
      : null;
  if (!date) return null;
  const check = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(check.getTime()) && check.toISOString().startsWith(date) ? date : null;
}

export function DateField({
  label,
  value,
  onChange,
  error,
  description,
  required,
  disabled,
  w,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  description?: string;
  required?: boolean;
  disabled?: boolean;
  w?: number;
}) {
  const { language, t } = useI18n();
  return (
    <DatesProvider settings={{ locale: language === "es-MX" ? "es-mx" : "en" }}>
      <DateInput
        label={label}
        description={description}
        value={value || null}
        onChange={(next) => onChange(next ?? "")}
        valueFormat="DD/MM/YYYY"
        dateParser={parseDate}
        placeholder={language === "es-MX" ? "dd/mm/aaaa" : "dd/mm/yyyy"}
        error={error}
        required={required}
        disabled={disabled}
        clearable={!required}
        clearButtonProps={{ "aria-label": t("date.clear", { label }) }}
        w={w}
        popoverProps={{ withinPortal: false }}
        nextLabel={t("date.next")}
        previousLabel={t("date.previous")}
        ariaLabels={{
          nextMonth: t("date.next"),
          previousMonth: t("date.previous"),
          nextYear: t("date.next"),
          previousYear: t("date.previous"),
          nextDecade: t("date.next"),
          previousDecade: t("date.previous"),
        }}
      />
    </DatesProvider>
  );
}
