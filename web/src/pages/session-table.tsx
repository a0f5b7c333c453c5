/**
 * Sessions as a table: the name and the long date come from the API, written as the reports write them. Each name
 * links to the session's page, unless `linkNames` is false (the public page, for people without an account).
 */
import { Anchor, Badge, Table } from "@mantine/core";
import { Link } from "react-router";
import type { Session, SessionStatus } from "../api/types.ts";
import type { ExportColumn } from "../components/export-buttons.tsx";
import { useT } from "../i18n/i18n.ts";
import { recordPath } from "../records.ts";

export const STATUS_COLOR: Record<SessionStatus, string> = {
  scheduled: "blue",
  held: "teal",
  cancelled: "gray",
  postponed: "orange",
};

type Row = Pick<Session, "id" | "name" | "dateText" | "startTime" | "modality" | "status"> & {
  date?: string;
};

/** The table's columns as an export writes them (the date as a date cell when the row has it). */
export function useSessionExportColumns(): ExportColumn<Row>[] {
  const t = useT();
  return [
    { header: t("sessions.column.name"), value: (row) => row.name, width: 32 },
    {
      header: t("sessions.column.date"),
      value: (row) => (row.date ? { date: row.date } : row.dateText),
      width: 14,
    },
    { header: t("sessions.column.time"), value: (row) => row.startTime, width: 8 },
    { header: t("sessions.column.modality"), value: (row) => t(`modality.${row.modality}`), width: 16 },
    { header: t("sessions.column.status"), value: (row) => t(`status.${row.status}`), width: 14 },
  ];
}

export function SessionTable({
  sessions,
  caption,
  linkNames = true,
}: {
  sessions: Row[];
  caption: string;
  linkNames?: boolean;
}) {
  const t = useT();
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table striped highlightOnHover>
        <caption className="visually-hidden">{caption}</caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t("sessions.column.name")}</Table.Th>
            <Table.Th scope="col">{t("sessions.column.date")}</Table.Th>
            <Table.Th scope="col">{t("sessions.column.time")}</Table.Th>
            <Table.Th scope="col">{t("sessions.column.modality")}</Table.Th>
            <Table.Th scope="col">{t("sessions.column.status")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {sessions.map((session) => (
            <Table.Tr key={session.id}>
              <Table.Td fw={600}>
                {linkNames ? (
                  <Anchor
                    component={Link}
                    to={recordPath("session", session.id) as string}
                    fw={600}
                    size="sm"
                  >
                    {session.name}
                  </Anchor>
                ) : (
                  session.name
                )}
              </Table.Td>
              <Table.Td>{session.dateText}</Table.Td>
              <Table.Td className="nowrap">{session.startTime ?? t("sessions.noTime")}</Table.Td>
              <Table.Td>{t(`modality.${session.modality}`)}</Table.Td>
              <Table.Td>
                <Badge color={STATUS_COLOR[session.status]} variant="dot" radius="sm" c="dark.7">
                  {t(`status.${session.status}`)}
                </Badge>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
