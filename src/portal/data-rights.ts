import { sql } from 'kysely';
import { findContactById } from '../contacts/contact-repository.js';
import { listTimeline, type Actor, type DomainEvents } from '../contacts/timeline.js';
import type { Db } from '../db/engine.js';
import { conflict, notFound } from '../http/errors.js';
import { forgetAnswersAbout } from '../integrations/idempotency.js';
import { eraseContactFromWebhookEvents } from '../integrations/webhook-service.js';
import { searchAppointments } from '../scheduling/appointment-repository.js';

/**
 * Everything the clinic holds on one contact, as the client downloads it: personal data,
 * appointments, the step-by-step timeline, messages and the e-mails sent. Read in one
 * transaction so the parts agree with each other.
 */
export async function exportContactData(db: Db, contactId: string, now: Date): Promise<Record<string, unknown>> {
  return db.transaction().execute(async (trx) => {
    const contact = await findContactById(trx, contactId);
    if (!contact) throw notFound('The contact', 'id');
    const appointments = await searchAppointments(trx, { contactId }, { after: null, limit: 100_000 });
    const specialists = new Map(
      (await trx.selectFrom('specialists').select(['id', 'name', 'specialty']).execute()).map((s) => [s.id, { name: s.name, specialty: s.specialty }]),
    );
    const timeline = await listTimeline(trx, contactId, { limit: 100_000 });
    const messages = await trx
      .selectFrom('messages')
      .select(['id', 'author_type', 'body', 'created_at'])
      .where('contact_id', '=', contactId)
      .orderBy('created_at')
      .execute();
    const emails = await trx
      .selectFrom('outbound_messages')
      .select(['id', 'template_key', 'to_address', 'subject', 'text', 'status', 'created_at', 'sent_at'])
      .where('contact_id', '=', contactId)
      .orderBy('created_at')
      .execute();
    const requests = await trx.selectFrom('erasure_requests').select(['id', 'status', 'requested_at', 'handled_at']).where('contact_id', '=', contactId).execute();
    return {
      format: 'clinicflow-export/1',
      exportedAt: now.toISOString(),
      contact: {
        id: contact.id,
        name: contact.name,
        email: contact.email,
        phone: contact.phone,
        dateOfBirth: contact.dateOfBirth,
        notes: contact.notes,
        locale: contact.locale,
        lifecycle: contact.lifecycle,
        tags: contact.tags,
        createdAt: contact.createdAt.toISOString(),
        updatedAt: contact.updatedAt.toISOString(),
      },
      appointments: appointments.map((a) => ({
        id: a.id,
        status: a.status,
        specialist: { id: a.specialistId, ...specialists.get(a.specialistId) },
        startsAt: a.startsAt.toISOString(),
        endsAt: a.endsAt.toISOString(),
        notes: a.notes,
        source: a.source,
        createdAt: a.createdAt.toISOString(),
      })),
      timeline: timeline.map((entry) => ({ kind: entry.kind, actor: entry.actor.type, data: entry.data, occurredAt: entry.occurredAt.toISOString() })),
      messages: messages.map((m) => ({ id: m.id, from: m.author_type === 'client' ? 'you' : 'clinic', text: m.body, at: m.created_at.toISOString() })),
      emails: emails.map((e) => ({
        id: e.id,
        kind: e.template_key,
        to: e.to_address,
        subject: e.subject,
        text: e.text,
        status: e.status,
        createdAt: e.created_at.toISOString(),
        sentAt: e.sent_at?.toISOString() ?? null,
      })),
      erasureRequests: requests.map((r) => ({ id: r.id, status: r.status, requestedAt: r.requested_at.toISOString(), handledAt: r.handled_at?.toISOString() ?? null })),
    };
  });
}

export interface ErasureRequest {
  id: string;
  contactId: string;
  contactName: string;
  status: 'pending' | 'completed' | 'rejected';
  reason: string;
  note: string;
  requestedAt: Date;
  handledAt: Date | null;
  handledBy: string | null;
}

function erasureQuery(db: Db) {
  return db
    .selectFrom('erasure_requests as r')
    .innerJoin('contacts as c', 'c.id', 'r.contact_id')
    .select(['r.id', 'r.contact_id', 'c.name', 'r.status', 'r.reason', 'r.note', 'r.requested_at', 'r.handled_at', 'r.handled_by']);
}

function toRequest(row: { id: string; contact_id: string; name: string; status: string; reason: string; note: string; requested_at: Date; handled_at: Date | null; handled_by: string | null }): ErasureRequest {
  return {
    id: row.id,
    contactId: row.contact_id,
    contactName: row.name,
    status: row.status as ErasureRequest['status'],
    reason: row.reason,
    note: row.note,
    requestedAt: row.requested_at,
    handledAt: row.handled_at,
    handledBy: row.handled_by,
  };
}

/** The client asks to be forgotten. Asking again while a request is open returns that request. */
export async function requestErasure(ctx: { db: Db; events: DomainEvents }, args: { contactId: string; reason: string; now: Date }): Promise<ErasureRequest> {
  return ctx.db.transaction().execute(async (trx) => {
    const open = await erasureQuery(trx).where('r.contact_id', '=', args.contactId).where('r.status', '=', 'pending').executeTakeFirst();
    if (open) return toRequest(open);
    const { id } = await trx
      .insertInto('erasure_requests')
      .values({ contact_id: args.contactId, reason: args.reason, requested_at: args.now })
      .returning('id')
      .executeTakeFirstOrThrow();
    await ctx.events.record(trx, { kind: 'contact.erasure_requested', contactId: args.contactId, actor: { type: 'client', id: args.contactId }, data: { requestId: id }, at: args.now });
    return toRequest((await erasureQuery(trx).where('r.id', '=', id).executeTakeFirst())!);
  });
}

/** Newest first: the latest 500 for the console's list, or every one (`limit: null`) for an export. */
export async function listErasureRequests(db: Db, status?: ErasureRequest['status'], limit: number | null = 500): Promise<ErasureRequest[]> {
  let query = erasureQuery(db);
  if (status) query = query.where('r.status', '=', status);
  query = query.orderBy('r.requested_at', 'desc').orderBy('r.id', 'desc');
  return (await (limit === null ? query : query.limit(limit)).execute()).map(toRequest);
}

const ERASED = '[erased]';

/**
 * Carries out an erasure: the contact's personal data is removed or anonymised everywhere it
 * was copied (contact, tags, appointment notes, timeline details, webhook payloads, messages,
 * e-mail copies, links, sessions), while the appointments stay as anonymous statistics (when, with whom,
 * what status). The audit log keeps its entries: they hold ids, not personal data.
 */
export async function carryOutErasure(
  ctx: { db: Db; events: DomainEvents },
  args: { requestId: string; actor: Actor; decision: 'complete' | 'reject'; note: string; now: Date },
): Promise<ErasureRequest> {
  return ctx.db.transaction().execute(async (trx) => {
    const request = await erasureQuery(trx).where('r.id', '=', args.requestId).forUpdate('r').executeTakeFirst();
    if (!request) throw notFound('The erasure request', 'id');
    if (request.status !== 'pending') throw conflict('already_handled', `This request was ${request.status} already.`, { status: `is ${request.status}` });
    const contactId = request.contact_id;
    if (args.decision === 'complete') {
      await sql`SET LOCAL clinicflow.erasure = 'on'`.execute(trx);
      await trx
        .updateTable('contacts')
        .set({
          name: 'Erased contact',
          email: `erased-${contactId}@erased.invalid`,
          phone: null,
          date_of_birth: null,
          notes: '',
          email_status: 'ok',
          email_status_reason: null,
          erased_at: args.now,
          updated_at: args.now,
        })
        .where('id', '=', contactId)
        .execute();
      await trx.deleteFrom('contact_tags').where('contact_id', '=', contactId).execute();
      await trx.updateTable('appointments').set({ notes: '' }).where('contact_id', '=', contactId).execute();
      await trx.updateTable('timeline_events').set({ data: sql`'{"erased": true}'::jsonb` as never }).where('contact_id', '=', contactId).execute();
      await eraseContactFromWebhookEvents(trx, contactId);
      await forgetAnswersAbout(trx, contactId);
      await trx.updateTable('messages').set({ body: ERASED }).where('contact_id', '=', contactId).execute();
      await trx
        .updateTable('outbound_messages')
        .set({ to_address: `erased-${contactId}@erased.invalid`, to_name: '', subject: ERASED, html: '', text: '', ics: null })
        .where('contact_id', '=', contactId)
        .execute();
      await trx.deleteFrom('action_tokens').where('contact_id', '=', contactId).execute();
      await trx.updateTable('sessions').set({ ended_at: args.now }).where('contact_id', '=', contactId).where('ended_at', 'is', null).execute();
      await trx.updateTable('erasure_requests').set({ reason: '' }).where('contact_id', '=', contactId).execute();
    }
    await trx
      .updateTable('erasure_requests')
      .set({ status: args.decision === 'complete' ? 'completed' : 'rejected', handled_at: args.now, handled_by: args.actor.id, note: args.note })
      .where('id', '=', args.requestId)
      .execute();
    await ctx.events.record(trx, {
      kind: args.decision === 'complete' ? 'contact.erased' : 'contact.erasure_rejected',
      contactId,
      actor: args.actor,
      data: { requestId: args.requestId },
      at: args.now,
    });
    return toRequest((await erasureQuery(trx).where('r.id', '=', args.requestId).executeTakeFirst())!);
  });
}
