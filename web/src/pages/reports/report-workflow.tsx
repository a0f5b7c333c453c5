/**
 * Presenting a report (the session and agenda item: POST /reports/:id/presentation) and approving it (a
 * resolution adopted in that session: POST /reports/:id/approval), for the roles that may (reports.approve).
 * Approval renders and freezes every format, so it shows its progress and asks for confirmation first.
 */
import { Button, Group, Modal, NativeSelect, Stack, Text, Title } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { apiPost } from "../../api/client.ts";
import { FormErrors, fieldErrors } from "../../components/form-errors.tsx";
import { OperationProgress } from "../../components/operation-progress.tsx";
import { useT } from "../../i18n/i18n.ts";
import {
  REPORTS_KEY,
  type Report,
  reportKey,
  useAgendaItems,
  useSessionResolutions,
  useSessionsFrom,
} from "./api.ts";
import { periodStart } from "./shared.tsx";

function useReportAction(report: Report, action: "presentation" | "approval") {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Record<string, string>) => apiPost<Report>(`/reports/${report.id}/${action}`, body),
    onSuccess: (updated) => {
      queryClient.setQueryData(reportKey(report.id), updated);
      void queryClient.invalidateQueries({ queryKey: REPORTS_KEY });
    },
  });
}

function PresentReport({ report }: { report: Report }) {
  const t = useT();
  const sessions = useSessionsFrom(report.commissionId, periodStart(report.period), true);
  const [sessionId, setSessionId] = useState(report.presentation?.sessionId ?? "");
  const [agendaItemId, setAgendaItemId] = useState(report.presentedAgendaItemId ?? "");
  const agenda = useAgendaItems(sessionId || null);
  const present = useReportAction(report, "presentation");
  const errors = fieldErrors(present.error);
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        present.mutate({ agendaItemId });
      }}
    >
      <Stack gap="sm">
        <Title order={2} size="h4">
          {t("reports.workflow.presentTitle")}
        </Title>
        <Text size="sm" c="dimmed">
          {t("reports.workflow.presentIntro")}
        </Text>
        <Group align="flex-end" gap="md">
          <NativeSelect
            label={t("reports.workflow.session")}
            value={sessionId}
            onChange={(event) => {
              setSessionId(event.currentTarget.value);
              setAgendaItemId("");
            }}
            data={[
              { value: "", label: t("reports.workflow.chooseSession") },
              ...(sessions.data?.items ?? []).map((session) => ({
                value: session.id,
                label: `${session.name} — ${session.dateText}`,
              })),
            ]}
            w={420}
          />
          <NativeSelect
            label={t("reports.workflow.agendaItem")}
            value={agendaItemId}
            onChange={(event) => setAgendaItemId(event.currentTarget.value)}
            disabled={!sessionId}
            error={errors.agendaItemId}
            data={[
              { value: "", label: t("reports.workflow.chooseAgendaItem") },
              ...(agenda.data ?? []).map((item) => ({
                value: item.id,
                label: `${item.position}. ${item.title}`.slice(0, 120),
              })),
            ]}
            w={420}
          />
          <Button type="submit" disabled={!agendaItemId} loading={present.isPending}>
            {t(report.presentation ? "reports.workflow.changePresentation" : "reports.workflow.present")}
          </Button>
        </Group>
        <FormErrors error={present.error} fields={["agendaItemId"]} />
      </Stack>
    </form>
  );
}

function ApproveReport({ report }: { report: Report }) {
  const t = useT();
  const sessionId = report.presentation?.sessionId ?? null;
  const resolutions = useSessionResolutions(report.commissionId, sessionId);
  const adopted = (resolutions.data?.items ?? []).filter((resolution) => resolution.outcome === "adopted");
  const [resolutionId, setResolutionId] = useState("");
  const [confirming, setConfirming] = useState(false);
  const approve = useReportAction(report, "approval");
  const errors = fieldErrors(approve.error);
  const chosen = adopted.find((resolution) => resolution.id === resolutionId);
  return (
    <Stack gap="sm">
      <Title order={2} size="h4">
        {t("reports.workflow.approveTitle")}
      </Title>
      <Text size="sm" c="dimmed">
        {t("reports.workflow.approveIntro")}
      </Text>
      <Group align="flex-end" gap="md">
        <NativeSelect
          label={t("reports.workflow.resolution")}
          value={resolutionId}
          onChange={(event) => setResolutionId(event.currentTarget.value)}
          error={errors.resolutionId}
          data={[
            { value: "", label: t("reports.workflow.chooseResolution") },
            ...adopted.map((resolution) => ({
              value: resolution.id,
              label: `${resolution.number} — ${resolution.title}`.slice(0, 140),
            })),
          ]}
          w={560}
        />
        <Button disabled={!resolutionId || approve.isPending} onClick={() => setConfirming(true)}>
          {t("reports.workflow.approve")}
        </Button>
      </Group>
      {resolutions.isSuccess && adopted.length === 0 && (
        <Text size="sm" c="dimmed">
          {t("reports.workflow.noResolutions")}
        </Text>
      )}
      {approve.isPending && <OperationProgress label={t("reports.workflow.approving")} />}
      <FormErrors error={approve.error} fields={["resolutionId"]} />
      <Modal
        opened={confirming}
        onClose={() => setConfirming(false)}
        title={t("reports.workflow.confirmTitle")}
        centered
      >
        <Text size="sm">
          {t("reports.workflow.confirmBody", { period: report.periodName, number: chosen?.number ?? "" })}
        </Text>
        <Group justify="flex-end" mt="lg">
          <Button variant="default" onClick={() => setConfirming(false)}>
            {t("reports.workflow.cancel")}
          </Button>
          <Button
            onClick={() => {
              setConfirming(false);
              approve.mutate({ resolutionId });
            }}
          >
            {t("reports.workflow.confirm")}
          </Button>
        </Group>
      </Modal>
    </Stack>
  );
}

export function ReportWorkflow({ report }: { report: Report }) {
  return (
    <Stack gap="xl">
      <PresentReport key={report.presentedAgendaItemId ?? "none"} report={report} />
      {report.status === "presented" && <ApproveReport report={report} />}
    </Stack>
  );
}
