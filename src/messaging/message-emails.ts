import { mailClinic } from '../mail/booking-mail-data.js';
import type { Contact } from '../contacts/contact-repository.js';
import type { Db } from '../db/engine.js';
import type { MailData } from '../mail/mail-data.js';
import { queueEmail, type OutboxContext } from '../mail/outbox.js';
import { findStaffToNotify } from '../accounts/staff-repository.js';
import type { Message } from './message-repository.js';

export interface MessageEmailSettings {
  publicUrl: string;
  /** The 5-hour rule, which every message's merge data carries. */
  cutoffHours: number;
}

/** Where the e-mails about messages lead: the client's portal, the thread in the console. */
export function messageLinks(publicUrl: string): { portal: () => string; console: (contactId: string) => string } {
  return {
    portal: (): string => `${publicUrl}/portal/messages`,
    console: (contactId: string): string => `${publicUrl}/admin/contacts/${contactId}`,
  };
}

async function clinicFacts(trx: Db, publicUrl: string): Promise<{ clinic: MailData['clinic']; locale: 'uk' | 'en' }> {
  const { defaultLocale, ...clinic } = await mailClinic(trx, publicUrl);
  return { clinic, locale: defaultLocale };
}

/**
 * A client wrote: every active administrator and manager gets `message_to_staff`, in the
 * clinic's language, with the text and a link to the thread in the console. Written into the
 * outbox inside the caller's transaction; the worker sends them. Returns how many were queued.
 */
export async function queueMessageToStaff(
  trx: Db,
  ctx: OutboxContext,
  settings: MessageEmailSettings,
  args: { contact: Contact; message: Message; now: Date },
): Promise<number> {
  const recipients = await findStaffToNotify(trx);
  if (recipients.length === 0) return 0;
  const { clinic, locale } = await clinicFacts(trx, settings.publicUrl);
  const data: MailData = {
    client: { name: args.contact.name, email: args.contact.email },
    clinic,
    links: { console: messageLinks(settings.publicUrl).console(args.contact.id) },
    message: { text: args.message.body, from: args.contact.name },
    cutoffHours: settings.cutoffHours,
  };
  for (const staff of recipients) {
    await queueEmail(trx, ctx, { templateKey: 'message_to_staff', locale, data, contactId: null, to: { address: staff.email, name: staff.name } }, args.now);
  }
  return recipients.length;
}

/**
 * The clinic answered: the client gets `message_to_client` in their language, with the text,
 * who wrote it and a link to the thread in their portal. Same transaction as the answer.
 */
export async function queueMessageToClient(
  trx: Db,
  ctx: OutboxContext,
  settings: MessageEmailSettings,
  args: { contact: Contact; message: Message; now: Date },
): Promise<void> {
  const { clinic } = await clinicFacts(trx, settings.publicUrl);
  await queueEmail(
    trx,
    ctx,
    {
      templateKey: 'message_to_client',
      locale: args.contact.locale,
      contactId: args.contact.id,
      data: {
        client: { name: args.contact.name, email: args.contact.email },
        clinic,
        links: { portal: messageLinks(settings.publicUrl).portal() },
        // A staff member without a name (or since removed) signs as the clinic.
        message: { text: args.message.body, from: args.message.authorName || clinic.name },
        cutoffHours: settings.cutoffHours,
      },
    },
    args.now,
  );
}
