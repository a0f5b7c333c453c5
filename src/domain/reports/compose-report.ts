/**
 * The second step of the report pipeline: facts + the commission's template → ReportDocument. Pure (no
 * database): every date, count, name and session title is derived from the facts and every wording comes from
 * the template, so the text cannot contradict the records. Structure (DESIGN §4): cover, índice, introducción,
 * I sessions and attendance, II resolutions and reports presented, III one chapter per strategic line and one
 * part per programmed action (the draft's opening text, then the template's entries, or the justification).
 */
import type { Block, Inline, ReportDocument, TableCell } from "../../documents/report-document.ts";
import { cell, paragraph, text } from "../../documents/report-document.ts";
import { sessionName } from "../sessions/session-name.ts";
import type { Attendance } from "../sessions/sessions.schema.ts";
import {
  formatSpanishDateList,
  formatSpanishLongDate,
  type Period,
  parsePeriod,
  SPANISH_MONTHS,
} from "../shared/calendar.ts";
import {
  capitalise,
  countInWords,
  feminineOrdinal,
  joinSpanish,
  ofInstitution,
  quarterName,
  quarterOrdinal,
} from "../shared/spanish.ts";
import type { ReportFacts } from "./collect-report-facts.ts";
import { activityDates, byDate, composePart } from "./compose-parts.ts";
import {
  DEFAULT_REPORT_TEMPLATE,
  fillWording,
  type PartTemplate,
  type ReportTemplate,
} from "./report-template.ts";

const SESSION_KIND = { ordinary: "ordinaria", extraordinary: "extraordinaria", urgent: "urgente" } as const;
const MODALITY = {
  remote: "a distancia, mediante el uso de herramientas tecnológicas",
  in_person: "presencial",
  hybrid: "semipresencial",
} as const;
const ROLE_LABEL = { member: "Integrante", technical_secretary: "Secretaría técnica" } as const;
const LETTER = (letter: string) => `${letter})`;

type Session = ReportFacts["sessions"][number];

/** «Tercera sesión ordinaria» (defined with the sessions, which the API names too). */
export { sessionName };

/** «3ª ord.», the column header of a session when a year's sessions share the attendance table. */
function shortSessionName(session: Pick<Session, "kind" | "number">): string {
  return `${session.number}ª ${SESSION_KIND[session.kind as keyof typeof SESSION_KIND].slice(0, 3)}.`;
}

const QUARTER_HEADERS = ["1er trim.", "2º trim.", "3er trim.", "4º trim."];

/** Up to this many sessions, each gets a column of its own with its full name (the quarterly layout). */
const WIDE_SESSIONS = 4;

/** What the cover says once the report is approved («Aprobado mediante acuerdo CVOE/013/21 …»). */
export type CoverApproval = {
  resolutionNumber: string;
  agendaPosition: number;
  sessionTitle: string;
  sessionDate: string;
};

export type ComposeOptions = {
  approval?: CoverApproval;
  /** Narrative paragraphs people write in the draft; when absent, the template's introduction. */
  introduction?: string[];
  /** Opening paragraphs people write for parts of section III, keyed by line and action («2A»). */
  partTexts?: Record<string, string[]>;
  /** The commission's template; the reference's wording by default. */
  template?: ReportTemplate;
};

/** Composes the report of the collected facts. */
export function composeReport(facts: ReportFacts, options: ComposeOptions = {}): ReportDocument {
  const { commission, period } = facts;
  const template = options.template ?? DEFAULT_REPORT_TEMPLATE;
  const isQuarter = period.quarters.length === 1;
  const periodPhrase = isQuarter
    ? quarterName(period.quarters[0] as number, period.year)
    : `año ${period.year}`;
  const titleOf = (year: string) =>
    capitalise(
      fillWording(isQuarter ? template.titles.quarterly : template.titles.annual, {
        ordinal: isQuarter ? quarterOrdinal(period.quarters[0] as number) : undefined,
        year,
      }).text.trim(),
    );
  const title = titleOf(String(period.year));
  const heading = (wording: string) =>
    fillWording(wording, { commission: commission.name, acronym: commission.acronym }).text;

  const blocks: Block[] = [
    { kind: "toc", title: heading(template.headings.toc) },
    { kind: "pageBreak" },
    ...introduction(facts, template, periodPhrase, options.introduction),
    ...sessionsSection(facts, heading(template.headings.sessions), periodPhrase),
    ...resolutionsSection(facts, heading(template.headings.resolutions)),
    ...resultsSection(
      facts,
      template,
      heading(template.headings.results),
      periodPhrase,
      options.partTexts ?? {},
    ),
  ];
  return {
    meta: {
      title,
      institution: facts.institution.name,
      author: commission.name,
      language: "es-MX",
      periodLabel: capitalise(periodPhrase),
    },
    cover: {
      lines: [
        { text: commission.name.toLocaleUpperCase("es-MX"), isEmphasised: true },
        {
          text: `${titleOf("")} de la ${commission.name} ${period.year}`.toLocaleUpperCase("es-MX"),
          isEmphasised: true,
          spaceBefore: true,
        },
        ...(options.approval
          ? [
              { text: "APROBADO MEDIANTE ACUERDO", spaceBefore: true },
              { text: options.approval.resolutionNumber },
              { text: `PUNTO ${options.approval.agendaPosition}`, isEmphasised: true, spaceBefore: true },
              { text: options.approval.sessionTitle.toLocaleUpperCase("es-MX"), isEmphasised: true },
              { text: options.approval.sessionDate.toLocaleUpperCase("es-MX"), isEmphasised: true },
            ]
          : [{ text: "PROYECTO", spaceBefore: true }]),
      ],
    },
    blocks,
  };
}

/** The values of the introduction's placeholders, derived from the records (undefined when they lack one). */
export function introductionValues(
  facts: ReportFacts,
  periodPhrase: string,
): Record<string, string | undefined> {
  const { commission, programme, period, institution } = facts;
  const current = facts.memberships.filter(
    (m) => (m.startDate ?? "") <= period.to && (m.endDate === null || m.endDate >= period.from),
  );
  const personName = (m: { personId: string | null } | undefined) =>
    m?.personId ? facts.names.people.get(m.personId)?.name : undefined;
  const chair = current.find((m) => m.role === "chair");
  const members = current.filter((m) => m.role === "member");
  const secretary = current.find((m) => m.role === "technical_secretary");
  // Alphabetical, as the reference names them: the records give no order among members designated together.
  const memberNames = members
    .map(personName)
    .filter((name): name is string => name !== undefined)
    .sort((a, b) => a.localeCompare(b, "es"));
  const longDate = (date: string | null | undefined) => (date ? formatSpanishLongDate(date) : undefined);
  const month = (date: string) => SPANISH_MONTHS[Number(date.slice(5, 7)) - 1];
  const approval = [
    programme.approvedBy ? `aprobado por la Comisión mediante el acuerdo ${programme.approvedBy}` : undefined,
    programme.ratifiedBy ? `ratificado mediante el acuerdo ${programme.ratifiedBy}` : undefined,
  ].filter((phrase): phrase is string => phrase !== undefined);
  return {
    commission: commission.name,
    acronym: commission.acronym,
    institution: institution.acronym ? `${institution.name} (${institution.acronym})` : institution.name,
    period: periodPhrase,
    periodRange: `${month(period.from)} y ${month(period.to)} de ${period.year}`,
    year: String(period.year),
    reportKind: period.quarters.length === 1 ? "trimestral" : "anual",
    members: memberNames.length > 0 ? joinSpanish(memberNames) : undefined,
    chair: personName(chair),
    membersFrom: longDate(chair?.startDate ?? members[0]?.startDate),
    membersDesignatedBy: chair?.designatedBy ?? members[0]?.designatedBy ?? undefined,
    secretary: personName(secretary),
    secretaryFrom: longDate(secretary?.startDate),
    secretaryDesignatedBy: secretary?.designatedBy ?? undefined,
    programme: programme.title,
    programmeYear: String(programme.year),
    programmeApproval: approval.length > 0 ? joinSpanish(approval) : undefined,
  };
}

function introduction(
  facts: ReportFacts,
  template: ReportTemplate,
  periodPhrase: string,
  written: string[] | undefined,
): Block[] {
  const heading: Block = {
    kind: "heading",
    level: 1,
    text: fillWording(template.headings.introduction, {}).text,
    isInToc: true,
  };
  if (written && written.length > 0) return [heading, ...written.map((p) => paragraph(text(p)))];
  const values = introductionValues(facts, periodPhrase);
  const blocks: Block[] = [heading];
  for (const wording of template.introduction) {
    const isItem = wording.startsWith("- ");
    const filled = fillWording(isItem ? wording.slice(2) : wording, values).text;
    const last = blocks.at(-1);
    if (!isItem) blocks.push(paragraph(text(filled)));
    else if (last?.kind === "list") last.items.push([text(filled)]);
    else blocks.push({ kind: "list", isOrdered: false, items: [[text(filled)]] });
  }
  return blocks;
}

function sessionsSection(facts: ReportFacts, title: string, periodPhrase: string): Block[] {
  const { sessions } = facts;
  const blocks: Block[] = [{ kind: "heading", level: 1, label: "I.", text: title, isInToc: true }];
  if (sessions.length === 0) {
    blocks.push(paragraph(text(`Durante el ${periodPhrase} la Comisión no celebró sesiones.`)));
    return blocks;
  }
  const kinds = [...new Set(sessions.map((s) => s.kind))];
  const modalities = [...new Set(sessions.map((s) => s.modality))];
  const kindPhrase =
    kinds.length === 1
      ? `${sessions.length === 1 ? "sesión" : "sesiones"} ${SESSION_KIND[kinds[0] as keyof typeof SESSION_KIND]}${sessions.length === 1 ? "" : "s"}`
      : sessions.length === 1
        ? "sesión"
        : "sesiones";
  const modalityPhrase =
    modalities.length === 1 ? ` en modalidad ${MODALITY[modalities[0] as keyof typeof MODALITY]}` : "";
  blocks.push(
    paragraph(
      text(
        `Durante el ${periodPhrase}, la Comisión celebró ${countInWords(sessions.length, { feminine: true })} ${kindPhrase}${modalityPhrase}:`,
      ),
    ),
    // One column per session, as in the quarterly reports; a year's sessions do not fit across, so one row each.
    sessions.length <= WIDE_SESSIONS
      ? {
          kind: "table",
          id: "sessions",
          isNumbered: false,
          columns: sessions.map((s) => ({ header: sessionName(s) })),
          rows: [sessions.map((s) => cell(`Celebrada el ${formatSpanishLongDate(s.date)}`))],
        }
      : {
          kind: "table",
          id: "sessions",
          isNumbered: false,
          columns: [
            { header: "Sesión", width: 2 },
            { header: "Fecha", width: 3 },
          ],
          rows: sessions.map((s) => [cell(sessionName(s)), cell(capitalise(formatSpanishLongDate(s.date)))]),
        },
    paragraph(
      text(
        sessions.length <= WIDE_SESSIONS
          ? "A continuación, se presenta el reporte de asistencia de cada una de las sesiones:"
          : "A continuación, se presenta el reporte de asistencia de cada una de las sesiones, identificadas por su número y tipo (ord.: ordinaria; ext.: extraordinaria; urg.: urgente):",
      ),
    ),
    attendanceTable(facts),
  );
  return blocks;
}

/** One row per participant (in the order of the attendance lists), one column per session, «X» when present. */
function attendanceTable(facts: ReportFacts): Block {
  const rows = new Map<string, { label: string; presence: Map<string, boolean> }>();
  for (const session of facts.sessions) {
    for (const entry of session.attendance) {
      const id = participantId(entry);
      const row = rows.get(id) ?? {
        label: participantLabel(entry, facts),
        presence: new Map<string, boolean>(),
      };
      row.presence.set(session.id, entry.isPresent);
      rows.set(id, row);
    }
  }
  const isWide = facts.sessions.length <= WIDE_SESSIONS;
  return {
    kind: "table",
    id: "attendance",
    isNumbered: false,
    columns: [
      { header: "Integrantes e invitados", width: isWide ? 3 : 4 },
      ...facts.sessions.map((s) => ({
        header: isWide ? sessionName(s) : shortSessionName(s),
        width: isWide ? 1 : 0.6,
        align: "center" as const,
        group: "Asistencia a las sesiones",
      })),
    ],
    rows: [...rows.values()].map((row): TableCell[] => [
      cell(row.label),
      ...facts.sessions.map((s) => cell(row.presence.get(s.id) ? "X" : "")),
    ]),
  };
}

function participantId(entry: Attendance): string {
  return `${entry.category}|${entry.personId ?? ""}|${entry.partyId ?? ""}|${entry.areaId ?? ""}`;
}

function participantLabel(entry: Attendance, facts: ReportFacts): string {
  const person = entry.personId ? facts.names.people.get(entry.personId)?.name : undefined;
  switch (entry.category) {
    case "member": {
      const isChair = facts.memberships.some((m) => m.role === "chair" && m.personId === entry.personId);
      return `${isChair ? "Presidencia" : ROLE_LABEL.member}: ${person ?? ""}`;
    }
    case "technical_secretary":
      return `${ROLE_LABEL.technical_secretary}: ${person ?? ""}`;
    case "party_representative":
      return (entry.partyId ? facts.names.parties.get(entry.partyId)?.name : undefined) ?? "";
    case "invited_official": {
      const area = entry.areaId ? facts.names.areas.get(entry.areaId)?.name : undefined;
      const lead =
        entry.capacity && area ? `${capitalise(entry.capacity)} ${ofInstitution(area)}` : (area ?? "");
      return person ? `${lead}, ${person}` : lead;
    }
  }
}

function resolutionsSection(facts: ReportFacts, title: string): Block[] {
  const blocks: Block[] = [{ kind: "heading", level: 1, label: "II.", text: title, isInToc: true }];
  const withResolutions = facts.sessions.filter((s) => s.resolutions.length > 0);
  const total = facts.resolutions.length;
  const split = joinSpanish(
    withResolutions.map(
      (s) => `${countInWords(s.resolutions.length)} en la ${sessionName(s).toLocaleLowerCase("es-MX")}`,
    ),
  );
  blocks.push(
    paragraph(
      text(
        total === 0
          ? "En el periodo la Comisión no adoptó acuerdos."
          : `En el periodo la Comisión adoptó un total de ${total} ${total === 1 ? "acuerdo" : "acuerdos"}${withResolutions.length > 1 ? `: ${split}` : ""}, los cuales se enlistan a continuación:`,
      ),
    ),
  );
  for (const session of withResolutions) {
    blocks.push(
      paragraph(text(`${sessionName(session)}, ${formatSpanishLongDate(session.date)}:`, { bold: true })),
      {
        kind: "list",
        isOrdered: false,
        items: session.resolutions.map((r) => [text(`${r.number}. `, { bold: true }), text(r.title)]),
      },
    );
  }

  // Reports, notes and proposals presented: one entry per series (or per item), with the sessions it was in.
  const presented = new Map<string, { title: string; sessions: Session[] }>();
  for (const session of facts.sessions) {
    for (const item of session.agenda) {
      if (item.kind !== "report" && item.kind !== "note" && item.kind !== "proposal") continue;
      const key = item.series ?? item.id;
      const entry = presented.get(key) ?? { title: item.title, sessions: [] };
      entry.sessions.push(session);
      presented.set(key, entry);
    }
  }
  if (presented.size > 0) {
    blocks.push(
      paragraph(
        text(
          "En las sesiones del periodo, la Comisión supervisó las actividades del programa anual de trabajo a través de los siguientes informes, notas y propuestas:",
        ),
      ),
      {
        kind: "list",
        isOrdered: false,
        items: [...presented.values()].map((entry): Inline[] => {
          const item: Inline[] = [text(entry.title)];
          if (entry.sessions.length > 1) {
            const names = entry.sessions.map((s) => `${feminineOrdinal(s.number)}`);
            item.push({
              kind: "footnote",
              content: [
                text(
                  `Se presentó en las sesiones ${joinSpanish(names)} del periodo (${formatSpanishDateList(entry.sessions.map((s) => s.date))}).`,
                ),
              ],
            });
          }
          return item;
        }),
      },
    );
  }
  return blocks;
}

function resultsSection(
  facts: ReportFacts,
  template: ReportTemplate,
  title: string,
  periodPhrase: string,
  partTexts: Record<string, string[]>,
): Block[] {
  const blocks: Block[] = [{ kind: "heading", level: 1, label: "III.", text: title, isInToc: true }];
  if (facts.period.quarters.length > 1) blocks.push(...programmeByQuarter(facts, template));
  const quarter = facts.period.quarters.length === 1 ? facts.period.quarters[0] : undefined;
  const justificationOf = (justifications: { quarter: number; text: string }[]) =>
    justifications.filter((j) => quarter === undefined || j.quarter === quarter).map((j) => j.text);

  for (const line of facts.programme.lines) {
    blocks.push({ kind: "heading", level: 2, label: `${line.number}.`, text: line.title, isInToc: true });
    const lineActivities = facts.activities.filter((a) =>
      line.actions.some((action) => action.id === a.actionId),
    );
    if (line.actions.length === 0 || lineActivities.length === 0) {
      for (const justification of justificationOf(line.justifications))
        blocks.push(paragraph(text(justification)));
    }
    for (const action of line.actions) {
      blocks.push({
        kind: "heading",
        level: 3,
        label: LETTER(action.letter),
        text: action.title,
        isInToc: true,
      });
      const partKey = `${line.number}${action.letter}`;
      for (const written of partTexts[partKey] ?? []) blocks.push(paragraph(text(written)));
      const entries = template.parts[partKey];
      if (entries) {
        const shown = new Set<string>();
        entries.forEach((entry, index) => {
          blocks.push(
            ...composePart(facts, entry, `${line.number}${action.letter}-${index + 1}`, periodPhrase, {
              id: action.id,
              shown,
            }),
          );
        });
        const rest = facts.activities.filter((a) => a.actionId === action.id && !shown.has(a.id));
        if (rest.length > 0) blocks.push(activityList(rest));
        continue;
      }
      const activities = facts.activities.filter((a) => a.actionId === action.id).sort(byDate);
      if (activities.length === 0) {
        for (const justification of justificationOf(action.justifications))
          blocks.push(paragraph(text(justification)));
        continue;
      }
      blocks.push({
        kind: "table",
        id: `activities-${line.number}${action.letter}`,
        isNumbered: false,
        hasRowNumbers: true,
        columns: [
          { header: "Fecha", width: 2 },
          { header: "Actividad", width: 5 },
        ],
        rows: activities.map((a) => [cell(activityDates(a)), cell(a.title)]),
      });
    }
  }
  return blocks;
}

/** The facts of one quarter of a year's facts (undated opinions belong to no quarter). */
function quarterFacts(facts: ReportFacts, quarter: number): ReportFacts {
  const { from, to } = parsePeriod(`${facts.period.year}-Q${quarter}`) as Period;
  const within = (date: string | null | undefined) =>
    date !== null && date !== undefined && date >= from && date <= to;
  const sessions = facts.sessions.filter((s) => within(s.date));
  const sessionIds = new Set(sessions.map((s) => s.id));
  const progress = facts.agreements.progress.filter((g) => sessionIds.has(g.sessionId));
  const reportedIds = new Set(progress.map((g) => g.agreementId));
  return {
    ...facts,
    period: { ...facts.period, from, to, quarters: [quarter] },
    sessions,
    resolutions: facts.resolutions.filter((r) => sessionIds.has(r.sessionId)),
    activities: facts.activities.filter((a) => a.startDate <= to && a.endDate >= from),
    agreements: {
      signed: facts.agreements.signed.filter((a) => within(a.signedOn)),
      reported: facts.agreements.reported.filter((a) => reportedIds.has(a.id)),
      progress,
    },
    opinions: { inPeriod: facts.opinions.inPeriod.filter((o) => within(o.issuedOn)), undated: [] },
  };
}

/**
 * How many records a part shows: the rows of its template's tables and its ceremonies, plus the activities no
 * entry shows (listed after them) — composed exactly as the part itself is, so the figure cannot disagree.
 */
function partRecordCount(
  facts: ReportFacts,
  entries: PartTemplate[] | undefined,
  action: { id: string },
): number {
  const shown = new Set<string>();
  let count = 0;
  for (const [index, entry] of (entries ?? []).entries()) {
    const blocks = composePart(facts, entry, `count-${index}`, "", { id: action.id, shown });
    if (entry.presentation.kind === "ceremonies") {
      const isEmpty = blocks.length === 1 && entry.whenEmpty !== undefined;
      count += isEmpty ? 0 : blocks.length;
    } else {
      count += blocks.reduce((sum, block) => sum + (block.kind === "table" ? block.rows.length : 0), 0);
    }
  }
  return count + facts.activities.filter((a) => a.actionId === action.id && !shown.has(a.id)).length;
}

/**
 * The annual report's overview of the programme: per programmed action and quarter, the number of records its
 * part shows in that quarter, or why there are none (a justification recorded, or nothing recorded), or that it
 * was not programmed then.
 */
function programmeByQuarter(facts: ReportFacts, template: ReportTemplate): Block[] {
  const { year } = facts.period;
  const byQuarter = new Map(facts.period.quarters.map((q) => [q, quarterFacts(facts, q)]));
  const rows: TableCell[][] = [];
  for (const line of facts.programme.lines) {
    for (const action of line.actions) {
      const entries = template.parts[`${line.number}${action.letter}`];
      const cells = facts.period.quarters.map((q) => {
        const count = partRecordCount(byQuarter.get(q) as ReportFacts, entries, action);
        const isProgrammed = action.quarters.includes(q);
        const isJustified = [...action.justifications, ...line.justifications].some((j) => j.quarter === q);
        if (count > 0) return cell(isProgrammed ? String(count) : `${count}*`);
        if (!isProgrammed) return cell("—");
        return cell(isJustified ? "J" : "0");
      });
      rows.push([cell(`${line.number} ${LETTER(action.letter)}`), cell(action.title), ...cells]);
    }
  }
  return [
    paragraph(
      text(
        `La siguiente tabla resume, por acción programada y trimestre de ${year}, el número de registros que presenta su apartado (actividades, convenios u opiniones): «J» indica que se registró la justificación de no realizarla; «0», que no hay registro ni justificación; «—», que no estaba programada en ese trimestre, y un asterisco, registros de un trimestre en que no estaba programada.`,
      ),
    ),
    {
      kind: "table",
      id: "programme-by-quarter",
      isNumbered: false,
      columns: [
        { header: "Acción", width: 1 },
        { header: "Descripción", width: 6 },
        ...facts.period.quarters.map((q) => ({
          header: QUARTER_HEADERS[q - 1] as string,
          width: 1.3,
          align: "center" as const,
        })),
      ],
      rows,
    },
  ];
}

/** Activities no table shows, as a list: «El martes 02 de febrero de 2021: …». */
function activityList(activities: ReportFacts["activities"]): Block {
  return {
    kind: "list",
    isOrdered: false,
    items: [...activities]
      .sort(byDate)
      .map((a) => [text(`${activityDates(a)}: `, { bold: true }), text(a.description ?? a.title)]),
  };
}
