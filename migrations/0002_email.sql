-- E-mail: staff-editable templates, the outbox of messages (rendered in the transaction that
-- caused them, delivered by the worker), single-use action tokens, and bounces.

CREATE TABLE mail_templates (
  key        text NOT NULL CHECK (key ~ '^[a-z_]+$'),
  locale     text NOT NULL CHECK (locale IN ('uk', 'en')),
  subject    text NOT NULL CHECK (length(subject) BETWEEN 1 AND 500),
  html       text NOT NULL CHECK (length(html) <= 200000),
  text       text NOT NULL CHECK (length(text) <= 100000),
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by uuid REFERENCES staff_users (id) ON DELETE SET NULL,
  PRIMARY KEY (key, locale)
);

CREATE TABLE outbound_messages (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  contact_id     uuid REFERENCES contacts (id),
  appointment_id uuid REFERENCES appointments (id),
  template_key   text NOT NULL,
  locale         text NOT NULL,
  to_address     text NOT NULL,
  to_name        text NOT NULL DEFAULT '',
  subject        text NOT NULL,
  html           text NOT NULL,
  text           text NOT NULL,
  -- An iCalendar invite (text/calendar) sent along, with its METHOD.
  ics            text,
  ics_method     text CHECK (ics_method IN ('REQUEST', 'CANCEL')),
  -- Stable across retries, so a resend after a crash is recognisable as the same message.
  message_id     text NOT NULL UNIQUE,
  -- At most one message per key: reminders and other once-only messages say which once.
  dedupe_key     text UNIQUE,
  status         text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sent', 'failed')),
  transport      text CHECK (transport IN ('smtp', 'mailbox')),
  attempts       integer NOT NULL DEFAULT 0,
  last_error     text,
  created_at     timestamptz NOT NULL DEFAULT now(),
  last_attempt_at timestamptz,
  sent_at        timestamptz
);
CREATE INDEX outbound_messages_created_idx ON outbound_messages (created_at DESC, id DESC);
CREATE INDEX outbound_messages_status_idx ON outbound_messages (status, created_at DESC);
CREATE INDEX outbound_messages_contact_idx ON outbound_messages (contact_id, created_at DESC);
CREATE INDEX outbound_messages_appointment_idx ON outbound_messages (appointment_id) WHERE appointment_id IS NOT NULL;

-- Links e-mailed to clients: confirm a booking, book an offered slot, sign in. Only the hash
-- of the token is kept; a token is single-use and expires.
CREATE TABLE action_tokens (
  token_hash     text PRIMARY KEY,
  purpose        text NOT NULL CHECK (purpose IN ('confirm_booking', 'rebook', 'magic_link', 'confirm_email')),
  contact_id     uuid NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
  appointment_id uuid REFERENCES appointments (id),
  data           jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at     timestamptz NOT NULL DEFAULT now(),
  expires_at     timestamptz NOT NULL,
  used_at        timestamptz
);
CREATE INDEX action_tokens_contact_idx ON action_tokens (contact_id, purpose);

ALTER TABLE contacts
  ADD COLUMN email_status text NOT NULL DEFAULT 'ok' CHECK (email_status IN ('ok', 'bouncing')),
  ADD COLUMN email_status_reason text;

-- When the appointment got its current time (made or moved): a reminder whose moment came
-- before that is not sent late.
ALTER TABLE appointments ADD COLUMN time_set_at timestamptz;
UPDATE appointments SET time_set_at = created_at;
ALTER TABLE appointments ALTER COLUMN time_set_at SET NOT NULL, ALTER COLUMN time_set_at SET DEFAULT now();
CREATE INDEX appointments_upcoming_idx ON appointments (starts_at) WHERE status IN ('confirmed', 'booked');
