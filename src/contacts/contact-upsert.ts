import type { Db } from '../db/engine.js';
import { conflict, invalidInput } from '../http/errors.js';
import {
  addContactTags,
  contactsByEmail,
  insertNewContacts,
  touchContacts,
  updateContactFields,
  type ContactFieldsRow,
  type NewContactRow,
  type StoredContact,
} from './contact-bulk-repository.js';
import { normaliseTags } from './contact-service.js';
import type { Actor, DomainEvent, DomainEvents } from './timeline.js';

/**
 * A contact as another system sends it (the API, a row of a CSV file): found by e-mail address,
 * whatever its case. A field left out (undefined) keeps what the contact has; tags are added to
 * the contact's, never taken away (DELETE .../tags/{tag} does that).
 */
export interface ContactUpsert {
  email: string;
  name?: string | undefined;
  /** null clears the phone (the API); a CSV file's empty cell is undefined: it keeps it. */
  phone?: string | null | undefined;
  locale?: 'uk' | 'en' | undefined;
  tags?: string[] | undefined;
}

type Changes = Record<string, { from: unknown; to: unknown }>;

export type UpsertPlan =
  | { kind: 'create'; contact: NewContactRow; tags: string[] }
  | { kind: 'update'; id: string; fields: ContactFieldsRow | null; addTags: string[]; changes: Changes }
  | { kind: 'unchanged'; id: string }
  | { kind: 'refused'; fields: Record<string, string> };

export const NAME_NEEDED = 'is required for a new contact';

/** What an upsert would do to the contact with this address (null: none yet). Pure. */
export function planUpsert(existing: StoredContact | null, input: ContactUpsert): UpsertPlan {
  const name = input.name?.trim();
  const tags = normaliseTags(input.tags ?? []);
  if (!existing) {
    if (!name) return { kind: 'refused', fields: { name: NAME_NEEDED } };
    return { kind: 'create', contact: { email: input.email.trim(), name, phone: input.phone ?? null, locale: input.locale ?? 'uk' }, tags };
  }
  const changes: Changes = {};
  const next = { name: existing.name, phone: existing.phone, locale: existing.locale };
  if (name && name !== existing.name) changes.name = { from: existing.name, to: (next.name = name) };
  if (input.phone !== undefined && input.phone !== existing.phone) changes.phone = { from: existing.phone, to: (next.phone = input.phone) };
  if (input.locale !== undefined && input.locale !== existing.locale) changes.locale = { from: existing.locale, to: (next.locale = input.locale) };
  const addTags = tags.filter((tag) => !existing.tags.includes(tag));
  if (addTags.length > 0) changes.tags = { from: existing.tags, to: normaliseTags([...existing.tags, ...addTags]) };
  if (Object.keys(changes).length === 0) return { kind: 'unchanged', id: existing.id };
  const fieldsChanged = 'name' in changes || 'phone' in changes || 'locale' in changes;
  return { kind: 'update', id: existing.id, fields: fieldsChanged ? { id: existing.id, ...next } : null, addTags, changes };
}

export type UpsertOutcome = 'created' | 'updated' | 'unchanged';

/** Another transaction made a contact with one of these addresses between our read and our insert. */
class AddressTakenMeanwhile extends Error {}

/**
 * Upserts contacts by e-mail address inside the caller's transaction, in batches: the contacts
 * are read with row locks, the plans made, new ones inserted, changed ones updated, tags added,
 * and one contact.created or contact.updated event recorded per contact that changed, through
 * the same door as every other change (so webhooks see an import as they see an edit). `rows`
 * must not repeat an address. Returns each row's contact id and outcome, in order.
 */
async function upsertIn(
  trx: Db,
  events: DomainEvents,
  args: { rows: readonly ContactUpsert[]; actor: Actor; source: 'api' | 'import'; now: Date },
): Promise<Array<{ id: string; outcome: UpsertOutcome }>> {
  const { rows, actor, source, now } = args;
  const existing = await contactsByEmail(trx, rows.map((row) => row.email), { lock: true });
  const plans = rows.map((row) => planUpsert(existing.get(row.email.toLowerCase()) ?? null, row));
  const refused = plans.findIndex((plan) => plan.kind === 'refused');
  if (refused >= 0) {
    const plan = plans[refused] as Extract<UpsertPlan, { kind: 'refused' }>;
    throw invalidInput(plan.fields, rows.length === 1 ? 'Some fields are not valid.' : `The contact ${rows[refused]!.email}: a name ${NAME_NEEDED}.`);
  }

  const creates = plans.filter((plan): plan is Extract<UpsertPlan, { kind: 'create' }> => plan.kind === 'create');
  const newIds = await insertNewContacts(trx, creates.map((plan) => plan.contact), now);
  if (newIds.size !== creates.length) throw new AddressTakenMeanwhile();
  const updates = plans.filter((plan): plan is Extract<UpsertPlan, { kind: 'update' }> => plan.kind === 'update');
  await updateContactFields(trx, updates.flatMap((plan) => (plan.fields ? [plan.fields] : [])), now);
  await touchContacts(trx, updates.filter((plan) => !plan.fields).map((plan) => plan.id), now);

  const outcomes: Array<{ id: string; outcome: UpsertOutcome }> = [];
  const tagPairs: Array<{ contactId: string; tag: string }> = [];
  const recorded: DomainEvent[] = [];
  for (const plan of plans) {
    if (plan.kind === 'create') {
      const id = newIds.get(plan.contact.email.toLowerCase())!;
      for (const tag of plan.tags) tagPairs.push({ contactId: id, tag });
      recorded.push({ kind: 'contact.created', contactId: id, actor, data: { source }, at: now });
      outcomes.push({ id, outcome: 'created' });
    } else if (plan.kind === 'update') {
      for (const tag of plan.addTags) tagPairs.push({ contactId: plan.id, tag });
      recorded.push({ kind: 'contact.updated', contactId: plan.id, actor, data: { changes: plan.changes, source }, at: now });
      outcomes.push({ id: plan.id, outcome: 'updated' });
    } else if (plan.kind === 'unchanged') {
      outcomes.push({ id: plan.id, outcome: 'unchanged' });
    }
  }
  await addContactTags(trx, tagPairs);
  await events.recordMany(trx, recorded);
  return outcomes;
}

/**
 * Upserts contacts in one transaction: all of them or none. When another request creates a
 * contact with one of the addresses at the same moment, the unique index lets ours skip it, and
 * the whole transaction is run again, now seeing that contact as existing.
 */
export async function upsertContacts(
  ctx: { db: Db; events: DomainEvents },
  args: { rows: readonly ContactUpsert[]; actor: Actor; source: 'api' | 'import'; now: Date },
): Promise<Array<{ id: string; outcome: UpsertOutcome }>> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await ctx.db.transaction().execute((trx) => upsertIn(trx, ctx.events, args));
    } catch (err) {
      if (!(err instanceof AddressTakenMeanwhile)) throw err;
      if (attempt >= 3) throw conflict('contacts_changed_meanwhile', 'Other changes to these contacts kept arriving at the same moment; nothing was saved. Try again.');
    }
  }
}
