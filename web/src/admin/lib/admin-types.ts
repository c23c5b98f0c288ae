// Shapes of the staff API's answers that only the console reads (the shared ones are in shared/types.ts).
import type { AppointmentStatus, Interval, Locale, Weekday } from '../../shared/types';

export type StaffRole = 'admin' | 'manager';
export type ActorType = 'client' | 'staff' | 'system' | 'api';

export interface TimelineEntry {
  id: string;
  kind: string;
  appointmentId: string | null;
  actor: { type: ActorType; id: string | null };
  data: Record<string, unknown>;
  occurredAt: string;
}

export interface InboxItem {
  contactId: string;
  contactName: string;
  contactEmail: string;
  lastMessageAt: string;
  lastMessagePreview: string;
  lastAuthor: 'client' | 'staff';
  unanswered: boolean;
  unreadCount: number;
}

export interface StaffThreadMessage {
  id: string;
  contactId: string;
  authorType: 'client' | 'staff';
  authorName: string | null;
  authorStaffId: string | null;
  body: string;
  createdAt: string;
  readByStaffAt: string | null;
  readByClientAt: string | null;
}

export type EmailStatus = 'queued' | 'sent' | 'failed';

export interface OutboxEmail {
  id: string;
  contactId: string | null;
  appointmentId: string | null;
  templateKey: string;
  locale: string;
  to: string;
  toName: string;
  subject: string;
  messageId: string;
  status: EmailStatus;
  transport: 'smtp' | 'mailbox' | null;
  attempts: number;
  lastError: string | null;
  hasInvite: boolean;
  createdAt: string;
  lastAttemptAt: string | null;
  sentAt: string | null;
}

export interface OutboxEmailDetail extends OutboxEmail {
  html: string;
  text: string;
  invite: { method: string; content: string } | null;
}

export interface TemplateSummary {
  key: string;
  locale: Locale;
  description: string;
  subject: string;
  customised: boolean;
  updatedAt: string | null;
}

export interface TemplateDetail extends TemplateSummary {
  html: string;
  text: string;
  updatedBy: string | null;
  mergeFields: string[];
}

export interface RenderedTemplate {
  subject: string;
  html: string;
  text: string;
}

export interface AuditEntry {
  id: string;
  at: string;
  actor: { type: ActorType; id: string | null; label: string };
  action: string;
  recordType: string;
  recordId: string | null;
  ip: string | null;
  details: Record<string, unknown>;
}

export interface AuditVerdict {
  ok: boolean;
  count: number;
  brokenAt?: string;
  reason?: string;
  lastHash?: string;
}

export interface StaffAccount {
  id: string;
  email: string;
  name: string;
  role: StaffRole;
  active: boolean;
}

export interface StaffSession {
  id: string;
  current: boolean;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  ip: string | null;
  userAgent: string | null;
}

export interface AdminAward {
  id: string;
  title: string;
  issuer: string;
  year: number | null;
  description: string;
  position: number;
}

export interface AdminClinic {
  name: string;
  address: string;
  phone: string;
  email: string;
  timezone: string;
  openingHours: Record<Weekday, Interval[]>;
  about: string;
  defaultLocale: Locale;
  updatedAt: string | null;
  awards: AdminAward[];
}

export interface AdminReview {
  id: string;
  authorName: string;
  text: string;
  rating: number;
  reviewedOn: string;
  specialistId: string | null;
  published: boolean;
  createdAt: string;
}

export interface DateOverride {
  date: string;
  until?: string;
  intervals: Interval[];
}

export interface Schedule {
  weekly: Record<Weekday, Interval[]>;
  overrides: DateOverride[];
}

export interface ErasureRequest {
  id: string;
  contactId: string;
  contactName: string;
  status: 'pending' | 'completed' | 'rejected';
  reason: string;
  note: string;
  requestedAt: string;
  handledAt: string | null;
}

export const STATUSES: AppointmentStatus[] = ['unconfirmed', 'confirmed', 'booked', 'completed', 'no_show', 'cancelled', 'expired'];
export const ACTIVE_STATUSES: AppointmentStatus[] = ['unconfirmed', 'confirmed', 'booked'];
