import { sql, type CompiledQuery } from 'kysely';
import type { Db } from '../db/engine.js';
import type { Appointment } from '../scheduling/appointment-repository.js';
import type { Specialist } from '../specialists/specialist-repository.js';

export type ActorType = 'client' | 'staff' | 'system' | 'api';

export interface Actor {
  type: ActorType;
  /** The staff member or API key that acted; null for the client themself and the system. */
  id: string | null;
}

export const SYSTEM: Actor = { type: 'system', id: null };

/** Something that happened to a contact, in the words staff read on the timeline. */
export interface DomainEvent {
  kind: string; // 'booking.created', 'contact.updated', ...
  contactId: string;
  appointmentId?: string | null;
  actor: Actor;
  data?: Record<string, unknown>;
  at: Date;
  /**
   * The contact, the appointment and its specialist as the change left them, when the service
   * has them in hand: reactions use them instead of reading them again. Not stored; the
   * timeline keeps `data`. Give only what is current: a reaction trusts it over the database.
   */
  subjects?: { contact?: EventContact; appointment?: Appointment; specialist?: Specialist };
}

/** The contact as an event's reactions see it (a `Contact` row is one). */
export interface EventContact {
  id: string;
  name: string;
  email: string;
  phone: string | null;
  locale: 'uk' | 'en';
  lifecycle: 'lead' | 'client';
}

export interface TimelineEntry {
  id: string;
  kind: string;
  appointmentId: string | null;
  actor: Actor;
  data: Record<string, unknown>;
  occurredAt: Date;
}

/** Appends one event to the contact's timeline. Services go through `DomainEvents.record`. */
/** The timeline rows of `events`, in the order given, as inserts of up to 1,000 rows each. */
function timelineInserts(trx: Db, events: readonly DomainEvent[]): CompiledQuery[] {
  const inserts: CompiledQuery[] = [];
  for (let start = 0; start < events.length; start += 1000) {
    inserts.push(
      trx
        .insertInto('timeline_events')
        .values(
          events.slice(start, start + 1000).map((event) => ({
            contact_id: event.contactId,
            appointment_id: event.appointmentId ?? null,
            kind: event.kind,
            actor_type: event.actor.type,
            actor_id: event.actor.id,
            data: JSON.stringify(event.data ?? {}),
            occurred_at: event.at,
          })),
        )
        .compile(),
    );
  }
  return inserts;
}

/**
 * Timeline rows not yet sent to the database, by transaction. The rows of an event go last of
 * all its writes: the first reaction that writes anyway takes them into its own statement
 * (`takeUnwrittenTimeline`, as CTEs: see db/alongside.ts), which saves a round trip per event;
 * if none does, they are written on their own once the reactions are done. Nothing reads the
 * timeline inside the transaction that writes it, and a nested event writes its cause's rows
 * first, so the timeline's order is the order things happened.
 */
const unwritten = new WeakMap<Db, CompiledQuery[]>();

/** The timeline rows waiting in this transaction, for a reaction's statement to carry; the caller must run them. */
export function takeUnwrittenTimeline(trx: Db): CompiledQuery[] {
  const inserts = unwritten.get(trx) ?? [];
  unwritten.delete(trx);
  return inserts;
}

async function writeUnwrittenTimeline(trx: Db): Promise<void> {
  for (const insert of takeUnwrittenTimeline(trx)) await trx.executeQuery(insert);
}

/**
 * Something that must happen because of an event, in the same transaction: queue an e-mail, a
 * webhook. A reaction may also offer `many`, taking a batch in one go (a CSV import records
 * 100,000 contact.created events); without it, `recordMany` calls it once per event.
 */
export type EventReaction = ((trx: Db, event: DomainEvent) => Promise<void>) & {
  many?: (trx: Db, events: readonly DomainEvent[]) => Promise<void>;
};

export interface DomainEvents {
  record(trx: Db, event: DomainEvent): Promise<void>;
  /** The same as `record` for each event in turn, with the timeline written in batches. */
  recordMany(trx: Db, events: readonly DomainEvent[]): Promise<void>;
}

/**
 * The one place every domain event passes through, inside the transaction that made it
 * happen: it appends to the contact's timeline, then runs the reactions (e-mails, webhooks,
 * later automations), so none of them can see an event that was rolled back, and none is
 * lost if the process dies after the commit.
 */
export function domainEvents(reactions: EventReaction[] = []): DomainEvents {
  const recordMany = async (trx: Db, events: readonly DomainEvent[], react: (reaction: EventReaction) => Promise<void>): Promise<void> => {
    if (events.length === 0) return;
    await writeUnwrittenTimeline(trx);
    const inserts = timelineInserts(trx, events);
    // All but the last thousand rows now; the last wait for a reaction's statement to carry them.
    // Outside a transaction every statement stands alone, so nothing waits: another caller's
    // statement could otherwise carry, or fail with, these rows.
    const waiting = trx.isTransaction ? inserts.slice(-1) : [];
    for (const insert of inserts.slice(0, inserts.length - waiting.length)) await trx.executeQuery(insert);
    if (waiting.length > 0) unwritten.set(trx, waiting);
    for (const reaction of reactions) await react(reaction);
    await writeUnwrittenTimeline(trx);
  };
  return {
    record: (trx, event) => recordMany(trx, [event], (reaction) => reaction(trx, event)),
    recordMany: (trx, events) =>
      recordMany(trx, events, async (reaction) => {
        if (reaction.many) await reaction.many(trx, events);
        else for (const event of events) await reaction(trx, event);
      }),
  };
}

export async function listTimeline(
  db: Db,
  contactId: string,
  options: { kinds?: string[]; before?: string; limit: number },
): Promise<TimelineEntry[]> {
  let query = db
    .selectFrom('timeline_events')
    .select(['id', 'kind', 'appointment_id', 'actor_type', 'actor_id', 'data', 'occurred_at'])
    .where('contact_id', '=', contactId);
  if (options.kinds && options.kinds.length > 0) {
    // A kind filter of 'booking' matches every 'booking.*' event.
    query = query.where((eb) =>
      eb.or(options.kinds!.map((kind) => eb.or([eb('kind', '=', kind), eb('kind', 'like', `${kind.replace(/[%_]/g, '')}.%`)]))),
    );
  }
  if (options.before) query = query.where('id', '<', options.before);
  const rows = await query.orderBy(sql`id`, 'desc').limit(options.limit).execute();
  return rows.map((row) => ({
    id: String(row.id),
    kind: row.kind,
    appointmentId: row.appointment_id,
    actor: { type: row.actor_type as ActorType, id: row.actor_id },
    data: (row.data ?? {}) as Record<string, unknown>,
    occurredAt: row.occurred_at,
  }));
}
