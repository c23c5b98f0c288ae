import type { Db } from '../db/engine.js';
import { conflict, invalidInput, notFound } from '../http/errors.js';
import { findContactByEmail, findContactById, replaceTags, updateContact, type Contact, type ContactChanges } from './contact-repository.js';
import type { Actor, DomainEvents } from './timeline.js';

export function normaliseTags(tags: string[]): string[] {
  return [...new Set(tags.map((tag) => tag.trim().toLowerCase()).filter((tag) => tag.length > 0))].sort();
}

/** What changed between two versions of a contact, as `{field: {from, to}}` for the timeline. Pure. */
export function contactChanges(before: Contact, after: ContactChanges & { tags?: string[] }): Record<string, { from: unknown; to: unknown }> {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const [field, to] of Object.entries(after)) {
    if (to === undefined) continue;
    const from = before[field as keyof Contact];
    if (JSON.stringify(from) !== JSON.stringify(to)) changes[field] = { from, to };
  }
  return changes;
}

/** Staff edit a contact's personal data; the timeline keeps who changed what. */
export async function editContact(
  ctx: { db: Db; events: DomainEvents },
  args: { contactId: string; patch: ContactChanges & { tags?: string[] }; actor: Actor; now: Date },
): Promise<Contact> {
  return ctx.db.transaction().execute(async (trx) => {
    const before = await findContactById(trx, args.contactId);
    if (!before) throw notFound('The contact', 'id');
    const { tags, ...fields } = args.patch;
    const patch = { ...fields, ...(tags !== undefined ? { tags: normaliseTags(tags) } : {}) };
    if (patch.email !== undefined && patch.email.toLowerCase() !== before.email.toLowerCase()) {
      const owner = await findContactByEmail(trx, patch.email);
      if (owner) throw conflict('already_exists', 'Another contact already has this e-mail address.', { email: 'is used by another contact' });
    }
    if (patch.dateOfBirth && patch.dateOfBirth > args.now.toISOString().slice(0, 10)) {
      throw invalidInput({ dateOfBirth: 'is in the future' });
    }
    const changes = contactChanges(before, patch);
    if (Object.keys(changes).length === 0) return before;
    await updateContact(trx, args.contactId, fields, args.now);
    if (patch.tags !== undefined) await replaceTags(trx, args.contactId, patch.tags);
    await ctx.events.record(trx, { kind: 'contact.updated', contactId: args.contactId, actor: args.actor, data: { changes }, at: args.now });
    const after = await findContactById(trx, args.contactId);
    return after!;
  });
}
