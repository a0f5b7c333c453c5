/**
 * A chart with its data for everyone: the drawing (Mantine charts, hidden from screen readers) inside a figure
 * with its caption, and the same numbers as a table that screen readers read and anyone can open («Ver datos»).
 */
import { Button, Paper, Stack, Table, Text, Title } from "@mantine/core";
import { type ReactNode, useId, useState } from "react";
import { useT } from "../i18n/i18n.ts";

export type ChartTable = { columns: string[]; rows: (string | number)[][] };

export function ChartFigure({
  title,
  description,
  table,
  children,
}: {
  title: string;
  description?: string;
  table: ChartTable;
  children: ReactNode;
}) {
  const t = useT();
  const [showData, setShowData] = useState(false);
  const captionId = useId();
  return (
    <Paper component="figure" m={0} aria-labelledby={captionId}>
      <Stack gap="sm">
        <div>
          <Title order={3} id={captionId}>
            {title}
          </Title>
          {description && (
            <Text size="sm" c="dimmed" component="figcaption">
              {description}
            </Text>
          )}
        </div>
        {table.rows.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t("chart.empty")}
          </Text>
        ) : (
          // inert: the drawing is neither read nor focusable (recharts makes its surface focusable); the table is.
          <div inert>{children}</div>
        )}
        {table.rows.length > 0 && (
          <>
            <Button
              variant="subtle"
              size="compact-xs"
              onClick={() => setShowData((shown) => !shown)}
              aria-expanded={showData}
              style={{ alignSelf: "flex-start" }}
            >
              {showData ? t("chart.hideData") : t("chart.showData")}
            </Button>
            <div
              className={showData ? "chart-data" : "visually-hidden"}
              // Shown, it may scroll sideways: focusable so the keyboard can scroll it.
              {...(showData ? { tabIndex: 0, role: "region", "aria-label": title } : {})}
            >
              <Table striped withTableBorder fz="xs">
                <caption className="visually-hidden">{title}</caption>
                <Table.Thead>
                  <Table.Tr>
                    {table.columns.map((column) => (
                      <Table.Th key={column} scope="col">
                        {column}
                      </Table.Th>
                    ))}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {table.rows.map((row) => (
                    <Table.Tr key={String(row[0])}>
                      {row.map((cell, index) => (
                        <Table.Td key={table.columns[index]}>{cell}</Table.Td>
                      ))}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </div>
          </>
        )}
      </Stack>
    </Paper>
  );
}
