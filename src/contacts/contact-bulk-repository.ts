import { sql } from 'kysely';
import type { Db } from '../db/engine.js';

// SQL for many contacts at once (an upsert through the API, a CSV import of 100,000 rows): one
// statement per batch of rows, the rows passed as arrays and unnested, so a batch costs one round
// trip whatever its size.

const BATCH = 1000;

/** What an upsert compares against: the fields it may change, and the tags. */
export interface StoredContact {
  id: string;
  email: string;
  name: string;
  phone: string | null;
  locale: 'uk' | 'en';
  tags: string[];
}

export interface NewContactRow {
  email: string;
  name: string;
  phone: string | null;
  locale: 'uk' | 'en';
}

export interface ContactFieldsRow {
  id: string;
  name: string;
  phone: string | null;
  locale: 'uk' | 'en';
}

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < items.length; start += BATCH) out.push(items.slice(start, start + BATCH));
  return out;
}

/**
 * The contacts with these e-mail addresses (any case), keyed by the lower-cased address, with
 * their tags. `lock` takes row locks, so an upsert's read and write see the same contact.
 */
export async function contactsByEmail(db: Db, emails: readonly string[], options: { lock?: boolean } = {}): Promise<Map<string, StoredContact>> {
  const found = new Map<string, StoredContact>();
  for (const batch of chunks([...new Set(emails.map((email) => email.toLowerCase()))])) {
    let query = db
      .selectFrom('contacts')
      .select(['id', 'email', 'name', 'phone', 'locale'])
      .where(sql<string>`lower(email)`, '=', sql<string>`ANY(${batch}::text[])`);
    if (options.lock) query = query.forUpdate();
    const rows = await query.execute();
    if (rows.length === 0) continue;
    const tags = await db
      .selectFrom('contact_tags')
      .select(['contact_id', 'tag'])
      .where('contact_id', '=', sql<string>`ANY(${rows.map((row) => row.id)}::uuid[])`)
      .orderBy('tag')
      .execute();
    const tagsOf = new Map<string, string[]>();
    for (const { contact_id, tag } of tags) tagsOf.set(contact_id, [...(tagsOf.get(contact_id) ?? []), tag]);
    for (const row of rows) {
      found.set(row.email.toLowerCase(), { id: row.id, email: row.email, name: row.name, phone: row.phone, locale: row.locale as 'uk' | 'en', tags: tagsOf.get(row.id) ?? [] });
    }
  }
  return found;
}

/**
 * Inserts the contacts whose address no contact has yet; returns the new ids by lower-cased
 * address. An address taken meanwhile by another transaction is left out of the answer (the
 * unique index decides), so the caller can tell and treat that row as an update.
 */
export async function insertNewContacts(db: Db, rows: readonly NewContactRow[], now: Date): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const batch of chunks(rows)) {
    const result = await sql<{ id: string; email: string }>`
      INSERT INTO contacts (email, name, phone, locale, created_at, updated_at)
      SELECT v.email, v.name, v.phone, v.locale, ${now}, ${now}
        FROM unnest(${batch.map((r) => r.email)}::text[], ${batch.map((r) => r.name)}::text[],
                    ${batch.map((r) => r.phone)}::text[], ${batch.map((r) => r.locale)}::text[]) AS v(email, name, phone, locale)
      ON CONFLICT (lower(email)) DO NOTHING
      RETURNING id, email`.execute(db);
    for (const row of result.rows) ids.set(row.email.toLowerCase(), row.id);
  }
  return ids;
}

/** Writes name, phone and locale of each contact as given (the caller sends the values it keeps too). */
export async function updateContactFields(db: Db, rows: readonly ContactFieldsRow[], now: Date): Promise<void> {
  for (const batch of chunks(rows)) {
    await sql`
      UPDATE contacts AS c SET name = v.name, phone = v.phone, locale = v.locale, updated_at = ${now}
        FROM unnest(${batch.map((r) => r.id)}::uuid[], ${batch.map((r) => r.name)}::text[],
                    ${batch.map((r) => r.phone)}::text[], ${batch.map((r) => r.locale)}::text[]) AS v(id, name, phone, locale)
       WHERE c.id = v.id`.execute(db);
  }
}

/** Adds tags to contacts; a tag a contact already has stays as it is. */
export async function addContactTags(db: Db, pairs: ReadonlyArray<{ contactId: string; tag: string }>): Promise<void> {
  for (const batch of chunks(pairs)) {
    await sql`
      INSERT INTO contact_tags (contact_id, tag)
      SELECT * FROM unnest(${batch.map((p) => p.contactId)}::uuid[], ${batch.map((p) => p.tag)}::text[])
      ON CONFLICT DO NOTHING`.execute(db);
  }
}

export async function removeContactTags(db: Db, contactId: string, tags: readonly string[]): Promise<void> {
  if (tags.length === 0) return;
  await db.deleteFrom('contact_tags').where('contact_id', '=', contactId).where('tag', 'in', tags).execute();
}

/** Marks contacts as changed now (a change of tags alone). */
export async function touchContacts(db: Db, ids: readonly string[], now: Date): Promise<void> {
  for (const batch of chunks(ids)) {
    await db.updateTable('contacts').set({ updated_at: now }).where('id', '=', sql<string>`ANY(${batch}::uuid[])`).execute();
  }
}

/** One contact, locked for the caller's transaction; null when there is none. */
export async function lockContact(db: Db, id: string): Promise<StoredContact | null> {
  const row = await db.selectFrom('contacts').select(['id', 'email', 'name', 'phone', 'locale']).where('id', '=', id).forUpdate().executeTakeFirst();
  if (!row) return null;
  const tags = await db.selectFrom('contact_tags').select('tag').where('contact_id', '=', id).orderBy('tag').execute();
  return { id: row.id, email: row.email, name: row.name, phone: row.phone, locale: row.locale as 'uk' | 'en', tags: tags.map((t) => t.tag) };
}
