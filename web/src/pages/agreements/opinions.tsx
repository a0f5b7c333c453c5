/**
 * The agreement's pertinence opinions (GET /pertinence-opinions?agreementId=…): number, subject, outcome and
 * date of issue. The secretariat issues one (POST /pertinence-opinions); the API assigns its official number.
 */
import {
  Button,
  Group,
  MultiSelect,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
  Title,
} from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { apiGet, apiPost } from "../../api/client.ts";
import type { Page } from "../../api/types.ts";
import { useMe } from "../../auth/auth.ts";
import { DateField } from "../../components/date-field.tsx";
import { FormErrors, fieldErrors } from "../../components/form-errors.tsx";
import { UnsavedChangesGuard } from "../../components/unsaved-changes.tsx";
import { longDate, today } from "../../format.ts";
import { useI18n } from "../../i18n/i18n.ts";
import { ErrorNotice } from "../../layout/error-notice.tsx";
import { PageLoader } from "../../layout/page-loader.tsx";
import { type Agreement, canWrite, type Lookups, type PertinenceOpinion, shortName } from "./data.ts";

type Outcome = PertinenceOpinion["outcome"];

function OpinionForm({
  agreement,
  lookups,
  onDone,
}: {
  agreement: Agreement;
  lookups: Lookups;
  onDone: () => void;
}) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const [subject, setSubject] = useState("");
  const [outcome, setOutcome] = useState<Outcome>("favourable");
  const [issuedOn, setIssuedOn] = useState(today());
  const [areaIds, setAreaIds] = useState<string[]>(agreement.areaIds);
  const issue = useMutation({
    mutationFn: () =>
      apiPost<PertinenceOpinion>("/pertinence-opinions", {
        commissionId: agreement.commissionId,
        agreementId: agreement.id,
        subject,
        outcome,
        issuedOn,
        areaIds,
      }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ["pertinence-opinions"] });
      onDone();
    },
  });
  const errors = fieldErrors(issue.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    issue.mutate();
  };
  return (
    <form onSubmit={submit} noValidate aria-label={t("agreements.opinions.issue")}>
      <UnsavedChangesGuard when={subject.trim() !== "" && !issue.isPending} />
      <Stack gap="sm">
        <Textarea
          label={t("agreements.opinions.subject")}
          value={subject}
          onChange={(event) => setSubject(event.currentTarget.value)}
          error={errors.subject}
          required
          autosize
          minRows={2}
        />
        <Group grow align="flex-start">
          <Select
            label={t("agreements.opinions.outcome")}
            data={(["favourable", "unfavourable"] as const).map((value) => ({
              value,
              label: t(`agreements.outcome.${value}`),
            }))}
            value={outcome}
            onChange={(value) => value && setOutcome(value as Outcome)}
            allowDeselect={false}
            error={errors.outcome}
          />
          <DateField
            label={t("agreements.opinions.issuedOn")}
            value={issuedOn}
            onChange={setIssuedOn}
            error={errors.issuedOn}
            required
          />
        </Group>
        <MultiSelect
          label={t("agreements.opinions.areas")}
          data={lookups.areas.map((area) => ({ value: area.id, label: area.name }))}
          value={areaIds}
          onChange={setAreaIds}
          error={errors.areaIds}
          searchable
          hidePickedOptions
        />
        <FormErrors error={issue.error} fields={["subject", "outcome", "issuedOn", "areaIds"]} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t("form.cancel")}
          </Button>
          <Button type="submit" loading={issue.isPending}>
            {t("agreements.opinions.submit")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function Opinions({ agreement, lookups }: { agreement: Agreement; lookups: Lookups }) {
  const { t, language } = useI18n();
  const me = useMe().data;
  const [isIssuing, setIssuing] = useState(false);
  const opinions = useQuery({
    queryKey: ["pertinence-opinions", agreement.id],
    queryFn: () =>
      apiGet<Page<PertinenceOpinion>>("/pertinence-opinions", { agreementId: agreement.id, limit: 500 }),
  });
  const rows = opinions.data?.items ?? [];
  return (
    <Paper component="section" aria-labelledby="opinions-title">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={2} size="h4" id="opinions-title">
            {t("agreements.opinions.title")}
          </Title>
          {canWrite(me) && !isIssuing && (
            <Button size="xs" variant="default" onClick={() => setIssuing(true)}>
              {t("agreements.opinions.issue")}
            </Button>
          )}
        </Group>
        {isIssuing && (
          <OpinionForm agreement={agreement} lookups={lookups} onDone={() => setIssuing(false)} />
        )}
        {opinions.isPending ? (
          <PageLoader />
        ) : opinions.isError ? (
          <ErrorNotice error={opinions.error} onRetry={() => void opinions.refetch()} />
        ) : rows.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t("agreements.opinions.empty")}
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={480}>
            <Table striped fz="sm" verticalSpacing="xs">
              <caption className="visually-hidden">{t("agreements.opinions.title")}</caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t("agreements.opinions.number")}</Table.Th>
                  <Table.Th scope="col">{t("agreements.opinions.subject")}</Table.Th>
                  <Table.Th scope="col">{t("agreements.opinions.outcome")}</Table.Th>
                  <Table.Th scope="col">{t("agreements.opinions.areas")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((opinion) => (
                  <Table.Tr key={opinion.id}>
                    <Table.Td className="nowrap">
                      <Text size="sm" fw={600}>
                        {opinion.number}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {opinion.issuedOn
                          ? longDate(opinion.issuedOn, language)
                          : t("agreements.opinions.undated")}
                      </Text>
                    </Table.Td>
                    <Table.Td>{opinion.subject}</Table.Td>
                    <Table.Td>
                      <Text span size="sm" fw={600} c={opinion.outcome === "favourable" ? "teal.9" : "red.9"}>
                        {t(`agreements.outcome.${opinion.outcome}`)}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      {opinion.areaIds.map((id) => shortName(lookups.area.get(id))).join(", ") || "—"}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
    </Paper>
  );
}
