import { findContactByEmail } from '../contacts/contact-repository.js';
import type { DomainEvents } from '../contacts/timeline.js';
import type { Db } from '../db/engine.js';
import type { JobQueue } from '../jobs/job-queue.js';
import { links, mailClinic } from '../mail/booking-mail-data.js';
import { queueEmail, type OutboxSettings } from '../mail/outbox.js';
import { createActionToken, lookUpActionToken, markTokenUsed } from './action-tokens.js';
import { startClientSession } from './sessions.js';

export const MAGIC_LINK_MINUTES = 15;

export interface MagicLinkContext {
  db: Db;
  events: DomainEvents;
  queue: JobQueue;
  outbox: OutboxSettings;
  config: { publicUrl: string; clientChangeCutoffHours: number };
}

/**
 * Where a sign-in link leads: a page with one button that signs the client in (a POST) and opens
 * the portal. Opening the link alone changes nothing (mail scanners open every link).
 */
export function signInLink(publicUrl: string, token: string): string {
  return `${publicUrl}/api/auth/magic-link/verify?token=${encodeURIComponent(token)}`;
}

/**
 * A client asks for a sign-in link. Whether or not the address belongs to a client, the caller
 * answers the same, so no one can find out who is a patient here. Only clients (contacts who
 * confirmed a booking) get a link; leads confirm their booking first.
 */
export async function requestMagicLink(ctx: MagicLinkContext, email: string, now: Date): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const contact = await findContactByEmail(trx, email);
    if (!contact || contact.lifecycle !== 'client') return;
    const erased = await trx.selectFrom('contacts').select('erased_at').where('id', '=', contact.id).executeTakeFirst();
    if (erased?.erased_at) return;
    const token = await createActionToken(trx, {
      purpose: 'magic_link',
      contactId: contact.id,
      expiresAt: new Date(now.getTime() + MAGIC_LINK_MINUTES * 60_000),
      now,
    });
    const { defaultLocale: _locale, ...clinic } = await mailClinic(trx, ctx.config.publicUrl);
    await queueEmail(
      trx,
      ctx,
      {
        templateKey: 'magic_link',
        locale: contact.locale,
        contactId: contact.id,
        data: {
          client: { name: contact.name, email: contact.email },
          clinic,
          links: { signIn: signInLink(ctx.config.publicUrl, token), portal: links(ctx.config.publicUrl).portal() },
          cutoffHours: ctx.config.clientChangeCutoffHours,
          expiresInMinutes: MAGIC_LINK_MINUTES,
        },
      },
      now,
    );
  });
}

export type MagicLinkOutcome = { outcome: 'signed_in'; contactId: string; sessionToken: string } | { outcome: 'expired' | 'used' | 'unknown' };

/** Whether a sign-in link still works, without using it: for the page that asks to press the button. */
export async function checkMagicLink(db: Db, token: string, now: Date): Promise<'valid' | 'expired' | 'used' | 'unknown'> {
  return (await lookUpActionToken(db, token, 'magic_link', now)).state;
}

/** The client pressed Sign in on the link's page: single use, 15 minutes. */
export async function signInWithMagicLink(
  ctx: { db: Db; events: DomainEvents },
  token: string,
  visit: { ip: string | null; userAgent: string | null; now: Date },
): Promise<MagicLinkOutcome> {
  return ctx.db.transaction().execute(async (trx): Promise<MagicLinkOutcome> => {
    const found = await lookUpActionToken(trx, token, 'magic_link', visit.now);
    if (found.state !== 'valid') return { outcome: found.state };
    await markTokenUsed(trx, found.hash, visit.now);
    const sessionToken = await startClientSession(trx, { contactId: found.token.contactId, ...visit });
    await ctx.events.record(trx, { kind: 'client.signed_in', contactId: found.token.contactId, actor: { type: 'client', id: null }, data: { via: 'magic_link' }, at: visit.now });
    return { outcome: 'signed_in', contactId: found.token.contactId, sessionToken };
  });
}
