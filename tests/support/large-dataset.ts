/**
 * Larger datasets made from the demo commission, for tests that need an import or a restore to take a while
 * (killing it half-way) and for the benches (bench/run.ts, bench/backup.ts): copies keep the catalogues and
 * get their own commission key, acronym and resolution numbers.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import type { DatasetInput } from "../../src/domain/dataset/dataset.schema.ts";

export const DEMO_PATH = join(import.meta.dirname, "../../demo/cvoe-2021-q1.yaml");
/** The demo dataset as parsed (shared: copy it before changing it). */
export const demo = parse(readFileSync(DEMO_PATH, "utf8")) as DatasetInput;

/** Copy `i` of the demo commission (key `cvoe-copy-i`, acronym `Cnnn`), sharing the catalogues. */
export function demoCopy(i: number): DatasetInput {
  const acronym = `C${String(i).padStart(3, "0")}`;
  const renumber = (value: string | undefined) => value?.replace(/^CVOE\//, `${acronym}/`);
  const copy = structuredClone(demo);
  copy.commission = {
    ...copy.commission,
    key: `cvoe-copy-${i}`,
    acronym,
    name: `${copy.commission.name} (copia ${i})`,
  };
  copy.resolutions = copy.resolutions?.map((r) => ({ ...r, number: renumber(r.number) as string }));
  copy.sessions = copy.sessions?.map((s) => ({ ...s, minutesApprovedBy: renumber(s.minutesApprovedBy) }));
  copy.programmes = copy.programmes?.map((p) => ({
    ...p,
    approvedBy: renumber(p.approvedBy),
    ratifiedBy: renumber(p.ratifiedBy),
  }));
  return copy;
}

/**
 * One commission (copy `i` of the demo) with its activities, agreements and progress reports `factor` times: an
 * import that writes many rows in one transaction.
 */
export function largeCommission(i: number, factor: number): DatasetInput {
  const copy = demoCopy(i);
  const keys = new Set((demo.agreements ?? []).map((a) => a.key));
  const copyKey = (key: string, n: number) => (n === 1 ? key : `${key}-x${n}`);
  const times = <T>(rows: T[] | undefined, make: (row: T, n: number) => T) =>
    Array.from({ length: factor }, (_, k) => (rows ?? []).map((row) => make(row, k + 1))).flat();
  copy.agreements = times(demo.agreements, (a, n) => ({
    ...a,
    key: copyKey(a.key, n),
    parent: a.parent && keys.has(a.parent) ? copyKey(a.parent, n) : a.parent,
  }));
  copy.agreementProgress = times(demo.agreementProgress, (g, n) => ({
    ...g,
    agreement: copyKey(g.agreement, n),
  }));
  copy.activities = times(demo.activities, (a, n) => ({ ...a, key: copyKey(a.key, n) }));
  // The e-mail activities are campaigns' (decision 026): each campaign `factor` times, so activities grow alike.
  copy.outreachLists = demo.outreachLists?.map((l) => ({
    ...l,
    campaigns: times(l.campaigns, (c, n) => ({ ...c, key: c.key && copyKey(c.key, n) })),
  }));
  return copy;
}
