/**
 * Validates a dataset completely before anything is written: the zod schema (shapes, dates that exist), then
 * references by key, uniqueness and historical numbers. Every problem is reported with its path and value, in
 * Spanish, so one run of `vincula import --dry-run` lists everything to fix.
 */
import { parse as parseYaml } from "yaml";
import { numberMatchesYear, parseNumber } from "../numbering/numbering.ts";
import { isValidCalendarDate } from "../shared/calendar.ts";
import { type ErrorDetail, formatPath } from "../shared/errors.ts";
import { findUnstorableText } from "../shared/primitives.ts";
import { type Dataset, ZDataset } from "./dataset.schema.ts";

/** Keys that already exist in the database and may be referenced without being in the dataset. */
export type KnownKeys = {
  people: Set<string>;
  parties: Set<string>;
  areas: Set<string>;
  organisations: Set<string>;
  activityKinds: Set<string>;
  agreementTypes: Set<string>;
};

export const emptyKnownKeys = (): KnownKeys => ({
  people: new Set(),
  parties: new Set(),
  areas: new Set(),
  organisations: new Set(),
  activityKinds: new Set(),
  agreementTypes: new Set(),
});

export type ValidationResult =
  | { dataset: Dataset; problems: [] }
  | { dataset: undefined; problems: ErrorDetail[] };

/** Reads YAML or JSON text (JSON is YAML); a syntax error becomes one problem with its line. */
export function parseDatasetText(text: string): { value: unknown; problems: ErrorDetail[] } {
  try {
    return { value: parseYaml(text, { maxAliasCount: 100 }), problems: [] };
  } catch (error) {
    const message = error instanceof Error ? error.message.split("\n")[0] : String(error);
    return {
      value: undefined,
      problems: [{ path: "", message: `el archivo no es YAML ni JSON válido: ${message}` }],
    };
  }
}

export function validateDataset(raw: unknown, known: KnownKeys = emptyKnownKeys()): ValidationResult {
  const problems: ErrorDetail[] = [];
  const parsed = ZDataset.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      problems.push({
        path: formatPath(issue.path),
        message: issue.message,
        value: scalarAt(raw, issue.path),
      });
    }
  }
  problems.push(...checkReferences(raw, known));
  // Text the database could not store would fail half-way through the import: refuse it here, with its place.
  for (const found of findUnstorableText(raw))
    problems.push({ path: formatPath(found.path), message: found.message });
  if (problems.length > 0 || !parsed.success) return { dataset: undefined, problems: dedupe(problems) };
  return { dataset: parsed.data, problems: [] };
}

// ---------------------------------------------------------------------------------------------------------------
// Cross-record checks. They run on the raw input (also when the schema failed), reading it defensively, so a
// dataset with an impossible date, an unknown person and a duplicate number reports all three at once.

type Raw = Record<string, unknown>;
const list = (value: unknown): Raw[] =>
  Array.isArray(value) ? value.map((v) => (v && typeof v === "object" ? (v as Raw) : {})) : [];
const str = (value: unknown): string | undefined => (typeof value === "string" ? value : undefined);
const strs = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v) => typeof v === "string") : [];

function checkReferences(raw: unknown, known: KnownKeys): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  if (!raw || typeof raw !== "object") return problems;
  const data = raw as Raw;

  const keysOf = (section: string, existing: Set<string>, field = "key") => {
    const keys = new Set(existing);
    const seen = new Set<string>();
    list(data[section]).forEach((item, index) => {
      const key = str(item[field]);
      if (!key) return;
      if (seen.has(key))
        problems.push({
          path: `${section}[${index}].${field}`,
          message: "clave repetida en el archivo",
          value: key,
        });
      seen.add(key);
      keys.add(key);
    });
    return keys;
  };
  const people = keysOf("people", known.people);
  const parties = keysOf("parties", known.parties);
  const areas = keysOf("areas", known.areas);
  const organisations = keysOf("organisations", known.organisations);
  const activityKinds = keysOf("activityKinds", known.activityKinds);
  const agreementTypes = keysOf("agreementTypes", known.agreementTypes);
  const sessions = keysOf("sessions", new Set());
  const agreements = keysOf("agreements", new Set());
  const activityKeys = keysOf("activities", new Set());
  keysOf("outreachLists", new Set());

  const ref = (set: Set<string>, what: string, path: string, value: unknown) => {
    const key = str(value);
    if (key !== undefined && !set.has(key))
      problems.push({
        path,
        message: `${what} desconocida: no está en el archivo ni en la base`,
        value: key,
      });
  };
  const refPerson = (path: string, value: unknown) => ref(people, "persona", path, value);
  const refArea = (path: string, value: unknown) => ref(areas, "área", path, value);
  const refOrganisation = (path: string, value: unknown) => ref(organisations, "organización", path, value);

  list(data.organisations).forEach((o, i) => {
    ref(organisations, "organización", `organisations[${i}].parent`, o.parent);
  });
  const commission = (data.commission && typeof data.commission === "object" ? data.commission : {}) as Raw;
  ref(areas, "área", "commission.technicalArea", commission.technicalArea);
  const acronym = str(commission.acronym) ?? "";
  const numbering = (
    commission.numbering && typeof commission.numbering === "object" ? commission.numbering : {}
  ) as Raw;

  list(data.memberships).forEach((m, i) => {
    refPerson(`memberships[${i}].person`, m.person);
    ref(parties, "partido", `memberships[${i}].onBehalfOf`, m.onBehalfOf);
    if (m.person === undefined && m.onBehalfOf === undefined) {
      problems.push({ path: `memberships[${i}]`, message: "indique la persona o el partido representado" });
    }
  });

  // Programme actions, referred to as 2021-1B.
  const actions = new Set<string>();
  const programmeYears = new Set<number>();
  list(data.programmes).forEach((p, pi) => {
    const year = typeof p.year === "number" ? p.year : undefined;
    if (year !== undefined) {
      if (programmeYears.has(year))
        problems.push({
          path: `programmes[${pi}].year`,
          message: "programa repetido para el año",
          value: year,
        });
      programmeYears.add(year);
    }
    const lineNumbers = new Set<unknown>();
    list(p.lines).forEach((l, li) => {
      if (lineNumbers.has(l.number))
        problems.push({
          path: `programmes[${pi}].lines[${li}].number`,
          message: "línea repetida",
          value: l.number,
        });
      lineNumbers.add(l.number);
      const letters = new Set<unknown>();
      list(l.actions).forEach((a, ai) => {
        const path = `programmes[${pi}].lines[${li}].actions[${ai}]`;
        if (letters.has(a.letter))
          problems.push({ path: `${path}.letter`, message: "letra repetida en la línea", value: a.letter });
        letters.add(a.letter);
        actions.add(`${year}-${l.number}${a.letter}`);
        strs(a.areas).forEach((area, k) => {
          refArea(`${path}.areas[${k}]`, area);
        });
      });
    });
  });

  // Sessions and their agenda, attendance.
  const sessionDates = new Map<string, string>();
  const agendaLength = new Map<string, number>();
  list(data.sessions).forEach((s, si) => {
    const key = str(s.key);
    if (key) {
      sessionDates.set(key, str(s.date) ?? "");
      agendaLength.set(key, list(s.agenda).length);
    }
    list(s.agenda).forEach((item, ii) => {
      ref(agreements, "convenio", `sessions[${si}].agenda[${ii}].agreement`, item.agreement);
    });
    list(s.attendance).forEach((a, ai) => {
      const path = `sessions[${si}].attendance[${ai}]`;
      refPerson(`${path}.person`, a.person);
      refPerson(`${path}.substitute`, a.substitute);
      ref(parties, "partido", `${path}.party`, a.party);
      refArea(`${path}.area`, a.area);
      const category = str(a.category);
      if (category === "party_representative" && a.party === undefined) {
        problems.push({
          path: `${path}.party`,
          message: "una representación de partido necesita el partido",
        });
      }
      if ((category === "member" || category === "technical_secretary") && a.person === undefined) {
        problems.push({
          path: `${path}.person`,
          message: "un integrante o la secretaría técnica necesita la persona",
        });
      }
      if (category === "invited_official" && a.area === undefined) {
        problems.push({
          path: `${path}.area`,
          message: "una persona invitada necesita el área que representa",
        });
      }
    });
  });
  const seenSessionNumbers = new Map<string, number>();
  list(data.sessions).forEach((s, si) => {
    const id = `${str(s.date)?.slice(0, 4)}-${str(s.kind)}-${s.number}`;
    if (seenSessionNumbers.has(id)) {
      problems.push({
        path: `sessions[${si}].number`,
        message: "ya hay una sesión de ese tipo y número en el año",
        value: s.number,
      });
    }
    seenSessionNumbers.set(id, si);
  });

  // Resolutions: pattern, year of the session, uniqueness.
  const resolutionPattern = str(numbering.resolution);
  const numbers = new Map<string, number>();
  const seqs = new Map<string, number>();
  list(data.resolutions).forEach((r, ri) => {
    const path = `resolutions[${ri}]`;
    const sessionKey = str(r.session);
    ref(sessions, "sesión", `${path}.session`, sessionKey);
    const number = str(r.number);
    list(r.votes).forEach((v, vi) => {
      refPerson(`${path}.votes[${vi}].person`, v.person);
    });
    if (sessionKey && typeof r.agendaItem === "number" && agendaLength.has(sessionKey)) {
      if (r.agendaItem > (agendaLength.get(sessionKey) ?? 0)) {
        problems.push({
          path: `${path}.agendaItem`,
          message: "el orden del día de la sesión no tiene ese punto",
          value: r.agendaItem,
        });
      }
    }
    if (!number) return;
    if (numbers.has(number)) {
      problems.push({
        path: `${path}.number`,
        message: `número de acuerdo repetido (ya lo usa resolutions[${numbers.get(number)}])`,
        value: number,
      });
      return;
    }
    numbers.set(number, ri);
    if (!resolutionPattern) return;
    const parsed = parseNumber(resolutionPattern, number, { acronym });
    if (!parsed) {
      problems.push({
        path: `${path}.number`,
        message: `no sigue el patrón de la comisión «${resolutionPattern}»`,
        value: number,
      });
      return;
    }
    const date = sessionKey ? sessionDates.get(sessionKey) : undefined;
    const year = date ? Number(date.slice(0, 4)) : undefined;
    if (year && !numberMatchesYear(parsed, year)) {
      problems.push({
        path: `${path}.number`,
        message: `el año del número no coincide con el de la sesión (${year})`,
        value: number,
      });
    }
    const seqKey = `${year}-${parsed.seq}`;
    if (seqs.has(seqKey)) {
      problems.push({ path: `${path}.number`, message: `consecutivo repetido en ${year}`, value: number });
    }
    seqs.set(seqKey, ri);
  });
  list(data.sessions).forEach((s, si) => {
    const approvedBy = str(s.minutesApprovedBy);
    if (approvedBy && !numbers.has(approvedBy)) {
      problems.push({
        path: `sessions[${si}].minutesApprovedBy`,
        message: "acuerdo desconocido en el archivo",
        value: approvedBy,
      });
    } else if (approvedBy) {
      const approving = list(data.resolutions)[numbers.get(approvedBy) as number];
      const approvedOn = sessionDates.get(str(approving?.session) ?? "");
      const heldOn = str(s.date);
      if (approvedOn && heldOn && approvedOn < heldOn) {
        problems.push({
          path: `sessions[${si}].minutesApprovedBy`,
          message: `la minuta no puede aprobarse en una sesión anterior (${approvedOn}) a la que documenta`,
          value: approvedBy,
        });
      }
    }
  });

  // Agreements, opinions, progress.
  list(data.agreements).forEach((a, ai) => {
    const path = `agreements[${ai}]`;
    strs(a.counterparts).forEach((o, k) => {
      refOrganisation(`${path}.counterparts[${k}]`, o);
    });
    strs(a.areas).forEach((o, k) => {
      refArea(`${path}.areas[${k}]`, o);
    });
    ref(agreementTypes, "tipo de convenio", `${path}.type`, a.type);
    ref(agreements, "convenio", `${path}.parent`, a.parent);
    if (a.parent !== undefined && a.parent === a.key)
      problems.push({
        path: `${path}.parent`,
        message: "un convenio no puede derivar de sí mismo",
        value: a.parent,
      });
  });
  const opinionPattern = str(numbering.pertinenceOpinion);
  const opinionNumbers = new Set<string>();
  list(data.pertinenceOpinions).forEach((o, oi) => {
    const path = `pertinenceOpinions[${oi}]`;
    ref(agreements, "convenio", `${path}.agreement`, o.agreement);
    strs(o.areas).forEach((area, k) => {
      refArea(`${path}.areas[${k}]`, area);
    });
    const number = str(o.number);
    if (!number) return;
    if (opinionNumbers.has(number))
      problems.push({ path: `${path}.number`, message: "número de opinión repetido", value: number });
    opinionNumbers.add(number);
    if (!opinionPattern) {
      problems.push({
        path: `${path}.number`,
        message:
          "la comisión no tiene patrón de numeración de opiniones (commission.numbering.pertinenceOpinion)",
      });
      return;
    }
    const parsed = parseNumber(opinionPattern, number, { acronym });
    if (!parsed)
      problems.push({
        path: `${path}.number`,
        message: `no sigue el patrón «${opinionPattern}»`,
        value: number,
      });
    else {
      const issued = str(o.issuedOn);
      if (issued && !numberMatchesYear(parsed, Number(issued.slice(0, 4)))) {
        problems.push({
          path: `${path}.number`,
          message: "el año del número no coincide con la fecha de emisión",
          value: number,
        });
      }
    }
  });
  const progressSeen = new Set<string>();
  list(data.agreementProgress).forEach((g, gi) => {
    const path = `agreementProgress[${gi}]`;
    ref(agreements, "convenio", `${path}.agreement`, g.agreement);
    ref(sessions, "sesión", `${path}.session`, g.session);
    refArea(`${path}.area`, g.area);
    const id = `${str(g.agreement)}@${str(g.session)}`;
    if (progressSeen.has(id))
      problems.push({ path, message: "avance repetido para el mismo convenio y sesión", value: id });
    progressSeen.add(id);
  });

  // The template's activity kinds and followed bodies (the schema checked its shape and placeholders).
  const template = data.reportTemplate as { parts?: Record<string, unknown> } | undefined;
  for (const [part, entries] of Object.entries(template?.parts ?? {})) {
    list(entries).forEach((entry, ei) => {
      const presentation = (entry as { presentation?: Record<string, unknown> }).presentation ?? {};
      if (presentation.kind !== "activities") return;
      const path = `reportTemplate.parts.${part}[${ei}].presentation`;
      strs(presentation.kinds).forEach((kind, i) => {
        ref(activityKinds, "clase de actividad", `${path}.kinds[${i}]`, kind);
      });
      strs(presentation.followedBodies).forEach((body, i) => {
        refOrganisation(`${path}.followedBodies[${i}]`, body);
      });
    });
  }

  list(data.activities).forEach((a, ai) => {
    const path = `activities[${ai}]`;
    ref(activityKinds, "clase de actividad", `${path}.kind`, a.kind);
    const action = str(a.action);
    if (action && /^\d{4}-\d{1,2}[A-Z]$/.test(action) && !actions.has(action)) {
      problems.push({
        path: `${path}.action`,
        message: "acción programada desconocida en los programas del archivo",
        value: action,
      });
    }
    strs(a.counterparts).forEach((o, k) => {
      refOrganisation(`${path}.counterparts[${k}]`, o);
    });
    list(a.participants).forEach((p, k) => {
      refPerson(`${path}.participants[${k}].person`, p.person);
    });
    refOrganisation(`${path}.followedBody`, a.followedBody);
    const dates = strs(a.dates);
    if (new Set(dates).size !== dates.length)
      problems.push({ path: `${path}.dates`, message: "fecha repetida", value: dates.join(", ") });
    const span = (a.span && typeof a.span === "object" ? a.span : undefined) as Raw | undefined;
    if (span && str(span.from) && str(span.to) && (str(span.to) as string) < (str(span.from) as string)) {
      problems.push({
        path: `${path}.span`,
        message: "el periodo termina antes de empezar",
        value: `${span.from}..${span.to}`,
      });
    }
    const status = str(a.status);
    if (status && status !== "held" && !str(a.statusReason)) {
      problems.push({
        path: `${path}.statusReason`,
        message: "una actividad cancelada o reprogramada necesita el motivo",
      });
    }
  });

  // Contact lists' campaigns: each becomes an activity on import, so its key is an activity key too.
  const campaignKeys = new Map<string, string>();
  list(data.outreachLists).forEach((l, li) => {
    list(l.campaigns).forEach((c, ci) => {
      const path = `outreachLists[${li}].campaigns[${ci}]`;
      const key = str(c.key);
      if (key && activityKeys.has(key))
        problems.push({
          path: `${path}.key`,
          message: "clave repetida: ya la usa una actividad del archivo",
          value: key,
        });
      else if (key && campaignKeys.has(key))
        problems.push({
          path: `${path}.key`,
          message: `clave repetida: ya la usa ${campaignKeys.get(key)}`,
          value: key,
        });
      if (key) campaignKeys.set(key, path);
      ref(activityKinds, "clase de actividad", `${path}.kind`, c.kind);
      const action = str(c.action);
      if (action && /^\d{4}-\d{1,2}[A-Z]$/.test(action) && !actions.has(action)) {
        problems.push({
          path: `${path}.action`,
          message: "acción programada desconocida en los programas del archivo",
          value: action,
        });
      }
      strs(c.counterparts).forEach((o, k) => {
        refOrganisation(`${path}.counterparts[${k}]`, o);
      });
      const reachedSomeone = list(c.sends).some(
        (send) => typeof send.delivered === "number" && send.delivered > 0,
      );
      if (strs(c.counterparts).length > 0 && list(c.sends).length > 0 && !reachedSomeone)
        problems.push({
          path: `${path}.counterparts`,
          message:
            "una campaña cuyos envíos no entregaron ningún mensaje no es una actividad del informe: no puede tener contrapartes",
        });
      // Sends go first to last: each valid day no earlier than the latest valid day before it.
      let latest: string | undefined;
      list(c.sends).forEach((send, k) => {
        const day = str(send.on);
        if (!day || !isValidCalendarDate(day)) return;
        if (latest && day < latest)
          problems.push({
            path: `${path}.sends[${k}].on`,
            message: `los envíos van del primero al último: este es anterior a un envío previo (${latest})`,
            value: day,
          });
        else latest = day;
      });
    });
  });
  return problems;
}

function scalarAt(root: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let current: unknown = root;
  for (const part of path) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<PropertyKey, unknown>)[part];
  }
  return current !== null && typeof current === "object" ? undefined : current;
}

function dedupe(problems: ErrorDetail[]): ErrorDetail[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const id = `${p.path}|${p.message}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}
