import { describe, expect, it } from "vitest";
import { insertedColumns, planRestore, type TableShape } from "./restore-plan.ts";

const table = (name: string, keys: [string, string, boolean][] = []): TableShape => ({
  name,
  columns: ["id", ...keys.map(([column]) => column)],
  primaryKey: ["id"],
  foreignKeys: keys.map(([column, references, isNullable]) => ({
    name: `${name}_${column}_fk`,
    columns: [column],
    references,
    isNullable,
  })),
});

describe("the order a restore fills tables in", () => {
  it("puts every table after those it refers to, and defers self-references and one key per cycle", () => {
    const plan = planRestore([
      table("public.resolutions", [
        ["session_id", "public.sessions", false],
        ["agenda_item_id", "public.agenda_items", true],
      ]),
      table("public.sessions", [
        ["commission_id", "public.commissions", false],
        ["minutes_approved_by", "public.resolutions", true],
      ]),
      table("public.agenda_items", [["session_id", "public.sessions", false]]),
      table("public.commissions"),
      table("public.agreements", [
        ["commission_id", "public.commissions", false],
        ["parent_id", "public.agreements", true],
      ]),
    ]);
    expect(plan.order).toEqual([
      "public.commissions",
      "public.agreements",
      "public.sessions",
      "public.agenda_items",
      "public.resolutions",
    ]);
    expect(
      [...plan.deferred.entries()].map(([name, keys]) => [name, keys.map((key) => key.columns[0])]),
    ).toEqual([
      ["public.agreements", ["parent_id"]],
      ["public.sessions", ["minutes_approved_by"]],
    ]);
    const sessions = table("public.sessions", [
      ["commission_id", "public.commissions", false],
      ["minutes_approved_by", "public.resolutions", true],
    ]);
    expect(insertedColumns(sessions, plan)).toEqual(["id", "commission_id"]);
  });

  it("cannot order a cycle of NOT NULL keys", () => {
    expect(() =>
      planRestore([
        table("public.a", [["b_id", "public.b", false]]),
        table("public.b", [["a_id", "public.a", false]]),
      ]),
    ).toThrow(/cycle of NOT NULL/);
  });
});
