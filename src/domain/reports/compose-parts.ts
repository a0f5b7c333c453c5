/**
 * One part of section III (a programmed action) from its template: the sentence and the rows it presents. Every
 * count and table reference in the sentence comes from the same rows the table shows.
 */
import type { Block, Inline, TableCell } from "../../documents/report-document.ts";
import { cell, text } from "../../documents/report-document.ts";
import type { Agreement, PertinenceOpinion } from "../agreements/agreements.schema.ts";
import { formatSpanishDateList, formatSpanishLongDate } from "../shared/calendar.ts";
import { capitalise, countInWords, feminineOrdinal, joinSpanish } from "../shared/spanish.ts";
import type { ReportFacts } from "./collect-report-facts.ts";
import type { PartTemplate } from "./report-template.ts";

type Placeholders = { count: number; period: string; tableId?: string };

/** Turns template wording into inlines: numbers from the rows, the table reference resolved later by id. */
export function fillSentence(wording: string, values: Placeholders): Inline[] {
  const inlines: Inline[] = [];
  for (const piece of wording.split(/(\{[a-zA-Z]+\})/)) {
    if (piece === "") continue;
    if (piece === "{table}" && values.tableId) inlines.push({ kind: "tableRef", tableId: values.tableId });
    else if (piece === "{count}") inlines.push(text(String(values.count)));
    else if (piece === "{countWords}") inlines.push(text(countInWords(values.count)));
    else if (piece === "{countWordsFem}") inlines.push(text(countInWords(values.count, { feminine: true })));
    else if (piece === "{period}") inlines.push(text(values.period));
    else inlines.push(text(piece));
  }
  return inlines;
}

const paragraphOf = (content: Inline[]): Block => ({ kind: "paragraph", content, align: "justify" });
const longDate = (value: string | null) =>
  value ? capitalise(formatSpanishLongDate(value, { padDay: true })) : "";
const lowerFirst = (value: string) =>
  // «A través de…» → «a través de…»; an acronym («IECM …») keeps its capitals.
  /^[A-ZÁÉÍÓÚÑ](?=[a-záéíóúñ\s])/.test(value) ? value.charAt(0).toLowerCase() + value.slice(1) : value;

/**
 * The blocks of one template entry of a part. `action` and `shown` serve activity entries: the rows are the
 * action's activities of the listed kinds, and their ids are added to `shown` so the rest can be listed after.
 */
export function composePart(
  facts: ReportFacts,
  template: PartTemplate,
  partId: string,
  periodPhrase: string,
  action: { id: string; shown: Set<string> },
): Block[] {
  const { presentation } = template;
  const names = facts.names;
  const nameOf = (map: Map<string, { name: string }>, ids: string[]) =>
    ids.map((id) => map.get(id)?.name ?? "");

  if (presentation.kind === "ceremonies") {
    // Each agreement once (signed in the period and reported on in it too), by id.
    const agreements = new Map(
      [...facts.agreements.signed, ...facts.agreements.reported].map((a) => [a.id, a]),
    );
    const ceremonies = [...agreements.values()]
      .filter((a) => a.ceremony && a.ceremony.date >= facts.period.from && a.ceremony.date <= facts.period.to)
      .sort((a, b) => (a.ceremony?.date ?? "").localeCompare(b.ceremony?.date ?? ""));
    if (ceremonies.length === 0) return template.whenEmpty ? [paragraphOf([text(template.whenEmpty)])] : [];
    // The staff also record a ceremony as an activity of the action: that activity is this paragraph, so it is
    // shown here and not listed again after it.
    const dates = new Set(ceremonies.map((a) => a.ceremony?.date));
    for (const activity of facts.activities)
      if (activity.actionId === action.id && dates.has(activity.startDate)) action.shown.add(activity.id);
    return ceremonies.map((a) =>
      paragraphOf([
        text(
          `El ${formatSpanishLongDate(a.ceremony?.date as string)}, ${lowerFirst(a.ceremony?.description ?? "")}`,
        ),
      ]),
    );
  }

  const tableId = `part-${partId}`;
  let rows: TableCell[][];
  let caption: string | undefined;
  let columns: { header: string; width?: number }[];
  let hasRowNumbers = true;
  if (presentation.kind === "agreements") {
    // The sessions in which each agreement's progress was reported, read once (a quarter may hold thousands).
    const reportedIn = new Map<string, Set<string>>();
    for (const g of facts.agreements.progress) {
      const ids = reportedIn.get(g.agreementId) ?? new Set<string>();
      ids.add(g.sessionId);
      reportedIn.set(g.agreementId, ids);
    }
    const sessionsOf = (agreement: Agreement) => {
      const sessionIds = reportedIn.get(agreement.id) ?? new Set<string>();
      const ordinals = facts.sessions
        .filter((s) => sessionIds.has(s.id))
        .map((s) => feminineOrdinal(s.number));
      return capitalise(joinSpanish(ordinals));
    };
    const source: Agreement[] =
      presentation.rows === "reported"
        ? facts.agreements.reported
        : facts.agreements.signed.filter(
            (a) =>
              presentation.rows === "signed" ||
              (presentation.rows === "signedDirect"
                ? a.management === "direct"
                : a.management === "accompanied"),
          );
    // Never the order the database returns (random ids): by signing date, then by the first session in which
    // progress was reported, then by counterpart, then by key.
    const firstSession = new Map(
      source.map((agreement) => {
        const ids = reportedIn.get(agreement.id);
        const index = ids ? facts.sessions.findIndex((s) => ids.has(s.id)) : -1;
        return [agreement.id, index < 0 ? facts.sessions.length : index];
      }),
    );
    const counterparts = new Map(
      source.map((agreement) => [
        agreement.id,
        joinSpanish(nameOf(names.organisations, agreement.counterpartIds)),
      ]),
    );
    const collator = new Intl.Collator("es");
    const agreements = [...source].sort(
      (a, b) =>
        (a.signedOn ?? "").localeCompare(b.signedOn ?? "") ||
        (firstSession.get(a.id) as number) - (firstSession.get(b.id) as number) ||
        collator.compare(counterparts.get(a.id) as string, counterparts.get(b.id) as string) ||
        a.key.localeCompare(b.key),
    );
    const value = (
      agreement: Agreement,
      column: (typeof presentation.columns)[number]["value"],
    ): TableCell => {
      switch (column) {
        case "title":
          return cell(agreement.title);
        case "object":
          return cell(agreement.object ?? "");
        case "signedOn":
          return cell(longDate(agreement.signedOn));
        case "type":
          return cell(agreement.typeId ? (names.catalog.get(agreement.typeId)?.name ?? "") : "");
        case "counterparts":
          return cell(joinSpanish(nameOf(names.organisations, agreement.counterpartIds)));
        case "areas":
          return cell(...nameOf(names.areas, agreement.areaIds));
        case "sessionsReported":
          return cell(sessionsOf(agreement));
      }
    };
    rows = agreements.map((agreement) =>
      presentation.columns.map((column) => value(agreement, column.value)),
    );
    caption = presentation.caption;
    columns = presentation.columns;
  } else if (presentation.kind === "activities") {
    const kindIds = new Set(
      [...names.catalog.values()]
        .filter((entry) => presentation.kinds.includes(entry.key))
        .map((entry) => entry.id),
    );
    const bodyOrder = presentation.followedBodies ?? [];
    const bodyKey = (id: string | null) => (id ? (names.organisations.get(id)?.key ?? "") : "");
    const activities = facts.activities
      .filter((a) => a.actionId === action.id && kindIds.has(a.kindId) && !action.shown.has(a.id))
      .filter((a) => bodyOrder.length === 0 || bodyOrder.includes(bodyKey(a.followedBodyId)))
      .sort(
        (a, b) =>
          bodyOrder.indexOf(bodyKey(a.followedBodyId)) - bodyOrder.indexOf(bodyKey(b.followedBodyId)) ||
          byDate(a, b),
      );
    for (const activity of activities) action.shown.add(activity.id);
    const groupColumn = presentation.groupByFollowedBody
      ? presentation.columns.findIndex((column) => column.value === "followedBody")
      : -1;
    const cells = activities.map((activity) =>
      presentation.columns.map((column) => activityCell(activity, column.value, facts)),
    );
    // What makes consecutive rows share one merged cell: the followed body (grouping), or an equal value.
    const mergeKey = presentation.columns.map((column, columnIndex) =>
      columnIndex === groupColumn
        ? (row: number) => activities[row]?.followedBodyId ?? undefined
        : column.mergeRepeated
          ? (row: number) => (cells[row] ? JSON.stringify(cells[row][columnIndex]?.paragraphs) : undefined)
          : undefined,
    );
    rows = cells.map((rowCells, index) => {
      const row: TableCell[] = [];
      rowCells.forEach((value, columnIndex) => {
        const key = mergeKey[columnIndex];
        if (!key) {
          row.push(value);
          return;
        }
        // Once, merged over its consecutive rows (the covered cells are left out).
        if (index > 0 && key(index - 1) === key(index)) return;
        let span = 1;
        while (key(index + span) !== undefined && key(index + span) === key(index)) span += 1;
        row.push({ ...value, rowSpan: span });
      });
      return row;
    });
    caption = presentation.caption;
    columns = presentation.columns;
    hasRowNumbers = presentation.hasRowNumbers;
  } else {
    const opinions = [...facts.opinions.inPeriod, ...facts.opinions.undated].sort((a, b) => a.seq - b.seq);
    const value = (
      opinion: PertinenceOpinion,
      column: (typeof presentation.columns)[number]["value"],
    ): TableCell => {
      switch (column) {
        case "number":
          return cell(opinion.number);
        case "subject":
          return cell(opinion.subject);
        case "areas":
          return cell(...nameOf(names.areas, opinion.areaIds));
        case "outcome":
          return cell(opinion.outcome === "favourable" ? "Favorable" : "Desfavorable");
      }
    };
    rows = opinions.map((opinion) => presentation.columns.map((column) => value(opinion, column.value)));
    caption = presentation.caption;
    columns = presentation.columns;
  }

  if (rows.length === 0) return template.whenEmpty ? [paragraphOf([text(template.whenEmpty)])] : [];
  const blocks: Block[] = [];
  if (template.intro)
    blocks.push(
      paragraphOf(fillSentence(template.intro, { count: rows.length, period: periodPhrase, tableId })),
    );
  blocks.push({
    kind: "table",
    id: tableId,
    isNumbered: caption !== undefined,
    caption,
    hasRowNumbers: presentation.kind === "opinions" ? false : hasRowNumbers,
    columns,
    rows,
  });
  return blocks;
}

type ReportActivity = ReportFacts["activities"][number];

/** The dates of an activity as the documents write them: «Miércoles 06 y viernes 08 de enero de 2021». */
export function activityDates(activity: ReportActivity): string {
  if (activity.isContinuous) {
    return `Del ${formatSpanishLongDate(activity.startDate)} al ${formatSpanishLongDate(activity.endDate)}`;
  }
  return capitalise(formatSpanishDateList(activity.dates, { padDay: true }));
}

function activityCell(activity: ReportActivity, value: string, facts: ReportFacts): TableCell {
  switch (value) {
    case "date":
      return cell(activityDates(activity));
    case "title":
      return cell(activity.title);
    case "description":
      return cell(activity.description ?? "");
    case "followedBody":
      return cell(
        activity.followedBodyId ? (facts.names.organisations.get(activity.followedBodyId)?.name ?? "") : "",
      );
    case "counterparts":
      return cell(
        joinSpanish(activity.counterpartIds.map((id) => facts.names.organisations.get(id)?.name ?? "")),
      );
    default:
      return cell(activity.audience ?? "");
  }
}

/** Activities in date order: first day, then last day, then key (keys keep the order they were recorded in). */
export function byDate(a: ReportActivity, b: ReportActivity): number {
  return (
    a.startDate.localeCompare(b.startDate) || a.endDate.localeCompare(b.endDate) || a.key.localeCompare(b.key)
  );
}
