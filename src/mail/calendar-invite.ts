import ical, { ICalAttendeeRole, ICalAttendeeStatus, ICalCalendarMethod, ICalEventStatus } from 'ical-generator';

export interface InviteArgs {
  /** Stable for the appointment's whole life, e.g. `appointment-<id>@<host>`: calendars match updates by it. */
  uid: string;
  /** Grows with every change the client is told about; a calendar ignores an update with a lower one. */
  sequence: number;
  method: 'REQUEST' | 'CANCEL';
  startsAt: Date;
  endsAt: Date;
  summary: string;
  description: string;
  location: string;
  organizer: { name: string; email: string };
  attendee: { name: string; email: string };
  /** The clinic's time zone, announced as X-WR-TIMEZONE; the times themselves are written in UTC. */
  timezone: string;
  /** When this version of the invite was made (DTSTAMP): the caller's `now`, never the wall clock. */
  stamp: Date;
}

// A quoted parameter (CN="...") may hold neither a double quote nor a control character
// (RFC 5545 §3.1); ical-generator backslash-escapes quotes, which strict parsers reject.
function parameterText(value: string): string {
  // eslint-disable-next-line no-control-regex
  return value.replace(/[\u0000-\u001f\u007f]+/g, ' ').replace(/"/g, "'").replace(/\s+/g, ' ').trim();
}

/**
 * An iCalendar (RFC 5545) invite for one appointment, to send as `text/calendar; method=...`.
 * Times are in UTC (`...Z`), so no VTIMEZONE is needed and every calendar agrees on the instant.
 * A moved appointment keeps its UID with a higher SEQUENCE; a cancelled one is METHOD:CANCEL
 * with STATUS:CANCELLED, so the client's calendar removes it.
 */
export function buildInvite(args: InviteArgs): string {
  const cancelled = args.method === 'CANCEL';
  const calendar = ical({
    prodId: { company: 'Clinicflow', product: 'Clinicflow', language: 'EN' },
    method: cancelled ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST,
    x: [['X-WR-TIMEZONE', args.timezone]],
  });
  calendar.createEvent({
    id: args.uid,
    sequence: args.sequence,
    stamp: args.stamp,
    start: args.startsAt,
    end: args.endsAt,
    summary: args.summary,
    description: args.description,
    location: args.location,
    status: cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    organizer: { name: parameterText(args.organizer.name), email: parameterText(args.organizer.email) },
    attendees: [
      {
        name: parameterText(args.attendee.name),
        email: parameterText(args.attendee.email),
        role: ICalAttendeeRole.REQ,
        ...(cancelled ? {} : { status: ICalAttendeeStatus.ACCEPTED }),
        rsvp: false,
      },
    ],
  });
  // Every content line ends with CRLF, the last one too (RFC 5545 §3.1).
  const text = calendar.toString();
  return text.endsWith('\r\n') ? text : `${text}\r\n`;
}
