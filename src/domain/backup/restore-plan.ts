/**
 * In which order tables are filled so that every foreign key finds its row. A table comes after the tables it
 * refers to; a reference to itself (an agreement's parent agreement) or a cycle (a session's minutes approved by
 * a resolution adopted in a session) is broken by inserting the nullable columns of one foreign key empty and
 * setting them once every table is filled. A cycle made only of NOT NULL references cannot be restored.
 */

export type ForeignKey = {
  name: string;
  columns: string[];
  /** The referenced table, `schema.table`. */
  references: string;
  /** Whether every column of the key may be null, so it can be set after the insert. */
  isNullable: boolean;
};

export type TableShape = {
  /** `schema.table`. */
  name: string;
  /** Stored columns, generated ones left out, in table order. */
  columns: string[];
  primaryKey: string[];
  foreignKeys: ForeignKey[];
};

export type RestorePlan = {
  /** Table names in insertion order. */
  order: string[];
  /** Per table, the foreign keys inserted empty and set after every table is filled. */
  deferred: Map<string, ForeignKey[]>;
};

/** The insertion order of `tables`, deterministic (ties broken by name). */
export function planRestore(tables: readonly TableShape[]): RestorePlan {
  const byName = new Map(tables.map((table) => [table.name, table]));
  const deferred = new Map<string, ForeignKey[]>();
  const defer = (table: string, key: ForeignKey) => {
    const shape = byName.get(table) as TableShape;
    if (!key.isNullable)
      throw new Error(`Cannot restore ${table}: foreign key ${key.name} closes a cycle and is NOT NULL`);
    if (shape.primaryKey.length === 0)
      throw new Error(
        `Cannot restore ${table}: ${key.name} must be set later, and the table has no primary key`,
      );
    deferred.set(table, [...(deferred.get(table) ?? []), key]);
  };
  for (const table of tables)
    for (const key of table.foreignKeys) if (key.references === table.name) defer(table.name, key);

  const isDeferred = (table: string, key: ForeignKey) => deferred.get(table)?.includes(key) ?? false;
  const waitsFor = (table: TableShape, placed: Set<string>) =>
    table.foreignKeys.filter(
      (key) => byName.has(key.references) && !placed.has(key.references) && !isDeferred(table.name, key),
    );

  const order: string[] = [];
  const placed = new Set<string>();
  const names = [...byName.keys()].sort();
  while (placed.size < names.length) {
    const ready = names.filter(
      (name) => !placed.has(name) && waitsFor(byName.get(name) as TableShape, placed).length === 0,
    );
    if (ready.length > 0) {
      for (const name of ready) {
        order.push(name);
        placed.add(name);
      }
      continue;
    }
    // Stuck: every remaining table waits for another. Defer one nullable key that lies on a cycle.
    const candidate = names
      .filter((name) => !placed.has(name))
      .flatMap((name) => waitsFor(byName.get(name) as TableShape, placed).map((key) => ({ name, key })))
      .filter(({ name, key }) => key.isNullable && reaches(byName, placed, key.references, name, isDeferred))
      // Prefer the key whose deferral frees its table at once (fewer columns to set afterwards).
      .map((candidate) => ({
        ...candidate,
        rank: waitsFor(byName.get(candidate.name) as TableShape, placed).length === 1 ? 0 : 1,
      }))
      .sort(
        (a, b) => a.rank - b.rank || `${a.name} ${a.key.name}`.localeCompare(`${b.name} ${b.key.name}`),
      )[0];
    if (!candidate) {
      const left = names.filter((name) => !placed.has(name)).join(", ");
      throw new Error(`Cannot order tables for restore: a cycle of NOT NULL foreign keys among ${left}`);
    }
    defer(candidate.name, candidate.key);
  }
  return { order, deferred };
}

/** Whether `from` depends, through keys not deferred, on `to` (both still to be placed). */
function reaches(
  byName: Map<string, TableShape>,
  placed: Set<string>,
  from: string,
  to: string,
  isDeferred: (table: string, key: ForeignKey) => boolean,
): boolean {
  const seen = new Set<string>();
  const stack = [from];
  while (stack.length > 0) {
    const name = stack.pop() as string;
    if (name === to) return true;
    if (seen.has(name) || placed.has(name)) continue;
    seen.add(name);
    for (const key of byName.get(name)?.foreignKeys ?? [])
      if (!isDeferred(name, key) && key.references !== name) stack.push(key.references);
  }
  return false;
}

/** The columns a table's rows are first inserted with: all but those of its deferred keys. */
export function insertedColumns(table: TableShape, plan: RestorePlan, columns = table.columns): string[] {
  const later = new Set((plan.deferred.get(table.name) ?? []).flatMap((key) => key.columns));
  return columns.filter((column) => !later.has(column));
}

/** The columns set after every table is filled. */
export function deferredColumns(table: TableShape, plan: RestorePlan): string[] {
  return [...new Set((plan.deferred.get(table.name) ?? []).flatMap((key) => key.columns))];
}
