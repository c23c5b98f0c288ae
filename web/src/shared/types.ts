// Shapes of the API's answers, as the pages use them (see /api/openapi.json for the full contract).

export type Locale = 'uk' | 'en';
export interface Interval {
  start: string;
  end: string;
}
export type Weekday = 'monday' | 'tuesday' | 'wednesday' | 'thursday' | 'friday' | 'saturday' | 'sunday';
export const WEEKDAYS: Weekday[] = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

export interface Clinic {
  name: string;
  address: string;
  phone: string;
  email: string;
  timezone: string;
  openingHours: Record<Weekday, Interval[]>;
  about: string;
  awards: Array<{ id: string; title: string; issuer: string; year: number | null; description: string }>;
}

export interface Review {
  id: string;
  authorName: string;
  text: string;
  rating: number;
  reviewedOn: string;
  specialistId: string | null;
}

export interface Specialist {
  id: string;
  name: string;
  specialty: string;
  bio: string;
  photoUrl: string | null;
  consultationMinutes: number;
  bufferMinutes: number;
  minNoticeMinutes: number;
  horizonDays: number;
  active: boolean;
}

export interface Slot {
  startsAt: string;
  endsAt: string;
}

export interface SlotsAnswer {
  specialistId: string;
  date?: string;
  from?: string;
  to?: string;
  timezone: string;
  slots: Slot[];
}

export type AppointmentStatus = 'unconfirmed' | 'confirmed' | 'booked' | 'completed' | 'no_show' | 'cancelled' | 'expired';

export interface ClientBooking {
  id: string;
  status: AppointmentStatus;
  specialist: { id: string; name: string; specialty: string };
  startsAt: string;
  endsAt: string;
  notes: string;
  changeableUntil: string;
  canChange: boolean;
}

export interface Profile {
  id: string;
  name: string;
  email: string;
  phone: string | null;
  locale: Locale;
  lifecycle: string;
}

export interface ThreadMessage {
  id: string;
  authorType: 'client' | 'staff';
  authorName: string;
  body: string;
  createdAt: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface StaffBooking {
  id: string;
  status: AppointmentStatus;
  specialistId: string;
  startsAt: string;
  endsAt: string;
  contact: { id: string; name: string; email: string; phone: string | null };
  notes: string;
  source: 'site' | 'staff' | 'api';
  locale: Locale;
  holdExpiresAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface Contact {
  id: string;
  name: string;
  email: string;
  phone: string | null;
  dateOfBirth: string | null;
  notes: string;
  locale: Locale;
  lifecycle: 'lead' | 'client';
  tags: string[];
  createdAt: string;
  updatedAt: string;
}

export interface StaffMe {
  id: string;
  email: string;
  name: string;
  role: 'admin' | 'manager';
}
