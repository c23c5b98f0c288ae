import type { ColumnType, Generated } from 'kysely';

// Row types of the tables in migrations/. `Generated` columns may be left out on insert;
// `date` and `time` columns arrive as strings ('YYYY-MM-DD', 'HH:MM:SS'), timestamptz as Date.

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface ClinicTable {
  id: Generated<number>;
  name: string;
  address: Generated<string>;
  phone: Generated<string>;
  email: Generated<string>;
  opening_hours: ColumnType<unknown, string | undefined, string>;
  about: Generated<string>;
  default_locale: Generated<string>;
  updated_at: Timestamp;
}

export interface AwardTable {
  id: Generated<string>;
  title: string;
  issuer: Generated<string>;
  year: number | null;
  description: Generated<string>;
  position: Generated<number>;
  created_at: Timestamp;
}

export interface SpecialistTable {
  id: Generated<string>;
  name: string;
  specialty: string;
  bio: Generated<string>;
  photo_url: string | null;
  consultation_minutes: number;
  buffer_minutes: Generated<number>;
  min_notice_minutes: Generated<number>;
  horizon_days: Generated<number>;
  active: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SpecialistWorkingHoursTable {
  specialist_id: string;
  weekday: number;
  starts_at: string;
  ends_at: string;
}

export interface SpecialistDateOverrideTable {
  id: Generated<string>;
  specialist_id: string;
  first_day: string;
  last_day: string;
  intervals: ColumnType<unknown, string, string>;
}

export interface ReviewTable {
  id: Generated<string>;
  author_name: string;
  text: string;
  rating: number;
  reviewed_on: string;
  published: Generated<boolean>;
  specialist_id: string | null;
  created_at: Timestamp;
}

export interface ContactTable {
  id: Generated<string>;
  email: string;
  name: string;
  phone: string | null;
  date_of_birth: string | null;
  notes: Generated<string>;
  locale: Generated<string>;
  lifecycle: Generated<string>;
  email_status: Generated<string>;
  email_status_reason: string | null;
  erased_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ContactTagTable {
  contact_id: string;
  tag: string;
}

export interface AppointmentTable {
  id: Generated<string>;
  specialist_id: string;
  contact_id: string;
  starts_at: ColumnType<Date, Date, Date>;
  ends_at: ColumnType<Date, Date, Date>;
  status: string;
  source: string;
  notes: Generated<string>;
  locale: Generated<string>;
  hold_expires_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  sequence: Generated<number>;
  time_set_at: Timestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface StaffUserTable {
  id: Generated<string>;
  email: string;
  name: Generated<string>;
  role: string;
  password_hash: string;
  active: Generated<boolean>;
  created_at: Timestamp;
}

export interface ApiKeyTable {
  id: Generated<string>;
  name: string;
  scopes: string[];
  key_hash: string;
  key_prefix: string;
  created_by: string | null;
  created_at: Timestamp;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

export interface SessionTable {
  id: string;
  staff_user_id: string | null;
  contact_id: string | null;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: ColumnType<Date, Date, Date>;
  ended_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  ip: string | null;
  user_agent: string | null;
}

export interface TimelineEventTable {
  id: Generated<string>;
  contact_id: string;
  appointment_id: string | null;
  kind: string;
  actor_type: string;
  actor_id: string | null;
  data: ColumnType<unknown, string | undefined, never>;
  occurred_at: Timestamp;
}

export interface MailTemplateTable {
  key: string;
  locale: string;
  subject: string;
  html: string;
  text: string;
  updated_at: Timestamp;
  updated_by: string | null;
}

export interface OutboundMessageTable {
  id: Generated<string>;
  contact_id: string | null;
  appointment_id: string | null;
  template_key: string;
  locale: string;
  to_address: string;
  to_name: Generated<string>;
  subject: string;
  html: string;
  text: string;
  ics: string | null;
  ics_method: string | null;
  message_id: string;
  dedupe_key: string | null;
  status: Generated<string>;
  transport: string | null;
  attempts: Generated<number>;
  last_error: string | null;
  created_at: Timestamp;
  last_attempt_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  sent_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

export interface ActionTokenTable {
  token_hash: string;
  purpose: string;
  contact_id: string;
  appointment_id: string | null;
  data: ColumnType<unknown, string | undefined, string>;
  created_at: Timestamp;
  expires_at: ColumnType<Date, Date, Date>;
  used_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

export interface MessageTable {
  id: Generated<string>;
  contact_id: string;
  author_type: string;
  author_staff_id: string | null;
  body: string;
  created_at: Timestamp;
  read_by_staff_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  read_by_client_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

export interface MessageThreadTable {
  contact_id: string;
  last_message_id: string;
  last_message_at: ColumnType<Date, Date, Date>;
  last_author_type: string;
  unanswered: ColumnType<boolean, never, never>;
  created_at: Timestamp;
}

// Append-only: no column can be updated (the table's trigger refuses it too).
export interface AuditLogTable {
  id: ColumnType<string, string, never>;
  at: ColumnType<Date, Date, never>;
  actor_type: ColumnType<string, string, never>;
  actor_id: ColumnType<string | null, string | null, never>;
  actor_label: ColumnType<string, string, never>;
  action: ColumnType<string, string, never>;
  record_type: ColumnType<string, string, never>;
  record_id: ColumnType<string | null, string | null, never>;
  ip: ColumnType<string | null, string | null, never>;
  details: ColumnType<unknown, string, never>;
  prev_hash: ColumnType<string, string, never>;
  hash: ColumnType<string, string, never>;
}

export interface AuditHeadTable {
  id: number;
  last_id: string;
  last_hash: string;
}

export interface LoginFailureTable {
  id: Generated<string>;
  email: string;
  ip: string | null;
  failed_at: Timestamp;
}

export interface ErasureRequestTable {
  id: Generated<string>;
  contact_id: string;
  requested_at: Timestamp;
  reason: Generated<string>;
  status: Generated<string>;
  handled_by: string | null;
  handled_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  note: Generated<string>;
}

export interface WebhookSubscriptionTable {
  id: Generated<string>;
  event_type: string;
  target_url: string;
  secret: string;
  origin: string;
  created_by_staff_id: string | null;
  created_by_api_key_id: string | null;
  created_at: Timestamp;
  removed_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  removed_reason: string | null;
}

export interface WebhookEventTable {
  id: string;
  seq: ColumnType<string, never, never>;
  type: string;
  version: number;
  payload: ColumnType<unknown, string, string>;
  contact_id: string | null;
  occurred_at: ColumnType<Date, Date, Date>;
}

export interface WebhookDeliveryTable {
  id: Generated<string>;
  event_id: string;
  subscription_id: string;
  state: Generated<string>;
  job_id: string | null;
  attempts: Generated<number>;
  created_at: Timestamp;
  last_attempt_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  delivered_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

// Append-only (the table's trigger refuses updates).
export interface WebhookDeliveryAttemptTable {
  id: ColumnType<string, never, never>;
  delivery_id: ColumnType<string, string, never>;
  attempted_at: ColumnType<Date, Date, never>;
  duration_ms: ColumnType<number, number, never>;
  status_code: ColumnType<number | null, number | null, never>;
  error: ColumnType<string | null, string | null, never>;
  response_snippet: ColumnType<string | null, string | null, never>;
  outcome: ColumnType<string, string, never>;
}

/** An Idempotency-Key's claim and, once given, the answer a repeat gets back (migrations/0008). */
export interface IdempotencyKeyTable {
  caller: string;
  route: string;
  key: string;
  fingerprint: string;
  response_status: number | null;
  response_type: string | null;
  response_body: string | null;
  created_at: Timestamp;
  expires_at: ColumnType<Date, Date, Date>;
  completed_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

/** Hits of one route and address in the current window, shared by a server's processes (migrations/0010). */
export interface RateLimitWindowTable {
  key: string;
  hits: number;
  ends_at: Date;
}

export interface SchemaMigrationTable {
  version: string;
  applied_at: Timestamp;
}

export interface Database {
  clinic: ClinicTable;
  awards: AwardTable;
  specialists: SpecialistTable;
  specialist_working_hours: SpecialistWorkingHoursTable;
  specialist_date_overrides: SpecialistDateOverrideTable;
  reviews: ReviewTable;
  contacts: ContactTable;
  contact_tags: ContactTagTable;
  appointments: AppointmentTable;
  staff_users: StaffUserTable;
  sessions: SessionTable;
  api_keys: ApiKeyTable;
  timeline_events: TimelineEventTable;
  mail_templates: MailTemplateTable;
  outbound_messages: OutboundMessageTable;
  action_tokens: ActionTokenTable;
  messages: MessageTable;
  message_threads: MessageThreadTable;
  login_failures: LoginFailureTable;
  erasure_requests: ErasureRequestTable;
  idempotency_keys: IdempotencyKeyTable;
  rate_limit_windows: RateLimitWindowTable;
  schema_migrations: SchemaMigrationTable;
  audit_log: AuditLogTable;
  audit_head: AuditHeadTable;
  webhook_subscriptions: WebhookSubscriptionTable;
  webhook_events: WebhookEventTable;
  webhook_deliveries: WebhookDeliveryTable;
  webhook_delivery_attempts: WebhookDeliveryAttemptTable;
}
