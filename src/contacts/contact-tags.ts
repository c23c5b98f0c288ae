import type { Db } from '../db/engine.js';
import { notFound } from '../http/errors.js';
import { addContactTags, lockContact, removeContactTags, touchContacts } from './contact-bulk-repository.js';
import { normaliseTags } from './contact-service.js';
import type { Actor, DomainEvents } from './timeline.js';

/**
 * Puts tags on a contact and takes others off, leaving the rest as they are (so two integrations
 * tagging one contact at once both keep their tag: the contact's row is locked meanwhile). A
 * change is recorded as contact.updated with the tags before and after; no change, no event.
 * Returns the contact's tags now.
 */
export async function changeTags(
  ctx: { db: Db; events: DomainEvents },
  args: { contactId: string; add?: string[]; remove?: string[]; actor: Actor; now: Date },
): Promise<string[]> {
  return ctx.db.transaction().execute(async (trx) => {
    const contact = await lockContact(trx, args.contactId);
    if (!contact) throw notFound('The contact', 'id');
    const add = normaliseTags(args.add ?? []).filter((tag) => !contact.tags.includes(tag));
    const remove = normaliseTags(args.remove ?? []).filter((tag) => contact.tags.includes(tag));
    const after = normaliseTags([...contact.tags.filter((tag) => !remove.includes(tag)), ...add]);
    if (add.length === 0 && remove.length === 0) return contact.tags;
    await addContactTags(trx, add.map((tag) => ({ contactId: contact.id, tag })));
    await removeContactTags(trx, contact.id, remove);
    await touchContacts(trx, [contact.id], args.now);
    await ctx.events.record(trx, { kind: 'contact.updated', contactId: contact.id, actor: args.actor, data: { changes: { tags: { from: contact.tags, to: after } } }, at: args.now });
    return after;
  });
}
