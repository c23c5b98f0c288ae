import { findClinic } from '../clinic/clinic-repository.js';
import type { Db } from '../db/engine.js';
import { formatInstant } from '../http/instant.js';
import type { Appointment } from '../scheduling/appointment-repository.js';
import type { Specialist } from '../specialists/specialist-repository.js';
import { buildInvite } from './calendar-invite.js';
import { formatForMail, type MailData, type MailLocale } from './mail-data.js';

export interface MailLinks {
  publicUrl: string;
}

/** Where e-mailed links lead; one place, so the web app and the e-mails agree. */
export function links(publicUrl: string) {
  return {
    confirm: (token: string): string => `${publicUrl}/booking/confirm?token=${encodeURIComponent(token)}`,
    rebook: (token: string): string => `${publicUrl}/booking/rebook?token=${encodeURIComponent(token)}`,
    confirmed: (appointmentId: string): string => `${publicUrl}/booking/confirmed?id=${encodeURIComponent(appointmentId)}`,
    portal: (appointmentId?: string): string => (appointmentId ? `${publicUrl}/portal/appointments/${appointmentId}` : `${publicUrl}/portal`),
    bookAgain: (specialistId?: string): string => (specialistId ? `${publicUrl}/book?specialist=${specialistId}` : `${publicUrl}/book`),
    signIn: (): string => `${publicUrl}/portal/sign-in`,
    home: (): string => `${publicUrl}/`,
  };
}

export interface BookingMailFacts {
  clinic: MailData['clinic'];
  appointment: NonNullable<MailData['appointment']>;
}

type ClinicRow = { name: string; address: string; phone: string; email: string; defaultLocale: string } | null;

/** The clinic as every e-mail names it, with sensible blanks before the profile is filled in. */
export function clinicForMail(clinic: ClinicRow, publicUrl: string): MailData['clinic'] & { defaultLocale: MailLocale } {
  return {
    name: clinic?.name ?? 'Clinic',
    address: clinic?.address ?? '',
    phone: clinic?.phone ?? '',
    email: clinic?.email ?? '',
    website: publicUrl,
    defaultLocale: clinic?.defaultLocale === 'en' ? 'en' : 'uk',
  };
}

/** The clinic as every e-mail names it, read from the database. */
export async function mailClinic(db: Db, publicUrl: string): Promise<MailData['clinic'] & { defaultLocale: MailLocale }> {
  return clinicForMail(await findClinic(db), publicUrl);
}

/**
 * What every appointment e-mail says about the clinic and the appointment, in the client's
 * language. `clinic`: the clinic's row when the caller already read it.
 */
export async function bookingFacts(
  trx: Db,
  args: { appointment: Appointment; specialist: Specialist; locale: MailLocale; timezone: string; publicUrl: string; clinic?: ClinicRow },
): Promise<BookingMailFacts> {
  const { defaultLocale: _locale, ...clinic } = args.clinic !== undefined ? clinicForMail(args.clinic, args.publicUrl) : await mailClinic(trx, args.publicUrl);
  const when = formatForMail(args.appointment.startsAt, args.timezone, args.locale);
  return {
    clinic,
    appointment: {
      id: args.appointment.id,
      ...when,
      startsAt: formatInstant(args.appointment.startsAt, args.timezone),
      endsAt: formatInstant(args.appointment.endsAt, args.timezone),
      specialist: { name: args.specialist.name, specialty: args.specialist.specialty },
      // The status code (booked, cancelled, ...): templates branch on it.
      status: args.appointment.status,
      notes: args.appointment.notes,
    },
  };
}

/** The calendar invite for an appointment: one UID for its whole life, SEQUENCE from its changes. */
export function appointmentInvite(args: {
  appointment: Appointment;
  specialist: Specialist;
  clinic: MailData['clinic'];
  method: 'REQUEST' | 'CANCEL';
  from: string;
  host: string;
  timezone: string;
  now: Date;
}): { method: 'REQUEST' | 'CANCEL'; content: string } {
  const address = /<([^>]+)>/.exec(args.from)?.[1] ?? args.from;
  return {
    method: args.method,
    content: buildInvite({
      uid: `appointment-${args.appointment.id}@${args.host}`,
      sequence: args.appointment.sequence,
      method: args.method,
      startsAt: args.appointment.startsAt,
      endsAt: args.appointment.endsAt,
      summary: `${args.clinic.name}: ${args.specialist.name} (${args.specialist.specialty})`,
      description: args.appointment.notes,
      location: args.clinic.address,
      organizer: { name: args.clinic.name, email: args.clinic.email || address },
      attendee: { name: args.appointment.contact.name, email: args.appointment.contact.email },
      timezone: args.timezone,
      stamp: args.now,
    }),
  };
}
