/**
 * For tests/hostile-input.test.ts: generators of hostile requests (fast-check), and a watch on the database that
 * says whether a request changed anything.
 *
 * The watch: a row-level trigger on every table counts committed changes in `hostile_watch` (a change rolled back
 * rolls its count back too), so one `select` after a request tells whether it changed data; an update that leaves
 * a row as it was does not count. A digest of every table (md5 of its rows as jsonb, in order) checks the watch
 * itself, and the audit trail's head hash is part of it when the audit tables exist.
 */
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import fc from "fast-check";
import type { Db } from "../../src/platform/db/open.ts";

/**
 * What a refused request changes by design: a token's last use, an account's failed sign-ins (the columns
 * ignored below) and their entries in the audit trail (actor «sign-in:…»). The trail's head follows its entries.
 * And what a GET writes by design: the log of every read of a list's contacts (issue 6, decision 022), a table
 * of its own with its audit entries, left out of the watch and the digest; src/domain/outreach/outreach.test.ts
 * checks that a refused read logs nothing.
 */
export const EXPECTED_CHANGES: Record<string, string[]> = {
  api_tokens: ["last_used_at"],
  accounts: ["failed_sign_ins", "locked_until"],
};
const READ_LOGS = ["contact_list_reads"];
/** The audit entries expected as above, of the row `prefix` names («new.» in a trigger, «» in a query). */
const auditEntriesExpected = (prefix = "") =>
  `(${prefix}actor like 'sign-in:%' or ${prefix}table_name in (${READ_LOGS.map((t) => `'${t}'`).join(", ")}))`;
const DERIVED_TABLES = ["audit_head"];

async function rows<T>(db: Db, query: ReturnType<typeof sql>): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows?: T[] } | T[];
  return Array.isArray(result) ? result : (result.rows ?? []);
}

export async function userTables(db: Db): Promise<string[]> {
  const tables = await rows<{ name: string }>(
    db,
    sql`select table_name as name from information_schema.tables
        where table_schema = 'public' and table_type = 'BASE TABLE' and table_name <> 'hostile_watch'
        order by table_name`,
  );
  return tables
    .map((t) => t.name)
    .filter((name) => !DERIVED_TABLES.includes(name) && !READ_LOGS.includes(name));
}

/** Installs the counting triggers (in this test's own database only). */
export async function installWatch(db: Db): Promise<void> {
  await db.execute(sql.raw("create table hostile_watch (changes bigint not null)"));
  await db.execute(sql.raw("insert into hostile_watch values (0)"));
  await db.execute(
    sql.raw(`create function hostile_count() returns trigger language plpgsql as $$
      begin update hostile_watch set changes = changes + 1; return null; end $$`),
  );
  for (const table of await userTables(db)) {
    const ignored = (EXPECTED_CHANGES[table] ?? []).map((c) => `'${c}'`).join(", ");
    const minus = ignored ? ` - array[${ignored}]::text[]` : "";
    const expected = table === "audit_log" ? ` when (not ${auditEntriesExpected("new.")})` : "";
    await db.execute(
      sql.raw(`create trigger hostile_watch_insert after insert on "${table}"
               for each row${expected} execute function hostile_count()`),
    );
    await db.execute(
      sql.raw(`create trigger hostile_watch_delete after delete on "${table}"
               for each row execute function hostile_count()`),
    );
    await db.execute(
      sql.raw(`create trigger hostile_watch_update after update on "${table}" for each row
               when ((to_jsonb(old)${minus}) is distinct from (to_jsonb(new)${minus}))
               execute function hostile_count()`),
    );
    await db.execute(
      sql.raw(`create trigger hostile_watch_truncate after truncate on "${table}"
               for each statement execute function hostile_count()`),
    );
  }
}

/** How many changes have been committed since the watch was installed. */
export async function changeCount(db: Db): Promise<number> {
  const [row] = await rows<{ changes: string | number }>(db, sql`select changes from hostile_watch`);
  return Number(row?.changes ?? 0);
}

/** md5 of every table's rows (less the expected changes), and the audit trail's head when it exists. */
export async function databaseDigest(db: Db, tables: string[]): Promise<string> {
  const parts = tables.map((table) => {
    const ignored = (EXPECTED_CHANGES[table] ?? []).map((c) => `'${c}'`).join(", ");
    const minus = ignored ? ` - array[${ignored}]::text[]` : "";
    return `select '${table}:' || coalesce(md5(string_agg(r, '|' order by r)), '-') as d
            from (select (to_jsonb(t)${minus})::text as r from "${table}" t${table === "audit_log" ? ` where not ${auditEntriesExpected()}` : ""}) s`;
  });
  const digests = await rows<{ d: string }>(db, sql.raw(parts.join(" union all ")));
  return digests
    .map((d) => d.d)
    .sort()
    .join(" ");
}

/** The seal of the audit trail's last entry, failed sign-ins aside; undefined without an audit trail. */
export async function auditHead(db: Db, tables: string[]): Promise<string | undefined> {
  if (!tables.includes("audit_log")) return undefined;
  const [row] = await rows<{ hash: string }>(
    db,
    sql.raw(`select hash from audit_log where not ${auditEntriesExpected()} order by id desc limit 1`),
  );
  return row?.hash ?? "(empty)";
}

// ---------------------------------------------------------------------------------------------------------------
// Hostile values

const HUGE = "x".repeat(1_000_000);
const JUST_TOO_LONG = "é".repeat(100_001);
const AT_THE_LIMIT = "a".repeat(100_000);

export const HOSTILE_STRINGS = [
  "",
  " ",
  "'; drop table sessions; --",
  '" or 1=1 --',
  "1' union select password_hash from accounts --",
  "%",
  "_",
  "\\",
  "$1",
  "E'\\x00'",
  "<script>alert(1)</script>",
  '"><img src=x onerror=alert(1)>',
  '#set page(header: "x")',
  '#import "/etc/passwd"',
  "{{constructor.constructor('return process')()}}",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template-injection probe, literally.
  "${7*7}",
  "]]><!--",
  "=cmd|' /C calc'!A0",
  "@SUM(1+1)",
  "\u0000",
  "a\u0000b",
  "\u0001\u0002\u001b[31m",
  "\r\n\r\nX-Injected: 1",
  "\u2028\u2029",
  "\u202e\u200b\ufeff",
  "\ud800",
  "a\udfffb",
  "😀".repeat(3),
  "2021-02-29",
  "2021-13-01",
  "2021-00-10",
  "0000-01-01",
  "9999-12-31",
  "2021-1-1",
  "2021-02-30T25:61:00Z",
  "-000001-01-01",
  "2021-Q5",
  "2021-Q0",
  "99:99",
  "24:00",
  "NaN",
  "Infinity",
  "-1",
  "1e309",
  "0x10",
  "null",
  "undefined",
  "true",
  "[]",
  "{}",
  "../../../etc/passwd",
  "..%2f..%2fetc%2fpasswd",
  "00000000-0000-0000-0000-000000000000",
  "CVOE",
  "cvoe",
  "__proto__",
  "constructor",
  HUGE,
  JUST_TOO_LONG,
  AT_THE_LIMIT,
];

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 40 }) },
  { weight: 1, arbitrary: fc.uuid() },
  {
    weight: 1,
    arbitrary: fc
      .tuple(
        fc.constantFrom(...HOSTILE_STRINGS.slice(0, 50)),
        fc.constantFrom(...HOSTILE_STRINGS.slice(0, 50)),
      )
      .map(([a, b]) => a + b),
  },
);

export const hostileNumber: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(
    -1,
    0,
    -0,
    1.5,
    2 ** 31,
    2 ** 31 - 1,
    -(2 ** 31) - 1,
    2 ** 53,
    -(2 ** 53),
    1e308,
    -1e308,
    5e-324,
  ),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

const PROTOTYPE_KEYS = ["__proto__", "constructor", "prototype", "toString", "hasOwnProperty", "valueOf"];

/** Any JSON value, small but hostile; objects may have prototype-polluting and unknown keys. */
export const hostileJson: fc.Arbitrary<unknown> = fc.letrec<{
  value: unknown;
  object: Record<string, unknown>;
}>((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    hostileString,
    hostileNumber,
    fc.boolean(),
    fc.constant(null),
    fc.array(tie("value"), { maxLength: 4 }),
    tie("object"),
  ),
  object: fc
    .array(
      fc.tuple(fc.oneof(fc.constantFrom(...PROTOTYPE_KEYS), fc.string({ maxLength: 8 })), tie("value")),
      {
        maxLength: 4,
      },
    )
    .map(ownObject),
})).value;

/** An object with these own keys, `__proto__` included, without touching any prototype. */
export function ownObject(entries: [string, unknown][]): Record<string, unknown> {
  const object: Record<string, unknown> = {};
  for (const [key, value] of entries)
    Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
  return object;
}

// ---------------------------------------------------------------------------------------------------------------
// Plausible values from the OpenAPI document, so that some requests get past validation to the use cases

export type JsonSchema = {
  $ref?: string;
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  minimum?: number;
  maximum?: number;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  default?: unknown;
  examples?: unknown[];
  example?: unknown;
};

/** Ids of real records by the name of the field or parameter that holds them. */
export type IdPools = { byField(name: string): string[]; any: string[] };

const DATES = ["2021-01-21", "2021-02-25", "2021-03-25", "2021-03-31", "2020-12-31", "2021-07-01"];

export function plausible(
  schema: JsonSchema | undefined,
  name: string,
  pools: IdPools,
  resolve: (ref: string) => JsonSchema,
  depth = 0,
): fc.Arbitrary<unknown> {
  if (!schema || depth > 5) return fc.constant(null);
  if (schema.$ref) return plausible(resolve(schema.$ref), name, pools, resolve, depth + 1);
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives && alternatives.length > 0)
    return fc.oneof(...alternatives.map((s) => plausible(s, name, pools, resolve, depth + 1)));
  if (schema.allOf?.[0]) return plausible(schema.allOf[0], name, pools, resolve, depth + 1);
  if (schema.enum && schema.enum.length > 0) return fc.constantFrom(...schema.enum);
  if (schema.const !== undefined) return fc.constant(schema.const);
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== "null") : schema.type;
  switch (type) {
    case "string": {
      if (schema.format === "uuid") {
        const ids = pools.byField(name);
        return ids.length > 0 ? fc.oneof(fc.constantFrom(...ids), fc.uuid()) : fc.uuid();
      }
      if (schema.format === "date") return fc.constantFrom(...DATES);
      if (schema.format === "date-time")
        return fc.constantFrom("2021-03-25T11:00:00.000Z", "2021-01-01T00:00:00Z");
      const examples = [schema.example, ...(schema.examples ?? []), schema.default].filter(
        (e) => typeof e === "string",
      );
      if (schema.pattern)
        return fc.oneof(
          {
            weight: 4,
            arbitrary: fc
              .stringMatching(new RegExp(schema.pattern))
              .filter((v) => v.length <= (schema.maxLength ?? 60)),
          },
          { weight: 1, arbitrary: fc.constantFrom("x", ...examples) },
        );
      const keyLike = /key|username/i.test(name) ? [`hostil-${randomUUID().slice(0, 8)}`, "cvoe"] : [];
      const periodLike = /period/i.test(name) ? ["2021-Q1", "2021"] : [];
      const timeLike = /time|start|end/i.test(name) ? ["11:00"] : [];
      const text = fc.constantFrom(
        ...examples,
        ...keyLike,
        ...periodLike,
        ...timeLike,
        "Texto de prueba",
        "x",
      );
      // A string without a bound gets long ones too: at the HTTP layer's limit, and just over it.
      return schema.maxLength === undefined
        ? fc.oneof({ weight: 3, arbitrary: text }, fc.constantFrom(AT_THE_LIMIT, JUST_TOO_LONG))
        : text;
    }
    case "integer":
    case "number": {
      const min = Math.ceil(Math.max(schema.minimum ?? -3, -1_000_000));
      const max = Math.floor(Math.min(schema.maximum ?? 12, 1_000_000));
      const small = fc.integer({ min: Math.min(min, max), max: Math.max(min, max) });
      // A number without a bound is where a database column overflows: try beyond 32 and 53 bits.
      const beyond = [
        ...(schema.maximum === undefined ? [2 ** 31 - 1, 2 ** 31, 2 ** 53 - 1] : []),
        ...(schema.minimum === undefined ? [-(2 ** 31) - 1, -(2 ** 53) + 1] : []),
      ];
      return beyond.length > 0 ? fc.oneof(small, fc.constantFrom(...beyond)) : small;
    }
    case "boolean":
      return fc.boolean();
    case "array":
      return fc.array(plausible(schema.items, name.replace(/s$/, ""), pools, resolve, depth + 1), {
        maxLength: 3,
      });
    case "object": {
      const properties = Object.entries(schema.properties ?? {});
      const required = new Set(schema.required ?? []);
      return fc
        .tuple(
          ...properties.map(([key, property]) =>
            fc.tuple(
              fc.constant(key),
              required.has(key) ? fc.constant(true) : fc.boolean(),
              plausible(property, key, pools, resolve, depth + 1),
            ),
          ),
        )
        .map((fields) =>
          Object.fromEntries(fields.filter(([, keep]) => keep).map(([key, , value]) => [key, value])),
        );
    }
    default:
      return hostileJson;
  }
}

/** A value for a field that is hostile to what such fields usually hold: numbers and strings above all. */
const hostileField: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: hostileNumber },
  { weight: 3, arbitrary: hostileString },
  { weight: 2, arbitrary: hostileJson },
);

/** A plausible object with some of its fields (or new ones) replaced by hostile values. */
export function mutated(base: fc.Arbitrary<unknown>, fieldNames: string[]): fc.Arbitrary<unknown> {
  const names = fieldNames.length > 0 ? fieldNames : ["x"];
  return fc
    .tuple(
      base,
      fc.array(
        fc.tuple(
          fc.oneof(
            { weight: 6, arbitrary: fc.constantFrom(...names) },
            { weight: 1, arbitrary: fc.constantFrom(...PROTOTYPE_KEYS) },
            { weight: 1, arbitrary: fc.string({ maxLength: 6 }) },
          ),
          hostileField,
        ),
        { minLength: 1, maxLength: 2 },
      ),
    )
    .map(([object, replacements]) => {
      const entries = Object.entries(object !== null && typeof object === "object" ? object : {});
      const replaced = new Map(entries);
      for (const [key, value] of replacements) replaced.set(key, value);
      return ownObject([...replaced.entries()]);
    });
}
