// The life of an appointment, as a pure state machine. The booking service loads the appointment,
// asks `nextStatus`, and persists the answer together with a timeline event.
//
//   unconfirmed ─confirm (client/system)─▶ confirmed ─approve (staff)─▶ booked
//   unconfirmed ─expire (system, once the hold has run out)─▶ expired
//   confirmed | booked ─complete / mark_no_show (staff, once the visit has started)─▶ completed / no_show
//   unconfirmed | confirmed | booked ─cancel (anyone)─▶ cancelled
//
// Whether a *client* is still allowed to cancel or move is the 5-hour rule in client-change-window.ts;
// this file only knows which moves exist at all.

export const APPOINTMENT_STATUSES = [
  'unconfirmed',
  'confirmed',
  'booked',
  'completed',
  'no_show',
  'cancelled',
  'expired',
] as const;
export type AppointmentStatus = (typeof APPOINTMENT_STATUSES)[number];

/** These hold the specialist's time: they count as busy when computing free slots. */
export const ACTIVE_STATUSES: readonly AppointmentStatus[] = ['unconfirmed', 'confirmed', 'booked'];

export type AppointmentAction = 'confirm' | 'approve' | 'complete' | 'mark_no_show' | 'cancel' | 'expire';
export type Actor = 'client' | 'staff' | 'system';

export type TransitionRefusal = 'invalid_transition' | 'not_yet_started' | 'hold_not_expired';

export type TransitionResult =
  | { ok: true; status: AppointmentStatus }
  | { ok: false; code: TransitionRefusal; message: string };

export interface TransitionRequest {
  status: AppointmentStatus;
  action: AppointmentAction;
  actor: Actor;
  startsAt: Date;
  /** When an unconfirmed appointment stops holding its slot; null when it holds none. */
  holdExpiresAt: Date | null;
  now: Date;
}

interface Transition {
  from: readonly AppointmentStatus[];
  to: AppointmentStatus;
  actors: readonly Actor[];
  /** A time condition checked only after status and actor are allowed. */
  guard?: (request: TransitionRequest) => TransitionResult | null;
}

const ANYONE: readonly Actor[] = ['client', 'staff', 'system'];

// A visit can only be recorded as attended or missed once it has begun; before that either
// would be a guess, and a no-show e-mail sent early would be plainly wrong.
const visitHasStarted = (request: TransitionRequest): TransitionResult | null =>
  request.now.getTime() >= request.startsAt.getTime()
    ? null
    : refuse('not_yet_started', `Cannot ${DOING[request.action]} before the visit starts.`);

const holdHasExpired = (request: TransitionRequest): TransitionResult | null =>
  request.holdExpiresAt !== null && request.now.getTime() >= request.holdExpiresAt.getTime()
    ? null
    : refuse(
        'hold_not_expired',
        request.holdExpiresAt === null
          ? 'Cannot expire an appointment that has no hold.'
          : 'Cannot expire an appointment before its hold runs out.',
      );

const TRANSITIONS: Record<AppointmentAction, Transition> = {
  // The client confirms from the e-mail link; the system may confirm on their behalf
  // (e.g. a returning client whose address is already verified).
  confirm: { from: ['unconfirmed'], to: 'confirmed', actors: ['client', 'system'] },
  approve: { from: ['confirmed'], to: 'booked', actors: ['staff'] },
  complete: { from: ['confirmed', 'booked'], to: 'completed', actors: ['staff'], guard: visitHasStarted },
  mark_no_show: { from: ['confirmed', 'booked'], to: 'no_show', actors: ['staff'], guard: visitHasStarted },
  cancel: { from: ACTIVE_STATUSES, to: 'cancelled', actors: ANYONE },
  expire: { from: ['unconfirmed'], to: 'expired', actors: ['system'], guard: holdHasExpired },
};

/** What an appointment becomes when `actor` performs `action` at `now`, or why it cannot. */
export function nextStatus(request: TransitionRequest): TransitionResult {
  const { status, action, actor } = request;
  const transition = TRANSITIONS[action];
  if (!transition.from.includes(status)) {
    return refuse(
      'invalid_transition',
      `An appointment that is ${STATUS_WORDS[status]} cannot be ${DONE[action]}.`,
    );
  }
  if (!transition.actors.includes(actor)) {
    return refuse(
      'invalid_transition',
      `Only ${listActors(transition.actors)} can ${DOING[action]}, not ${ACTOR_WORDS[actor]} (it is ${STATUS_WORDS[status]}).`,
    );
  }
  return transition.guard?.(request) ?? { ok: true, status: transition.to };
}

/**
 * The status after the appointment is moved to another time, or null when it cannot be moved.
 * A client moving a booked visit sends it back to `confirmed`: staff must set it up with the
 * specialist again. Staff (and the system) moves keep the status.
 */
export function statusAfterReschedule(status: AppointmentStatus, actor: Actor): AppointmentStatus | null {
  if (!isActive(status)) return null;
  if (actor === 'client' && status === 'booked') return 'confirmed';
  return status;
}

export function isActive(status: AppointmentStatus): boolean {
  return ACTIVE_STATUSES.includes(status);
}

function refuse(code: TransitionRefusal, message: string): TransitionResult {
  return { ok: false, code, message };
}

// Messages are read by staff in the admin screens and by clients on the manage-booking page.
const DOING: Record<AppointmentAction, string> = {
  confirm: 'confirm an appointment',
  approve: 'approve an appointment',
  complete: 'complete an appointment',
  mark_no_show: 'mark an appointment as a no-show',
  cancel: 'cancel an appointment',
  expire: 'expire an appointment',
};

const DONE: Record<AppointmentAction, string> = {
  confirm: 'confirmed',
  approve: 'approved',
  complete: 'completed',
  mark_no_show: 'marked as a no-show',
  cancel: 'cancelled',
  expire: 'expired',
};

const STATUS_WORDS: Record<AppointmentStatus, string> = {
  unconfirmed: 'unconfirmed',
  confirmed: 'confirmed',
  booked: 'booked',
  completed: 'completed',
  no_show: 'marked as a no-show',
  cancelled: 'cancelled',
  expired: 'expired',
};

const ACTOR_WORDS: Record<Actor, string> = { client: 'the client', staff: 'staff', system: 'the system' };

function listActors(actors: readonly Actor[]): string {
  return actors.map((actor) => ACTOR_WORDS[actor]).join(' or ');
}
