import { sql } from 'kysely';
import type { Db } from '../db/engine.js';
import type { Cursor } from '../http/cursor.js';

export type Lifecycle = 'lead' | 'client';

export interface Contact {
  id: string;
  email: string;
  name: string;
  phone: string | null;
  dateOfBirth: string | null;
  notes: string;
  locale: 'uk' | 'en';
  lifecycle: Lifecycle;
  tags: string[];
  createdAt: Date;
  updatedAt: Date;
}

const columns = ['id', 'email', 'name', 'phone', 'date_of_birth', 'notes', 'locale', 'lifecycle', 'created_at', 'updated_at'] as const;

type ContactRow = {
  id: string;
  email: string;
  name: string;
  phone: string | null;
  date_of_birth: string | null;
  notes: string;
  locale: string;
  lifecycle: string;
  created_at: Date;
  updated_at: Date;
};

function toContact(row: ContactRow, tags: string[]): Contact {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    phone: row.phone,
    dateOfBirth: row.date_of_birth,
    notes: row.notes,
    locale: row.locale as Contact['locale'],
    lifecycle: row.lifecycle as Lifecycle,
    tags,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

async function tagsOf(db: Db, ids: string[]): Promise<Map<string, string[]>> {
  const byContact = new Map<string, string[]>(ids.map((id) => [id, []]));
  if (ids.length === 0) return byContact;
  const rows = await db.selectFrom('contact_tags').select(['contact_id', 'tag']).where('contact_id', 'in', ids).orderBy('tag').execute();
  for (const row of rows) byContact.get(row.contact_id)?.push(row.tag);
  return byContact;
}

/** A contact with its tags in one statement (a returning visitor's booking reads one): no second read for the tags. */
function contactWithTags(db: Db) {
  return db
    .selectFrom('contacts')
    .select(columns)
    .select(sql<string[]>`(SELECT coalesce(json_agg(t.tag ORDER BY t.tag), '[]') FROM contact_tags t WHERE t.contact_id = contacts.id)`.as('tags'));
}

export async function findContactById(db: Db, id: string): Promise<Contact | null> {
  const row = await contactWithTags(db).where('id', '=', id).executeTakeFirst();
  return row ? toContact(row, row.tags) : null;
}

export async function findContactByEmail(db: Db, email: string): Promise<Contact | null> {
  const row = await contactWithTags(db).where(sql`lower(email)`, '=', email.toLowerCase()).executeTakeFirst();
  return row ? toContact(row, row.tags) : null;
}

/**
 * One contact per e-mail address: returns the existing one (case-insensitively) or creates it.
 * Safe under concurrency: the unique index decides, and the loser reads the winner's row.
 */
export async function findOrCreateContact(
  db: Db,
  input: { email: string; name: string; phone: string | null; locale: 'uk' | 'en'; now: Date },
): Promise<{ contact: Contact; created: boolean }> {
  const inserted = await db
    .insertInto('contacts')
    .values({ email: input.email, name: input.name, phone: input.phone, locale: input.locale, created_at: input.now, updated_at: input.now })
    .onConflict((oc) => oc.expression(sql`lower(email)`).doNothing())
    .returning(columns)
    .executeTakeFirst();
  if (inserted) return { contact: toContact(inserted, []), created: true };
  const existing = await findContactByEmail(db, input.email);
  if (!existing) throw new Error(`contact ${input.email} vanished between insert and read`);
  return { contact: existing, created: false };
}

export interface ContactChanges {
  name?: string;
  email?: string;
  phone?: string | null;
  dateOfBirth?: string | null;
  notes?: string;
  locale?: 'uk' | 'en';
  lifecycle?: Lifecycle;
}

export async function updateContact(db: Db, id: string, changes: ContactChanges, now: Date): Promise<void> {
  await db
    .updateTable('contacts')
    .set({
      ...(changes.name !== undefined ? { name: changes.name } : {}),
      ...(changes.email !== undefined ? { email: changes.email } : {}),
      ...(changes.phone !== undefined ? { phone: changes.phone } : {}),
      ...(changes.dateOfBirth !== undefined ? { date_of_birth: changes.dateOfBirth } : {}),
      ...(changes.notes !== undefined ? { notes: changes.notes } : {}),
      ...(changes.locale !== undefined ? { locale: changes.locale } : {}),
      ...(changes.lifecycle !== undefined ? { lifecycle: changes.lifecycle } : {}),
      updated_at: now,
    })
    .where('id', '=', id)
    .execute();
}

export async function replaceTags(db: Db, contactId: string, tags: string[]): Promise<void> {
  await db.deleteFrom('contact_tags').where('contact_id', '=', contactId).execute();
  if (tags.length > 0) {
    await db.insertInto('contact_tags').values(tags.map((tag) => ({ contact_id: contactId, tag }))).execute();
  }
}

/** Contacts newest first, optionally matching `q` in the name, e-mail or phone. */
export async function searchContacts(db: Db, options: { q?: string; after: Cursor | null; limit: number }): Promise<Contact[]> {
  let query = db.selectFrom('contacts').select(columns);
  const q = options.q?.trim().toLowerCase();
  if (q) {
    const pattern = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const digits = q.replace(/\D/g, '');
    query = query.where((eb) =>
      eb.or([
        eb(sql`lower(name)`, 'like', pattern),
        eb(sql`lower(email)`, 'like', pattern),
        ...(digits.length >= 3 ? [eb(sql`regexp_replace(coalesce(phone, ''), '\\D', '', 'g')`, 'like', `%${digits}%`)] : []),
      ]),
    );
  }
  if (options.after) {
    const after = options.after;
    query = query.where(sql<boolean>`(created_at, id) < (${after.key}::timestamptz, ${after.id}::uuid)`);
  }
  const rows = await query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(options.limit).execute();
  const tags = await tagsOf(db, rows.map((row) => row.id));
  return rows.map((row) => toContact(row, tags.get(row.id) ?? []));
}
