/**
 * The second step of the report pipeline: facts → ReportDocument. Pure (no database): every date, count, name and
 * session title is derived from the facts, so the text cannot contradict the records.
 *
 * Status (issue 3 in progress): the cover, introduction, section I (sessions and attendance), section II
 * (resolutions by session and reports presented) and the skeleton of section III (one chapter per strategic line,
 * one part per programmed action with its activities in a table, or the recorded justification) are composed
 * here. The wording per commission (a stored template) and the specific tables of the reference (2.1–3.2) are
 * the next step.
 */
import type { Block, Inline, ReportDocument, TableCell } from "../../documents/report-document.ts";
import { cell, paragraph, text } from "../../documents/report-document.ts";
import type { Attendance } from "../sessions/sessions.schema.ts";
import { formatSpanishDateList, formatSpanishLongDate } from "../shared/calendar.ts";
import {
  capitalise,
  countInWords,
  feminineOrdinal,
  joinSpanish,
  quarterName,
  quarterOrdinal,
} from "../shared/spanish.ts";
import type { ReportFacts } from "./collect-report-facts.ts";
import { activityDates, byDate, composePart } from "./compose-parts.ts";
import { DEFAULT_REPORT_TEMPLATE, type ReportTemplate } from "./report-template.ts";

const SESSION_KIND = { ordinary: "ordinaria", extraordinary: "extraordinaria", urgent: "urgente" } as const;
const MODALITY = {
  remote: "a distancia, mediante el uso de herramientas tecnológicas",
  in_person: "presencial",
  hybrid: "semipresencial",
} as const;
const ROLE_LABEL = { member: "Integrante", technical_secretary: "Secretaría técnica" } as const;
const LETTER = (letter: string) => `${letter})`;

type Session = ReportFacts["sessions"][number];

/** «Tercera sesión ordinaria», from the session's kind and number. */
export function sessionName(session: Pick<Session, "kind" | "number">): string {
  return capitalise(
    `${feminineOrdinal(session.number)} sesión ${SESSION_KIND[session.kind as keyof typeof SESSION_KIND]}`,
  );
}

/** What the cover says once the report is approved («Aprobado mediante acuerdo CVOE/013/21 …»). */
export type CoverApproval = {
  resolutionNumber: string;
  agendaPosition: number;
  sessionTitle: string;
  sessionDate: string;
};

export type ComposeOptions = {
  approval?: CoverApproval;
  /** Narrative paragraphs people write in the draft; when absent, the default wording derived from the facts. */
  introduction?: string[];
  /** How the parts of section III present their records; the reference's by default. */
  template?: ReportTemplate;
};

/** Composes the report of the collected facts. */
export function composeReport(facts: ReportFacts, options: ComposeOptions = {}): ReportDocument {
  const { commission, period } = facts;
  const isQuarter = period.quarters.length === 1;
  const periodPhrase = isQuarter
    ? quarterName(period.quarters[0] as number, period.year)
    : `año ${period.year}`;
  const title = isQuarter
    ? `${capitalise(quarterOrdinal(period.quarters[0] as number))} informe trimestral de actividades ${period.year}`
    : `Informe anual de actividades ${period.year}`;

  const blocks: Block[] = [
    { kind: "toc", title: "ÍNDICE" },
    { kind: "pageBreak" },
    ...introduction(facts, periodPhrase, options.introduction),
    ...sessionsSection(facts, periodPhrase),
    ...resolutionsSection(facts),
    ...resultsSection(facts, options.template ?? DEFAULT_REPORT_TEMPLATE, periodPhrase),
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
          text: `${title.replace(` ${period.year}`, "")} de la ${commission.name} ${period.year}`.toLocaleUpperCase(
            "es-MX",
          ),
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

function introduction(facts: ReportFacts, periodPhrase: string, written: string[] | undefined): Block[] {
  const heading: Block = { kind: "heading", level: 1, text: "Introducción", isInToc: true };
  if (written && written.length > 0) return [heading, ...written.map((p) => paragraph(text(p)))];
  const { programme, commission } = facts;
  const paragraphs: Block[] = [];
  const members = facts.memberships.filter((m) => m.role === "chair" || m.role === "member");
  const chair = members.find((m) => m.role === "chair");
  const names = (ids: (string | null)[]) =>
    ids.map((id) => (id ? facts.names.people.get(id)?.name : undefined)).filter(Boolean) as string[];
  if (chair) {
    const others = names(members.filter((m) => m.role === "member").map((m) => m.personId));
    const [chairName] = names([chair.personId]);
    paragraphs.push(
      paragraph(
        text(
          `La ${commission.name} está integrada por ${joinSpanish(others)} y, en la presidencia, ${chairName}` +
            (chair.designatedBy ? `, conforme al acuerdo ${chair.designatedBy}.` : "."),
        ),
      ),
    );
  }
  const approval = [
    programme.approvedBy ? `aprobado mediante el acuerdo ${programme.approvedBy}` : undefined,
    programme.ratifiedBy ? `ratificado mediante el acuerdo ${programme.ratifiedBy}` : undefined,
  ].filter(Boolean) as string[];
  paragraphs.push(
    paragraph(
      text(
        `El ${programme.title}${approval.length > 0 ? `, ${joinSpanish(approval)},` : ""} establece las líneas estratégicas y las acciones programadas de la Comisión durante ${programme.year}.`,
      ),
    ),
    paragraph(
      text(`El presente documento da cuenta de las actividades correspondientes al ${periodPhrase}.`),
    ),
  );
  return [heading, ...paragraphs];
}

function sessionsSection(facts: ReportFacts, periodPhrase: string): Block[] {
  const { sessions, commission } = facts;
  const blocks: Block[] = [
    {
      kind: "heading",
      level: 1,
      label: "I.",
      text: `Sesiones de la ${commission.name} y asistencia`,
      isInToc: true,
    },
  ];
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
    {
      kind: "table",
      id: "sessions",
      isNumbered: false,
      columns: sessions.map((s) => ({ header: sessionName(s) })),
      rows: [sessions.map((s) => cell(`Celebrada el ${formatSpanishLongDate(s.date)}`))],
    },
    paragraph(text("A continuación, se presenta el reporte de asistencia de cada una de las sesiones:")),
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
  return {
    kind: "table",
    id: "attendance",
    isNumbered: false,
    columns: [
      { header: "Integrantes e invitados", width: 3 },
      ...facts.sessions.map((s) => ({ header: sessionName(s), width: 1, align: "center" as const })),
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
      const lead = entry.capacity ? `${capitalise(entry.capacity)} de ${area ?? ""}` : (area ?? "");
      return person ? `${lead}, ${person}` : lead;
    }
  }
}

function resolutionsSection(facts: ReportFacts): Block[] {
  const blocks: Block[] = [
    {
      kind: "heading",
      level: 1,
      label: "II.",
      text: "Acuerdos y puntos presentados a la Comisión",
      isInToc: true,
    },
  ];
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

function resultsSection(facts: ReportFacts, template: ReportTemplate, periodPhrase: string): Block[] {
  const blocks: Block[] = [
    { kind: "heading", level: 1, label: "III.", text: "Principales resultados", isInToc: true },
  ];
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
      const entries = template.parts[`${line.number}${action.letter}`];
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
