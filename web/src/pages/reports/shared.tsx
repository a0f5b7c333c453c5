/** Small pieces the report pages share: period names and codes, the state badge, dates, the files' hashes. */
import { ActionIcon, Badge, Code, CopyButton, Group, Table, Text, Tooltip } from "@mantine/core";
import { dateTime } from "../../format.ts";
import type { MessageKey } from "../../i18n/i18n.ts";
import { useT } from "../../i18n/i18n.ts";
import type { ReportFile, ReportStatus } from "./api.ts";

/** «2021-Q1» as people at the institute write it, «2021-T1»; a year stays «2021». */
export const periodCode = (period: string) => period.replace("-Q", "-T");

/** «primer trimestre de 2021» → «Primer trimestre de 2021». */
export const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** The first day of the period, «2021-04-01» for 2021-Q2. */
export function periodStart(period: string): string {
  const [year, quarter] = period.split("-Q");
  const month = quarter ? (Number(quarter) - 1) * 3 + 1 : 1;
  return `${year}-${String(month).padStart(2, "0")}-01`;
}

export const STATUS_LABEL: Record<ReportStatus, MessageKey> = {
  draft: "reports.status.draft",
  presented: "reports.status.presented",
  approved: "reports.status.approved",
};
const STATUS_COLOR: Record<ReportStatus, string> = { draft: "gray", presented: "blue", approved: "green" };

/** The state in words, with a coloured dot (the colour is never the only signal). */
export function StatusBadge({ status }: { status: ReportStatus }) {
  const t = useT();
  return (
    <Badge
      variant="dot"
      color={STATUS_COLOR[status]}
      c="dark.7"
      radius="sm"
      tt="none"
      size="md"
      style={{ minWidth: "max-content" }}
    >
      {t(STATUS_LABEL[status])}
    </Badge>
  );
}

/** An instant for tables, «21/01/2021 10:05» in Mexico City's time (web/src/format.ts); «—» when there is none. */
export function useShortDateTime() {
  return (iso: string | null) => (iso ? dateTime(iso) : "—");
}

const FORMAT_LABEL: Record<string, string> = { docx: "DOCX", pdf: "PDF", html: "HTML", md: "Markdown" };
export const formatLabel = (format: string) => FORMAT_LABEL[format] ?? format.toUpperCase();

/** Two sheets (copy) or a tick (copied), drawn inline: no icon library. */
function CopyIcon({ copied }: { copied: boolean }) {
  return (
    <svg
      width="14"
      height="14"
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
    >
      {copied ? (
        <path d="M5 12l5 5L20 7" />
      ) : (
        <>
          <rect x="8" y="8" width="12" height="12" rx="2" />
          <path d="M16 8V6a2 2 0 0 0-2-2H6a2 2 0 0 0-2 2v8a2 2 0 0 0 2 2h2" />
        </>
      )}
    </svg>
  );
}

const kib = (bytes: number) => `${Math.max(1, Math.round(bytes / 1024)).toLocaleString("es-MX")} KiB`;

/** The frozen files of an approved report with their sha256, each copyable. */
export function FrozenFiles({ files, caption }: { files: ReportFile[]; caption: string }) {
  const t = useT();
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table withTableBorder fz="sm" verticalSpacing="xs">
        <caption className="visually-hidden">{caption}</caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col" w={110}>
              {t("reports.files.format")}
            </Table.Th>
            <Table.Th scope="col" w={100}>
              {t("reports.files.size")}
            </Table.Th>
            <Table.Th scope="col">{t("reports.files.sha256")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {files.map((file) => (
            <Table.Tr key={file.format} data-format={file.format}>
              <Table.Td>{formatLabel(file.format)}</Table.Td>
              <Table.Td>
                <Text size="sm" style={{ whiteSpace: "nowrap" }}>
                  {kib(file.size)}
                </Text>
              </Table.Td>
              <Table.Td>
                <Group gap={6} wrap="nowrap">
                  <Code data-testid={`sha256-${file.format}`} fz="xs" style={{ wordBreak: "break-all" }}>
                    {file.sha256}
                  </Code>
                  <CopyButton value={file.sha256}>
                    {({ copied, copy }) => (
                      <Tooltip label={copied ? t("reports.files.copied") : t("reports.files.copy")} withArrow>
                        <ActionIcon
                          variant="subtle"
                          color="gray"
                          size="sm"
                          onClick={copy}
                          aria-label={t("reports.files.copyOf", { format: formatLabel(file.format) })}
                        >
                          <CopyIcon copied={copied} />
                        </ActionIcon>
                      </Tooltip>
                    )}
                  </CopyButton>
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
