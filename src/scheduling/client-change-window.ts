// The clinic's rule: a client may cancel or move their own appointment until `cutoffHours`
// before it starts; after that they must phone the front desk (staff are not bound by it).
//
// The cutoff counts elapsed hours, not wall-clock hours: on a DST night "5 hours before" is still
// five real hours, so the deadline in the e-mail and the check here can never disagree.

const HOUR_MS = 3_600_000;

/** The last moment a client may still change the appointment themselves. */
export function clientChangeDeadline(startsAt: Date, cutoffHours: number): Date {
  return new Date(startsAt.getTime() - cutoffHours * HOUR_MS);
}

/** True while `now` is at or before the deadline: the deadline minute itself still counts. */
export function clientMayChange(args: { startsAt: Date; now: Date; cutoffHours: number }): boolean {
  return args.now.getTime() <= clientChangeDeadline(args.startsAt, args.cutoffHours).getTime();
}
