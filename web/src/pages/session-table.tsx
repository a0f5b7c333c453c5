/** Sessions as a table: the name and the long date come from the API, written as the reports write them. */
import { Badge, Table } from "@mantine/core";
import type { Session, SessionStatus } from "../api/types.ts";
import { useT } from "../i18n/i18n.ts";

const STATUS_COLOR: Record<SessionStatus, string> = {
  scheduled: "blue",
  held: "teal",
  cancelled: "gray",
  postponed: "orange",
};

type Row = Pick<Session, "id" | "name" | "dateText" | "startTime" | "modality" | "status">;

export function SessionTable({ sessions, caption }: { sessions: Row[]; caption: string }) {
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
              <Table.Td fw={600}>{session.name}</Table.Td>
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
