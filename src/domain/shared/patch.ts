/**
 * Helpers for PATCH schemas and partial updates. `z.object(…).partial()` keeps field defaults, so a PATCH that
 * omits `areas` would parse as `areas: []` and wipe the stored list; `patchOf` drops the defaults instead.
 */
import { z } from "zod";

type Row = Record<string, unknown>;

function withoutDefault(schema: z.ZodType): z.ZodType {
  if (schema instanceof z.ZodDefault || schema instanceof z.ZodPrefault)
    return withoutDefault(schema.unwrap() as z.ZodType);
  return schema;
}

/** Every field of `schema` optional and without its default (object-level refinements are dropped). */
export function patchOf(schema: z.ZodObject): z.ZodObject {
  const shape: Record<string, z.ZodType> = {};
  for (const [name, field] of Object.entries(schema.shape)) {
    const inner = withoutDefault(field as z.ZodType);
    shape[name] = inner instanceof z.ZodOptional ? inner : inner.optional();
  }
  return z.object(shape);
}

/** The record as it will be after a change: stored values overridden by the ones sent (`null` clears). */
export function mergedRecord(input: Row, existing: Row | undefined): Row {
  const out: Row = { ...existing };
  for (const [name, value] of Object.entries(input)) if (value !== undefined) out[name] = value;
  return out;
}

/** Only the given columns of `input` (children and derived inputs stay out of the row). */
export function pickColumns(input: Row, columns: ReadonlyArray<string>): Row {
  const out: Row = {};
  for (const name of columns) if (name in input) out[name] = input[name];
  return out;
}

/** Reports each element after its first occurrence as a duplicate (for `superRefine`). */
export function duplicateIssues<T>(
  values: ReadonlyArray<T>,
  path: (index: number) => PropertyKey[],
  message: string,
): { code: "custom"; path: PropertyKey[]; message: string }[] {
  const seen = new Set<T>();
  const issues: { code: "custom"; path: PropertyKey[]; message: string }[] = [];
  values.forEach((value, index) => {
    if (seen.has(value)) issues.push({ code: "custom", path: path(index), message });
    seen.add(value);
  });
  return issues;
}

/** A list without repeated elements (ids, dates), in order. */
export const zDistinctList = (element: z.ZodType<string>, duplicateMessage: string) =>
  z.array(element).superRefine((list, ctx) => {
    for (const issue of duplicateIssues(list, (i) => [i], duplicateMessage)) ctx.addIssue(issue);
  });
