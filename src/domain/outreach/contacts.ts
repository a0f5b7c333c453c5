/**
 * Contacts of a list: read (each read by a person is logged), create with their consent, change status,
 * rectify, add consents. Personal data: «contacts.read» / «contacts.write» in the list's commission.
 */
import { and, asc, count, desc, eq, ilike, or, sql } from "drizzle-orm";
import { contactConsents, contacts } from "../../platform/db/schema.ts";
import { inTransaction, type UseCaseContext } from "../shared/context.ts";
import { AppError, notFound } from "../shared/errors.ts";
import { ZUuid } from "../shared/primitives.ts";
import { guardDb, parseInput } from "../shared/resource.ts";
import { normalizeEmail } from "./contact-fields.ts";
import { type ContactRow, insertContacts, logListRead } from "./contacts.repository.ts";
import { listInScope } from "./lists.ts";
import {
  ZConsentInput,
  ZContactCreate,
  ZContactFilters,
  ZContactRectify,
  ZContactStatusChange,
} from "./outreach.schema.ts";

const LABEL = { label: "el contacto" };

/** A contact as the API shows it: without its unsubscribe token (a capability, sent only in messages). */
export type ContactView = Omit<ContactRow, "unsubscribeToken">;
const view = ({ unsubscribeToken: _token, ...contact }: ContactRow): ContactView => contact;

/** One page of a list's contacts, filtered; the read is logged in the same transaction. */
export async function listContacts(ctx: UseCaseContext, listId: string, rawFilters: unknown) {
  const filters = parseInput(ZContactFilters, rawFilters);
  return inTransaction(ctx, async (tx) => {
    await listInScope(ctx, listId, "contacts.read", tx);
    const pattern = filters.q ? `%${filters.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : undefined;
    const where = and(
      eq(contacts.listId, listId),
      filters.status ? eq(contacts.status, filters.status) : undefined,
      filters.country ? eq(contacts.country, filters.country.toUpperCase()) : undefined,
      filters.tag ? sql`${contacts.tags} @> ${JSON.stringify([filters.tag])}::jsonb` : undefined,
      pattern ? or(ilike(contacts.name, pattern), ilike(contacts.normalizedEmail, pattern)) : undefined,
    );
    const [rows, [total]] = await Promise.all([
      tx
        .select()
        .from(contacts)
        .where(where)
        .orderBy(asc(contacts.normalizedEmail))
        .limit(filters.limit)
        .offset(filters.offset),
      tx.select({ value: count() }).from(contacts).where(where),
    ]);
    const { limit, offset, ...asked } = filters;
    await logListRead(tx, ctx, {
      listId,
      purpose: "contacts",
      filters: { ...asked, limit, offset },
      rowCount: rows.length,
    });
    return { items: rows.map(view), total: total?.value ?? 0, limit, offset };
  });
}

/** Adds one contact with its consent (a contact is never stored without one). */
export async function createContact(ctx: UseCaseContext, listId: string, raw: unknown): Promise<ContactView> {
  const input = parseInput(ZContactCreate, raw);
  return inTransaction(ctx, async (tx) => {
    const list = await listInScope(ctx, listId, "contacts.write", tx);
    const [id] = await guardDb(LABEL, () =>
      insertContacts(tx, listId, [
        {
          name: input.name ?? null,
          email: input.email,
          normalizedEmail: normalizeEmail(input.email),
          country: input.country ?? null,
          city: input.city ?? null,
          language: input.language ?? null,
          tags: input.tags,
          consent: {
            givenOn: input.consent.givenOn,
            source: input.consent.source,
            privacyNoticeVersion: input.consent.privacyNoticeVersion ?? list.privacyNoticeVersion,
            purposes: input.consent.purposes ?? [list.purpose],
          },
        },
      ]),
    ).catch((error) => {
      if (error instanceof AppError && error.code === "conflict")
        throw new AppError("conflict", `El correo «${input.email}» ya está en la lista.`);
      throw error;
    });
    return view(await contactById(tx, id as string));
  });
}

async function contactById(db: UseCaseContext["db"], contactId: string): Promise<ContactRow> {
  if (!ZUuid.safeParse(contactId).success) throw notFound("el contacto", contactId);
  const [row] = await db.select().from(contacts).where(eq(contacts.id, contactId));
  if (!row) throw notFound("el contacto", contactId);
  return row;
}

/** The contact, after checking `permission` in its list's commission. */
async function contactInScope(
  ctx: UseCaseContext,
  db: UseCaseContext["db"],
  contactId: string,
  permission: "contacts.read" | "contacts.write",
): Promise<ContactRow> {
  const contact = await contactById(db, contactId);
  await listInScope(ctx, contact.listId, permission, db);
  return contact;
}

/** Subscribed, unsubscribed, bounced or blocked; the time of the change is kept. */
export async function changeContactStatus(ctx: UseCaseContext, contactId: string, raw: unknown) {
  const { status } = parseInput(ZContactStatusChange, raw);
  return inTransaction(ctx, async (tx) => {
    const contact = await contactInScope(ctx, tx, contactId, "contacts.write");
    if (contact.status === status) return view(contact);
    const [row] = await tx
      .update(contacts)
      .set({ status, statusChangedAt: new Date(), updatedAt: new Date() })
      .where(eq(contacts.id, contactId))
      .returning();
    return view(row as ContactRow);
  });
}

/** Rectification of the person's data (ARCO «R»). */
export async function rectifyContact(ctx: UseCaseContext, contactId: string, raw: unknown) {
  const input = parseInput(ZContactRectify, raw);
  return inTransaction(ctx, async (tx) => {
    await contactInScope(ctx, tx, contactId, "contacts.write");
    const changes = {
      ...input,
      ...(input.email ? { normalizedEmail: normalizeEmail(input.email) } : {}),
      updatedAt: new Date(),
    };
    const [row] = await guardDb(LABEL, () =>
      tx.update(contacts).set(changes).where(eq(contacts.id, contactId)).returning(),
    ).catch((error) => {
      if (error instanceof AppError && error.code === "conflict")
        throw new AppError("conflict", `El correo «${input.email}» ya está en la lista.`);
      throw error;
    });
    return view(row as ContactRow);
  });
}

/** Records a new consent (a renewal, a new notice version, a new purpose). */
export async function addConsent(ctx: UseCaseContext, contactId: string, raw: unknown) {
  const input = parseInput(ZConsentInput, raw);
  return inTransaction(ctx, async (tx) => {
    const contact = await contactInScope(ctx, tx, contactId, "contacts.write");
    const list = await listInScope(ctx, contact.listId, "contacts.write", tx);
    const [row] = await tx
      .insert(contactConsents)
      .values({
        contactId,
        givenOn: input.givenOn,
        source: input.source,
        privacyNoticeVersion: input.privacyNoticeVersion ?? list.privacyNoticeVersion,
        purposes: input.purposes ?? [list.purpose],
      })
      .returning();
    return row;
  });
}

/** A contact with its consents, newest first; logged as a read of its list. */
export async function getContact(ctx: UseCaseContext, contactId: string) {
  return inTransaction(ctx, async (tx) => {
    const contact = await contactInScope(ctx, tx, contactId, "contacts.read");
    const consents = await tx
      .select()
      .from(contactConsents)
      .where(eq(contactConsents.contactId, contactId))
      .orderBy(desc(contactConsents.givenOn));
    await logListRead(tx, ctx, {
      listId: contact.listId,
      purpose: "contact",
      filters: { contactId },
      rowCount: 1,
    });
    return { ...view(contact), consents };
  });
}
