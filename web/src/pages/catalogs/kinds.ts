/**
 * The five catalogues as data: each one's address, API collection, list columns and form fields, so one list page
 * and one record page serve them all.
 */
import type { MessageKey, Translate } from "../../i18n/i18n.ts";

export type CatalogRow = Record<string, unknown> & { id: string; name: string; key: string };

export type FieldType = "text" | "textarea" | "aliases" | "number" | "select" | "parent";

export type Field = {
  name: string;
  label: MessageKey;
  type: FieldType;
  help?: MessageKey;
  required?: boolean;
  /** For selects: the values and the prefix of their catalogue keys. */
  options?: readonly string[];
  optionLabel?: (value: string, t: Translate) => string;
  /** Only when creating (the catalogue of a value). */
  createOnly?: boolean;
};

export type Column = { label: MessageKey; value: (row: CatalogRow, t: Translate) => string };

export type CatalogKind = {
  /** The address segment: /catalogos/personas. */
  segment: string;
  /** The API collection: /people. */
  api: string;
  /** The database table, as the audit trail names it. */
  table: string;
  /** The record type of records.ts, findings and search. */
  type: "person" | "organisation" | "area" | "party" | "catalog_entry";
  title: MessageKey;
  newLabel: MessageKey;
  columns: Column[];
  fields: Field[];
  /** The checks' code for near-duplicates of this kind, and whether it can be merged. */
  duplicateCode?: string;
  canMerge?: boolean;
  /** The text a filter looks in. */
  haystack: (row: CatalogRow) => string;
};

const SECTORS = ["public", "private", "social", "academic", "international"] as const;
const AREA_KINDS = [
  "presidency",
  "executive_secretariat",
  "administrative_secretariat",
  "executive_direction",
  "technical_unit",
  "internal_control",
  "other",
] as const;
export const CATALOG_NAMES = ["activity_kind", "agreement_type"] as const;

const text = (value: unknown) => (typeof value === "string" && value ? value : "—");
const list = (value: unknown) => (Array.isArray(value) && value.length > 0 ? value.join("; ") : "—");
const words = (row: CatalogRow, ...names: string[]) =>
  names
    .flatMap((name) => {
      const value = row[name];
      return Array.isArray(value) ? value : [value];
    })
    .filter((value) => typeof value === "string")
    .join(" ");

const KEY: Field = {
  name: "key",
  label: "catalogs.field.key",
  type: "text",
  help: "catalogs.field.keyHelp",
  required: true,
};
const NAME: Field = { name: "name", label: "catalogs.field.name", type: "text", required: true };
const ACRONYM: Field = { name: "acronym", label: "catalogs.field.acronym", type: "text" };
const ALIASES: Field = {
  name: "aliases",
  label: "catalogs.field.aliases",
  type: "aliases",
  help: "catalogs.field.aliasesHelp",
};
const POSITION: Field = { name: "position", label: "catalogs.field.position", type: "number" };

export const CATALOG_KINDS: CatalogKind[] = [
  {
    segment: "personas",
    api: "/people",
    table: "people",
    type: "person",
    title: "catalogs.kind.people",
    newLabel: "catalogs.new.people",
    columns: [
      { label: "catalogs.column.name", value: (row) => row.name },
      { label: "catalogs.column.honorific", value: (row) => text(row.honorific) },
      { label: "catalogs.column.aliases", value: (row) => list(row.aliases) },
    ],
    fields: [
      NAME,
      {
        name: "honorific",
        label: "catalogs.field.honorific",
        type: "text",
        help: "catalogs.field.honorificHelp",
      },
      KEY,
      ALIASES,
    ],
    duplicateCode: "near_duplicate_person",
    canMerge: true,
    haystack: (row) => words(row, "name", "honorific", "aliases", "key"),
  },
  {
    segment: "organizaciones",
    api: "/organisations",
    table: "organisations",
    type: "organisation",
    title: "catalogs.kind.organisations",
    newLabel: "catalogs.new.organisations",
    columns: [
      { label: "catalogs.column.name", value: (row) => row.name },
      { label: "catalogs.column.acronym", value: (row) => text(row.acronym) },
      {
        label: "catalogs.column.sector",
        value: (row, t) => (row.sector ? t(`catalogs.sector.${row.sector}` as MessageKey) : "—"),
      },
      { label: "catalogs.column.aliases", value: (row) => list(row.aliases) },
    ],
    fields: [
      NAME,
      ACRONYM,
      KEY,
      { name: "kind", label: "catalogs.field.kind", type: "text", help: "catalogs.field.orgKindHelp" },
      {
        name: "sector",
        label: "catalogs.field.sector",
        type: "select",
        options: SECTORS,
        optionLabel: (value, t) => t(`catalogs.sector.${value}` as MessageKey),
      },
      { name: "country", label: "catalogs.field.country", type: "text" },
      { name: "parentId", label: "catalogs.field.parent", type: "parent" },
      ALIASES,
    ],
    duplicateCode: "near_duplicate_organisation",
    canMerge: true,
    haystack: (row) => words(row, "name", "acronym", "aliases", "key"),
  },
  {
    segment: "areas",
    api: "/areas",
    table: "areas",
    type: "area",
    title: "catalogs.kind.areas",
    newLabel: "catalogs.new.areas",
    columns: [
      { label: "catalogs.column.name", value: (row) => row.name },
      { label: "catalogs.column.acronym", value: (row) => text(row.acronym) },
      { label: "catalogs.column.kind", value: (row, t) => t(`catalogs.areaKind.${row.kind}` as MessageKey) },
    ],
    fields: [
      NAME,
      ACRONYM,
      KEY,
      {
        name: "kind",
        label: "catalogs.field.kind",
        type: "select",
        required: true,
        options: AREA_KINDS,
        optionLabel: (value, t) => t(`catalogs.areaKind.${value}` as MessageKey),
      },
      ALIASES,
    ],
    duplicateCode: "near_duplicate_area",
    haystack: (row) => words(row, "name", "acronym", "aliases", "key"),
  },
  {
    segment: "partidos",
    api: "/parties",
    table: "parties",
    type: "party",
    title: "catalogs.kind.parties",
    newLabel: "catalogs.new.parties",
    columns: [
      { label: "catalogs.column.position", value: (row) => String(row.position ?? "") },
      { label: "catalogs.column.name", value: (row) => row.name },
      { label: "catalogs.column.acronym", value: (row) => text(row.acronym) },
    ],
    fields: [NAME, ACRONYM, KEY, POSITION],
    haystack: (row) => words(row, "name", "acronym", "key"),
  },
  {
    segment: "valores",
    api: "/catalog-entries",
    table: "catalog_entries",
    type: "catalog_entry",
    title: "catalogs.kind.values",
    newLabel: "catalogs.new.values",
    columns: [
      {
        label: "catalogs.column.catalog",
        value: (row, t) => t(`catalogs.catalog.${row.catalog}` as MessageKey),
      },
      { label: "catalogs.column.name", value: (row) => row.name },
      { label: "catalogs.column.key", value: (row) => row.key },
    ],
    fields: [
      {
        name: "catalog",
        label: "catalogs.field.catalog",
        type: "select",
        required: true,
        options: CATALOG_NAMES,
        optionLabel: (value, t) => t(`catalogs.catalog.${value}` as MessageKey),
        createOnly: true,
      },
      NAME,
      KEY,
      { name: "description", label: "catalogs.field.description", type: "textarea" },
      POSITION,
    ],
    haystack: (row) => words(row, "name", "key", "description"),
  },
];

export const kindBySegment = (segment: string | undefined) =>
  CATALOG_KINDS.find((kind) => kind.segment === segment);

/** Lowercase without accents: «Vinculación» and «vinculacion» compare equal. */
export const fold = (value: string) =>
  value
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .toLowerCase();

/** The react-query key of a catalogue's full list. */
export const listKey = (kind: CatalogKind) => ["catalogs", kind.api] as const;
